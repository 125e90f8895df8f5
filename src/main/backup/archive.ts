/**
 * The backup file: a SQLite snapshot, gzip-compressed and sealed with
 * AES-256-GCM, behind a small header.
 *
 *   "EDBK" | u8 format | u32 header length | header (JSON, clear)
 *   | manifest nonce (12) | u32 length | manifest (encrypted JSON) | tag (16)
 *   | body nonce (12) | body (encrypted gzip of the snapshot) | tag (16)
 *
 * The clear header says only how to find the key (scrypt salt and cost, or
 * "the fleet key" with the fleet's public id), a per-file salt and a key check
 * (HMAC of the key): a wrong key is told apart from a damaged file before a
 * byte is decrypted. Each file is sealed with its own key (HKDF of the master
 * key and the file's salt), and both parts authenticate the header, so no part
 * of one file can be passed off as part of another. The manifest (desk,
 * counts, schema level, checksum) is encrypted: without the key a backup says
 * nothing but its size and when it was made.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import { constants, createGunzip, createGzip } from 'node:zlib'
import { ApiError } from '../../shared/errors'

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>

const MAGIC = Buffer.from('EDBK')
export const ARCHIVE_FORMAT = 1
const NONCE = 12
const TAG = 16
// scrypt cost for a passphrase: 2^17 × 8 × 128 bytes = 128 MiB and ~0.3–1 s per derivation, once per configure/restore.
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 }
const MAX_HEADER = 64 * 1024
const MAX_SCRYPT_MEMORY = 512 * 1024 * 1024
// gzip level: the snapshot is mostly text; level 4 keeps most of level 6's gain at well under its cost.
const GZIP_LEVEL = 4

export type KeyOrigin = { kind: 'scrypt'; salt: string; N: number; r: number; p: number } | { kind: 'fleet'; fleetId: string }

export interface ArchiveHeader {
  format: number
  key: KeyOrigin
  /** Per-file salt (base64url): the file key is HKDF(master, salt). */
  salt: string
  /** HMAC of the master key and the salt, base64url, 16 bytes. */
  keyCheck: string
  createdAt: string
  deskId: string
}

export interface Manifest {
  deskId: string
  deskName: string
  createdAt: string
  appVersion: string
  schemaVersion: string
  /** Schema level (migrations applied) of the desk that made it. */
  level: number
  /** Rows per synced table, and the change records. */
  counts: Record<string, number>
  /** The newest change record in the snapshot. */
  lastHlc: string | null
  snapshotBytes: number
  /** SHA-256 of the snapshot (the SQLite file before compression), hex. */
  sha256: string
}

/** The key a backup is sealed with, and how a restoring desk finds it again. */
export interface MasterKey {
  key: Buffer
  origin: KeyOrigin
}

/** What the organizer gives to open a backup. */
export type KeySecret = { passphrase: string } | { fleetKey: Buffer }

export async function keyFromPassphrase(passphrase: string, salt: Buffer = randomBytes(16)): Promise<MasterKey> {
  const key = await scrypt(passphrase.normalize('NFC'), salt, 32, { ...SCRYPT, maxmem: MAX_SCRYPT_MEMORY })
  return { key, origin: { kind: 'scrypt', salt: salt.toString('base64url'), ...SCRYPT } }
}

function fleetMaster(fleetKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', fleetKey, 'eventdesk backup', 'master key', 32))
}

/** The fleet's public id goes in the header: which fleet's key opens the backup. */
export function keyFromFleet(fleetKey: Buffer, fleetId: string): MasterKey {
  return { key: fleetMaster(fleetKey), origin: { kind: 'fleet', fleetId } }
}

function fileKey(master: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, salt, 'eventdesk backup file v1', 32))
}

function keyCheck(master: Buffer, salt: Buffer): Buffer {
  return createHmac('sha256', master).update('eventdesk backup key check').update(salt).digest().subarray(0, 16)
}

export function damaged(detail: string): ApiError {
  return new ApiError('invalid_input', `This backup file is damaged or incomplete (${detail}); nothing was restored`, {
    key: 'backupDamaged',
    params: { detail }
  })
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}

/** Hex SHA-256 of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(file), hash)
  return hash.digest('hex')
}

/** Writes `out`: the snapshot file compressed and sealed with `master`. Returns the bytes written. */
export async function sealSnapshot(snapshot: string, out: string, master: MasterKey, manifest: Manifest): Promise<number> {
  const salt = randomBytes(16)
  const header: ArchiveHeader = {
    format: ARCHIVE_FORMAT,
    key: master.origin,
    salt: salt.toString('base64url'),
    keyCheck: keyCheck(master.key, salt).toString('base64url'),
    createdAt: manifest.createdAt,
    deskId: manifest.deskId
  }
  const headerJson = Buffer.from(JSON.stringify(header))
  const prefix = Buffer.concat([MAGIC, Buffer.from([ARCHIVE_FORMAT]), u32(headerJson.length), headerJson])
  const key = fileKey(master.key, salt)

  const manifestNonce = randomBytes(NONCE)
  const m = createCipheriv('aes-256-gcm', key, manifestNonce).setAAD(Buffer.concat([prefix, Buffer.from('manifest')]))
  const manifestCipher = Buffer.concat([m.update(JSON.stringify(manifest)), m.final()])
  const bodyNonce = randomBytes(NONCE)
  const head = Buffer.concat([prefix, manifestNonce, u32(manifestCipher.length), manifestCipher, m.getAuthTag(), bodyNonce])

  const body = createCipheriv('aes-256-gcm', key, bodyNonce).setAAD(Buffer.concat([prefix, Buffer.from('body')]))
  const sink = createWriteStream(out, { mode: 0o600 })
  sink.write(head)
  await pipeline(
    createReadStream(snapshot, { highWaterMark: 1024 * 1024 }),
    createGzip({ level: GZIP_LEVEL, strategy: constants.Z_DEFAULT_STRATEGY }),
    body,
    new Transform({
      transform: (chunk: Buffer, _enc, done) => done(null, chunk),
      flush: (done) => done(null, body.getAuthTag())
    }),
    sink
  )
  return (await stat(out)).size
}

interface Layout {
  header: ArchiveHeader
  prefix: Buffer
  manifestNonce: Buffer
  manifestCipher: Buffer
  manifestTag: Buffer
  bodyNonce: Buffer
  bodyStart: number
  bodyTag: Buffer
  size: number
}

async function readLayout(file: string): Promise<Layout> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const read = async (position: number, length: number): Promise<Buffer> => {
      if (length < 0 || position + length > size) throw damaged('cut short')
      const buf = Buffer.alloc(length)
      const { bytesRead } = await handle.read(buf, 0, length, position)
      if (bytesRead !== length) throw damaged('cut short')
      return buf
    }
    const start = await read(0, 9)
    if (!start.subarray(0, 4).equals(MAGIC)) throw damaged('not an EventDesk backup')
    if (start[4] !== ARCHIVE_FORMAT) {
      throw new ApiError('invalid_input', 'This backup was made by a newer EventDesk; update this desk first', { key: 'backupTooNew' })
    }
    const headerLength = start.readUInt32BE(5)
    if (headerLength > MAX_HEADER) throw damaged('header too long')
    const headerJson = await read(9, headerLength)
    let header: ArchiveHeader
    try {
      header = JSON.parse(headerJson.toString('utf8')) as ArchiveHeader
    } catch {
      throw damaged('unreadable header')
    }
    if (typeof header?.salt !== 'string' || typeof header.keyCheck !== 'string' || typeof header.key?.kind !== 'string') throw damaged('incomplete header')
    let at = 9 + headerLength
    const manifestNonce = await read(at, NONCE)
    const manifestLength = (await read(at + NONCE, 4)).readUInt32BE(0)
    if (manifestLength > MAX_HEADER) throw damaged('manifest too long')
    at += NONCE + 4
    const manifestCipher = await read(at, manifestLength)
    const manifestTag = await read(at + manifestLength, TAG)
    at += manifestLength + TAG
    const bodyNonce = await read(at, NONCE)
    const bodyStart = at + NONCE
    if (size - TAG < bodyStart) throw damaged('cut short')
    const bodyTag = await read(size - TAG, TAG)
    return { header, prefix: Buffer.concat([start, headerJson]), manifestNonce, manifestCipher, manifestTag, bodyNonce, bodyStart, bodyTag, size }
  } finally {
    await handle.close()
  }
}

/** The master key a secret gives for this header, or a clear refusal. */
async function masterFor(header: ArchiveHeader, secret: KeySecret): Promise<Buffer> {
  const origin = header.key
  if (origin.kind === 'scrypt') {
    if (!('passphrase' in secret)) {
      throw new ApiError('invalid_input', 'This backup is locked with a passphrase; enter it', { key: 'backupNeedsPassphrase' })
    }
    // The header sets the cost: a forged one must not make this desk spend gigabytes or hours.
    if (128 * origin.N * origin.r > MAX_SCRYPT_MEMORY || origin.p > 4) throw damaged('unreasonable key cost')
    try {
      return await scrypt(secret.passphrase.normalize('NFC'), Buffer.from(origin.salt, 'base64url'), 32, {
        N: origin.N,
        r: origin.r,
        p: origin.p,
        maxmem: MAX_SCRYPT_MEMORY + 1024 * 1024
      })
    } catch {
      throw damaged('unusable key parameters')
    }
  }
  if (origin.kind === 'fleet') {
    if (!('fleetKey' in secret)) {
      throw new ApiError('invalid_input', "This backup is locked with the fleet's key; enter the fleet key", { key: 'backupNeedsFleetKey' })
    }
    return fleetMaster(secret.fleetKey)
  }
  throw damaged('unknown key kind')
}

export interface OpenedArchive {
  header: ArchiveHeader
  manifest: Manifest
  /** Decrypts and decompresses the snapshot into `out`, checking the tag and the checksum. */
  extract(out: string): Promise<void>
}

/**
 * Opens a backup file with the organizer's secret: a wrong key is refused
 * (`backupWrongKey`) before anything is decrypted, a damaged file
 * (`backupDamaged`) as soon as a tag or the checksum disagrees.
 */
export async function openArchive(file: string, secret: KeySecret): Promise<OpenedArchive> {
  const layout = await readLayout(file)
  const { header } = layout
  const salt = Buffer.from(header.salt, 'base64url')
  const master = await masterFor(header, secret)
  const expected = Buffer.from(header.keyCheck, 'base64url')
  const check = keyCheck(master, salt)
  if (expected.length !== check.length || !timingSafeEqual(expected, check)) {
    throw new ApiError('invalid_input', 'This backup was made with another passphrase or key; nothing was restored', {
      key: 'backupWrongKey'
    })
  }
  const key = fileKey(master, salt)
  let manifest: Manifest
  try {
    const m = createDecipheriv('aes-256-gcm', key, layout.manifestNonce).setAAD(Buffer.concat([layout.prefix, Buffer.from('manifest')]))
    m.setAuthTag(layout.manifestTag)
    manifest = JSON.parse(Buffer.concat([m.update(layout.manifestCipher), m.final()]).toString('utf8')) as Manifest
  } catch {
    throw damaged('manifest does not authenticate')
  }
  return {
    header,
    manifest,
    async extract(out) {
      const body = createDecipheriv('aes-256-gcm', key, layout.bodyNonce).setAAD(Buffer.concat([layout.prefix, Buffer.from('body')]))
      body.setAuthTag(layout.bodyTag)
      const hash = createHash('sha256')
      try {
        await pipeline(
          createReadStream(file, { start: layout.bodyStart, end: layout.size - TAG - 1, highWaterMark: 1024 * 1024 }),
          body,
          createGunzip(),
          new Transform({
            transform: (chunk: Buffer, _enc, done) => {
              hash.update(chunk)
              done(null, chunk)
            }
          }),
          createWriteStream(out, { mode: 0o600 })
        )
      } catch (err) {
        throw damaged(err instanceof Error && /authenticate/.test(err.message) ? 'contents do not authenticate' : 'contents unreadable')
      }
      if (hash.digest('hex') !== manifest.sha256) throw damaged('checksum differs')
    }
  }
}
