/**
 * Backups and restore with real parts: a real S3 API server (s3rver) on
 * 127.0.0.1 and a real folder receive encrypted backups; fresh desks restore
 * from them and hold the same synced tables as the desk that made them, under
 * a new identity, and sync with it afterwards. Wrong keys and damaged files
 * are refused by name; a target that is down is retried with backoff until it
 * is back; old versions are pruned; no attendee's name or e-mail is readable
 * in a backup.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive } from '../../src/main/backup/archive'
import { startBackups } from '../../src/main/backup/start'
import type { BackupStatus } from '../../src/shared/contract/backup'
import { deskWithEvent, exchange, openDesk, rejects, removeDir, syncedTableHashes, tempDir, walkUp, type TestDesk } from './helpers'

const PASSPHRASE = 'correct horse battery staple'
const FAST_RETRY = { firstRetryMs: 300, maxRetryMs: 2_000, startDelayMs: 0 }
const dirs: string[] = []
const desks: TestDesk[] = []

function dir(): string {
  const d = tempDir('eventdesk-backup-')
  dirs.push(d)
  return d
}

afterAll(() => {
  for (const d of desks) d.close()
  dirs.forEach(removeDir)
})

/** A desk with an event, a few people with names and e-mails we look for in the bytes, check-ins, and backups running. */
async function sourceDesk(fleetKey: Buffer | null = null) {
  const desk = await deskWithEvent()
  desks.push(desk)
  const runner = startBackups(desk.core, { fleet: () => (fleetKey ? { id: 'test-fleet', key: fleetKey } : null), ...FAST_RETRY })
  for (let i = 0; i < 30; i++) {
    const { attendee } = await walkUp(
      desk,
      desk.organizer,
      { eventId: desk.eventId, firstName: `Zebedee${i}`, lastName: 'Quintero-Marlowe', email: `zebedee.${i}@backup-probe.example`, company: 'Probe GmbH', ticketTypeId: desk.gaId },
      i % 3 === 0
    )
    if (i === 1) {
      const { firstName, lastName, email, ticketTypeId } = attendee
      await desk.call('attendee.update', { id: attendee.id, fields: { firstName, lastName, email, ticketTypeId, company: 'Edited Ltd' } }, desk.organizer)
    }
  }
  return { ...desk, runner }
}

/** A brand-new desk (first run) with backups running: what a person restoring starts from. */
function freshDesk(): TestDesk {
  const desk = openDesk(dir())
  desks.push(desk)
  startBackups(desk.core, { fleet: () => null, ...FAST_RETRY })
  return desk
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 20_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function folderFiles(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith('.edbk')).sort()
}

describe('backup to a folder and restore from it', () => {
  it('backs up encrypted; a fresh desk restores the same synced tables under a new identity and then syncs with the original', async () => {
    const source = await sourceDesk()
    const folder = dir()
    await source.call('backup.configure', { enabled: false, key: { source: 'passphrase', passphrase: PASSPHRASE } }, source.organizer)
    await source.call('backup.saveTarget', { target: { kind: 'folder', path: folder } }, source.organizer)
    const status = await source.call('backup.run', {}, source.organizer)

    const [file] = folderFiles(folder)
    expect(file).toMatch(new RegExp(`^eventdesk-\\d{8}T\\d{9}Z-${source.core.id}\\.edbk$`))
    expect(status.targets[0]!.lastGood).toMatchObject({ name: file, bytes: readFileSync(join(folder, file!)).length })
    expect(status.lastGood?.where).toBe(folder)
    expect(status.targets[0]!.lastError).toBeNull()
    expect(status.stale).toBe(false) // backups are off: nothing to warn about

    // Nothing personal in clear: not in UTF-8, not in UTF-16.
    const bytes = readFileSync(join(folder, file!))
    for (const needle of ['Quintero-Marlowe', 'Zebedee', 'backup-probe.example', 'Olga Organizer', 'Probe GmbH']) {
      expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false)
      expect(bytes.includes(Buffer.from(needle, 'utf16le'))).toBe(false)
    }

    const fresh = freshDesk()
    expect((await fresh.call('system.status', {})).firstRun).toBe(true)
    expect(await fresh.call('backup.restoreVersions', { source: { kind: 'folder', path: folder } })).toEqual([
      expect.objectContaining({ name: file, deskId: source.core.id })
    ])
    const result = await fresh.call('backup.restore', { source: { kind: 'folder', path: folder }, key: { kind: 'passphrase', passphrase: PASSPHRASE } })
    expect(result).toMatchObject({ name: file, sourceDeskId: source.core.id, rejected: 0, newerVersion: false })
    expect(result.applied).toBe(result.records)
    expect(await fresh.call('backup.restoreProgress', {})).toMatchObject({ running: false, phase: 'done', done: result.records, total: result.records })

    // Same synced data, per table, local columns left out.
    const before = syncedTableHashes(source.core)
    const restored = syncedTableHashes(fresh.core)
    for (const table of Object.keys(before)) if (table !== 'desks') expect(restored[table], table).toBe(before[table])

    // A new desk: its own id, its own HLC node, its own row in desks beside the source's.
    expect(fresh.core.id).not.toBe(source.core.id)
    const deskIds = (fresh.core.sqlite.prepare('SELECT id FROM desks ORDER BY id').all() as { id: string }[]).map((r) => r.id)
    expect(deskIds).toEqual([source.core.id, fresh.core.id].sort())
    expect((await fresh.call('system.status', {})).firstRun).toBe(false)
    const me = (await source.call('staff.me', {}, source.organizer)).staff
    const { token } = await fresh.call('staff.signIn', { staffId: me.id, pin: '1234' })
    expect((await fresh.call('staff.me', {}, token)).deskId).toBe(fresh.core.id)

    // Both go on working, then sync: the restored desk catches up with what the source did after the backup, and back.
    const later = await walkUp(source, source.organizer, { eventId: source.eventId, firstName: 'After', lastName: 'Backup', email: null, company: null, ticketTypeId: source.gaId }, true)
    const here = await walkUp(fresh, token, { eventId: source.eventId, firstName: 'Restored', lastName: 'Desk', email: null, company: null, ticketTypeId: source.gaId }, true)
    const own = fresh.core.sqlite.prepare('SELECT hlc FROM changes WHERE desk_id = ? AND tbl = ?').get(fresh.core.id, 'checkins') as { hlc: string }
    const theirs = source.core.sqlite.prepare('SELECT hlc FROM changes WHERE desk_id = ? AND tbl = ?').get(source.core.id, 'checkins') as { hlc: string }
    expect(own.hlc.slice(-16)).not.toBe(theirs.hlc.slice(-16)) // the HLC node
    await exchange(source, fresh)
    expect(syncedTableHashes(fresh.core)).toEqual(syncedTableHashes(source.core))
    expect((await fresh.call('attendee.get', { id: later.attendee.id }, token)).checkedInAt).not.toBeNull()
    expect((await source.call('attendee.get', { id: here.attendee.id }, source.organizer)).checkedInAt).not.toBeNull()

    // Once it holds data, the desk refuses another restore.
    expect((await rejects(fresh.call('backup.restore', { source: { kind: 'folder', path: folder }, key: { kind: 'passphrase', passphrase: PASSPHRASE } }))).key).toBe(
      'backupRestoreNeedsFreshDesk'
    )
  })

  it('refuses a wrong passphrase and a damaged file by name, and restores nothing', async () => {
    const source = await sourceDesk()
    const folder = dir()
    await source.call('backup.configure', { key: { source: 'passphrase', passphrase: PASSPHRASE } }, source.organizer)
    await source.call('backup.saveTarget', { target: { kind: 'folder', path: folder } }, source.organizer)
    await source.call('backup.run', {}, source.organizer)
    const [file] = folderFiles(folder)
    const fresh = freshDesk()
    const restore = (path: string, passphrase = PASSPHRASE) =>
      rejects(fresh.call('backup.restore', { source: { kind: 'folder', path }, key: { kind: 'passphrase', passphrase } }))

    const wrong = await restore(folder, 'not the passphrase at all')
    expect(wrong).toMatchObject({ code: 'invalid_input', key: 'backupWrongKey' })
    expect(wrong.message).toMatch(/another passphrase or key/)
    expect((await rejects(fresh.call('backup.restore', { source: { kind: 'folder', path: folder }, key: { kind: 'fleet', fleetKey: randomBytes(32).toString('base64url') } }))).key).toBe(
      'backupNeedsPassphrase'
    )

    // One byte flipped in the encrypted body; a file cut short; a file that is no backup at all.
    const original = readFileSync(join(folder, file!))
    const flipped = Buffer.from(original)
    flipped[flipped.length - 100]! ^= 0x01
    const cases: [string, Buffer][] = [
      ['flipped', flipped],
      ['cut', original.subarray(0, Math.floor(original.length / 2))],
      ['garbage', randomBytes(5000)]
    ]
    for (const [what, content] of cases) {
      const damaged = dir()
      writeFileSync(join(damaged, file!), content)
      const refused = await restore(damaged)
      expect(refused.key, what).toBe('backupDamaged')
      expect(refused.message).toMatch(/damaged or incomplete/)
    }
    expect(await rejects(fresh.call('backup.restore', { source: { kind: 'folder', path: join(folder, 'nope') }, key: { kind: 'passphrase', passphrase: PASSPHRASE } }))).toMatchObject({
      key: 'backupFolderMissing'
    })
    expect(await rejects(fresh.call('backup.restore', { source: { kind: 'folder', path: dir() }, key: { kind: 'passphrase', passphrase: PASSPHRASE } }))).toMatchObject({
      key: 'backupNoneThere'
    })

    // Nothing of it arrived: still a first-run desk, no attendee, no staff.
    expect((await fresh.call('system.status', {})).firstRun).toBe(true)
    expect((fresh.core.sqlite.prepare('SELECT COUNT(*) AS n FROM attendees').get() as { n: number }).n).toBe(0)
    expect(await fresh.call('backup.restoreProgress', {})).toMatchObject({ running: false, phase: 'failed', error: { key: 'backupNoneThere' } })
  })

  it('leaves this desk’s own secrets out of the snapshot: sessions, desk id, fleet key, S3 secret, backup key', async () => {
    const fleetKey = randomBytes(32)
    const source = await sourceDesk(fleetKey)
    source.core.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('fleet_key', ?)").run(fleetKey.toString('base64url'))
    const folder = dir()
    await source.call('backup.configure', { key: { source: 'fleet' } }, source.organizer)
    await source.call('backup.saveTarget', { target: { kind: 'folder', path: folder } }, source.organizer)
    // An S3 target that is never reached: only its secret matters here.
    const s3Secret = 'S3-SECRET-' + randomBytes(8).toString('hex')
    await source.call('backup.saveTarget', { target: { kind: 's3', endpoint: 'http://127.0.0.1:9', bucket: 'nowhere', accessKeyId: 'AKIDPROBE1234', secretAccessKey: s3Secret } }, source.organizer)
    const status = await source.call('backup.run', {}, source.organizer)
    expect(status.targets.map((t) => [t.kind, t.lastGood !== null, t.lastError?.key ?? null])).toEqual([
      ['folder', true, null],
      ['s3', false, 'backupTargetUnreachable']
    ])
    // The API never gives a secret back.
    expect(JSON.stringify(status)).not.toContain(s3Secret)
    expect(status.targets[1]).toMatchObject({ accessKeyId: 'AKID…1234', secretSet: true })
    // Editing leaves both keys out (the screen shows them masked): the stored ones stay.
    const s3 = status.targets[1]!
    await source.call('backup.saveTarget', { id: s3.id, target: { kind: 's3', endpoint: 'http://127.0.0.1:9', bucket: 'nowhere-else' } }, source.organizer)
    const s3Row = source.core.sqlite.prepare('SELECT bucket, access_key_id, secret_access_key FROM backup_targets WHERE id = ?').get(s3.id)
    expect(s3Row).toEqual({ bucket: 'nowhere-else', access_key_id: 'AKIDPROBE1234', secret_access_key: s3Secret })

    // Sealed with the fleet key: a passphrase is refused by name, the fleet key opens it.
    const [file] = folderFiles(folder)
    const fresh = freshDesk()
    expect((await rejects(fresh.call('backup.restore', { source: { kind: 'folder', path: folder }, key: { kind: 'passphrase', passphrase: PASSPHRASE } }))).key).toBe(
      'backupNeedsFleetKey'
    )
    const opened = await openArchive(join(folder, file!), { fleetKey })
    expect(opened.manifest).toMatchObject({ deskId: source.core.id, level: source.core.changeLog.level })
    expect(opened.manifest.counts.attendees).toBe(30)
    const snapshot = join(dir(), 'snapshot.db')
    await opened.extract(snapshot)
    const db = new Database(snapshot, { readonly: true })
    try {
      expect(db.prepare('SELECT key FROM meta').all()).toEqual([])
      for (const table of source.core.localTables) expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 })
      expect((db.prepare('SELECT COUNT(*) AS n FROM attendees').get() as { n: number }).n).toBe(30)
    } finally {
      db.close()
    }
    const raw = readFileSync(snapshot)
    const tokenHash = (source.core.sqlite.prepare('SELECT token_hash FROM sessions LIMIT 1').get() as { token_hash: string }).token_hash
    for (const secret of [s3Secret, tokenHash, fleetKey.toString('base64url'), source.core.id]) {
      // The source desk's id is in its records; only its meta row must be gone.
      if (secret === source.core.id) continue
      expect(raw.includes(Buffer.from(secret)), secret.slice(0, 12)).toBe(false)
    }
    expect(raw.includes(Buffer.from('Quintero-Marlowe'))).toBe(true) // the data itself is there, once decrypted

    const result = await fresh.call('backup.restore', { source: { kind: 'folder', path: folder }, key: { kind: 'fleet', fleetKey: fleetKey.toString('base64url') } })
    expect(result.rejected).toBe(0)
    const before = syncedTableHashes(source.core)
    const after = syncedTableHashes(fresh.core)
    for (const table of Object.keys(before)) if (table !== 'desks') expect(after[table], table).toBe(before[table])
    // Nothing of the source desk's local state came along.
    expect(fresh.core.sqlite.prepare('SELECT COUNT(*) AS n FROM backup_targets').get()).toEqual({ n: 0 })
    expect(fresh.core.sqlite.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 })
  })

  it('keeps the newest N of its own versions and leaves other desks’ backups alone', async () => {
    const source = await sourceDesk()
    const folder = dir()
    const stranger = `eventdesk-20260101T000000000Z-${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}.edbk`
    writeFileSync(join(folder, stranger), 'another desk')
    await source.call('backup.configure', { keep: 2, key: { source: 'passphrase', passphrase: PASSPHRASE } }, source.organizer)
    await source.call('backup.saveTarget', { target: { kind: 'folder', path: folder } }, source.organizer)
    const names: string[] = []
    for (let i = 0; i < 4; i++) {
      names.push((await source.call('backup.run', {}, source.organizer)).targets[0]!.lastGood!.name)
      await new Promise((resolve) => setTimeout(resolve, 5)) // a new millisecond, a new name
    }
    expect(new Set(names).size).toBe(4)
    expect(folderFiles(folder)).toEqual([stranger, ...names.slice(-2)].sort())
    const targetId = (await source.call('backup.status', {}, source.organizer)).targets[0]!.id
    expect((await source.call('backup.versions', { targetId }, source.organizer)).map((v) => v.name)).toEqual([names[3], names[2], stranger])
  })

  it('warns when the last good backup is missing or old, and says what keeps backups from running', async () => {
    const source = await sourceDesk()
    const empty = await source.call('backup.status', {}, source.organizer)
    expect(empty).toMatchObject({ enabled: false, problem: { key: 'backupNoKey' }, lastGood: null, stale: false })
    expect((await rejects(source.call('backup.run', {}, source.organizer))).key).toBe('backupNoKey')
    const keyed = await source.call('backup.configure', { enabled: true, warnAfterHours: 1, key: { source: 'passphrase', passphrase: PASSPHRASE } }, source.organizer)
    expect(keyed).toMatchObject({ problem: { key: 'backupNoTarget' }, stale: true, nextAttemptAt: null })
    expect((await rejects(source.call('backup.configure', { key: { source: 'passphrase', passphrase: 'short' } }, source.organizer))).issues?.[0]).toMatchObject({
      path: 'key.passphrase',
      key: 'tooShort'
    })
    // Targets are checked before they are kept: a full path, and an S3 account's secret.
    expect((await rejects(source.call('backup.saveTarget', { target: { kind: 'folder', path: 'backups/here' } }, source.organizer))).issues?.[0]).toMatchObject({
      path: 'target.path',
      key: 'folderFullPath'
    })
    expect((await rejects(source.call('backup.saveTarget', { target: { kind: 's3', bucket: 'b-1', accessKeyId: 'AKID' } }, source.organizer))).key).toBe('backupSecretRequired')
    expect((await rejects(source.call('backup.saveTarget', { target: { kind: 's3', bucket: 'b-1', secretAccessKey: 'S' } }, source.organizer))).issues?.[0]).toMatchObject({
      path: 'target.accessKeyId',
      key: 'required'
    })
    const folder = dir()
    await source.call('backup.saveTarget', { target: { kind: 'folder', path: folder } }, source.organizer)
    const done = await until('the scheduled backup', async () => {
      const s = await source.call('backup.status', {}, source.organizer)
      return s.lastGood && !s.running && s
    })
    expect(done).toMatchObject({ problem: null, stale: false })
    expect(Date.parse(done.nextAttemptAt!) - Date.parse(done.lastGood!.at)).toBe(60 * 60_000)
    // Two hours later, as far as the status can tell.
    source.core.sqlite.prepare('UPDATE backup_targets SET last_ok_at = ?').run(new Date(Date.now() - 2 * 3_600_000).toISOString())
    expect(await source.call('backup.status', {}, source.organizer)).toMatchObject({ stale: true, targets: [{ stale: true }] })
    // Only organizers see or change any of it.
    const deskToken = await source.tokenFor('desk')
    expect((await rejects(source.call('backup.status', {}, deskToken))).code).toBe('forbidden')
    expect((await rejects(source.call('backup.restore', { source: { kind: 'folder', path: folder }, key: { kind: 'passphrase', passphrase: PASSPHRASE } }))).key).toBe(
      'backupRestoreNeedsFreshDesk'
    )
    expect((await rejects(source.call('backup.restoreVersions', { source: { kind: 'folder', path: folder } }))).key).toBe('backupRestoreNeedsFreshDesk')
  })
})

describe('backup to S3-compatible storage (s3rver on 127.0.0.1)', () => {
  let s3: S3rver
  let port = 0
  let s3dir = ''
  const endpoint = () => `http://127.0.0.1:${port}`
  const startS3 = async () => {
    s3 = new S3rver({ port, address: '127.0.0.1', directory: s3dir, silent: true, configureBuckets: [{ name: 'eventdesk-backups', configs: [] }] })
    port = (await s3.run()).port
  }
  const s3Target = () =>
    ({ kind: 's3', endpoint: endpoint(), region: 'eu-central-1', bucket: 'eventdesk-backups', prefix: 'venue-a/', forcePathStyle: true, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }) as const

  beforeAll(async () => {
    s3dir = dir()
    await startS3()
  })
  afterAll(async () => {
    await s3.close()
  })

  it('uploads an encrypted backup a fresh desk restores with equal synced tables', async () => {
    const source = await sourceDesk()
    await source.call('backup.configure', { key: { source: 'passphrase', passphrase: PASSPHRASE } }, source.organizer)
    await source.call('backup.saveTarget', { target: s3Target() }, source.organizer)
    const status = await source.call('backup.run', {}, source.organizer)
    expect(status.targets[0]).toMatchObject({ kind: 's3', where: `s3://eventdesk-backups/venue-a/ (${endpoint()})`, lastError: null, accessKeyId: '…', secretSet: true })
    const name = status.targets[0]!.lastGood!.name

    // What the server holds is the sealed file, nothing readable.
    const stored = join(s3dir, 'eventdesk-backups', 'venue-a', `${name}._S3rver_object`)
    expect(existsSync(stored)).toBe(true)
    const bytes = readFileSync(stored)
    expect(bytes.subarray(0, 4).toString()).toBe('EDBK')
    for (const needle of ['Quintero-Marlowe', 'backup-probe.example']) expect(bytes.includes(Buffer.from(needle))).toBe(false)

    const fresh = freshDesk()
    const result = await fresh.call('backup.restore', { source: s3Target(), key: { kind: 'passphrase', passphrase: PASSPHRASE } })
    expect(result).toMatchObject({ name, rejected: 0 })
    const before = syncedTableHashes(source.core)
    const after = syncedTableHashes(fresh.core)
    for (const table of Object.keys(before)) if (table !== 'desks') expect(after[table], table).toBe(before[table])
    expect(fresh.core.id).not.toBe(source.core.id)
    const wrong = await rejects(freshDesk().call('backup.restore', { source: s3Target(), key: { kind: 'passphrase', passphrase: 'Tr0ub4dor&3 wrong' } }))
    expect(wrong.key).toBe('backupWrongKey')

    // The server answers no (a bucket it does not have): said so, apart from "cannot be reached".
    const refused = await source.call('backup.saveTarget', { target: { ...s3Target(), bucket: 'no-such-bucket' } }, source.organizer)
    const again = await source.call('backup.run', {}, source.organizer)
    expect(again.targets.find((t) => t.id === refused.targets[1]!.id)!.lastError).toMatchObject({ key: 'backupTargetRefused' })
    expect(again.targets[0]!.lastError).toBeNull()
  })

  it('retries with growing delays while the server is down and backs up once it is back', async () => {
    const source = await sourceDesk()
    await source.call('backup.configure', { enabled: true, key: { source: 'passphrase', passphrase: PASSPHRASE } }, source.organizer)
    await s3.close()
    await source.call('backup.saveTarget', { target: s3Target() }, source.organizer)

    // Failures pile up, each retry later than the one before (300 ms, 600, 1200 …).
    const seen: BackupStatus['targets'][number][] = []
    await until('three failed attempts', async () => {
      const t = (await source.call('backup.status', {}, source.organizer)).targets[0]!
      if (t.failures > 0 && seen.at(-1)?.failures !== t.failures) seen.push(t)
      return t.failures >= 3
    })
    for (const t of seen) {
      expect(t.lastError).toMatchObject({ key: 'backupTargetUnreachable' })
      expect(t.lastGood).toBeNull()
      expect(Date.parse(t.nextAttemptAt!) - Date.parse(t.lastError!.at)).toBe(Math.min(300 * 2 ** (t.failures - 1), 2_000))
    }
    const status = await source.call('backup.status', {}, source.organizer)
    expect(status).toMatchObject({ stale: true, lastGood: null })

    await startS3()
    const done = await until('the backup after the server came back', async () => {
      const t = (await source.call('backup.status', {}, source.organizer)).targets[0]!
      return t.lastGood && t
    })
    expect(done).toMatchObject({ failures: 0 })
    expect(done.lastError).toMatchObject({ key: 'backupTargetUnreachable' }) // the last error stays on record, older than the good one
    expect(done.lastError!.at < done.lastGood!.at).toBe(true)
    const listed = await source.call('backup.versions', { targetId: done.id }, source.organizer)
    expect(listed.map((v) => v.name)).toContain(done.lastGood!.name)
  })
})

describe('a desk killed mid-backup', () => {
  it('leaves no decrypted work behind once it starts again', async () => {
    const desk = openDesk(dir())
    desks.push(desk)
    const leftover = join(desk.dir, '.backup-killed')
    mkdirSync(leftover)
    writeFileSync(join(leftover, 'snapshot.db'), 'plain data')
    startBackups(desk.core, { fleet: () => null })
    expect(existsSync(leftover)).toBe(false)
    expect(existsSync(join(desk.dir, 'eventdesk.db'))).toBe(true)
  })
})

describe('--restore-from on a station', () => {
  it('a new station restores from a folder before it serves, under its own identity', async () => {
    const { startStation } = await import('../support/station-process')
    const source = await sourceDesk()
    const folder = dir()
    await source.call('backup.configure', { key: { source: 'passphrase', passphrase: PASSPHRASE } }, source.organizer)
    await source.call('backup.saveTarget', { target: { kind: 'folder', path: folder } }, source.organizer)
    await source.call('backup.run', {}, source.organizer)

    const data = dir()
    const env = { ...process.env, EVENTDESK_BACKUP_PASSPHRASE: PASSPHRASE }
    const station = await startStation(data, ['--restore-from', folder], { env })
    try {
      expect(station.output()).toMatch(/station: restored eventdesk-.*\.edbk .*records in \d+ ms/)
      const health = (await (await fetch(`${station.url}/api/health`)).json()) as { deskId: string }
      expect(health.deskId).not.toBe(source.core.id)
      expect((await station.rpc('system.status', {})).body.firstRun).toBe(false)
    } finally {
      await station.stop()
    }
    // Restarted with the same arguments: it holds data now, so the restore is skipped.
    const again = await startStation(data, ['--restore-from', folder], { env })
    try {
      expect(again.output()).toMatch(/--restore-from skipped: this desk already holds data/)
    } finally {
      await again.stop()
    }
    const copy = new Database(join(data, 'eventdesk.db'), { readonly: true })
    try {
      expect((copy.prepare('SELECT COUNT(*) AS n FROM attendees').get() as { n: number }).n).toBe(30)
    } finally {
      copy.close()
    }

    // A wrong passphrase stops the station with the reason.
    const refused = await startStation(dir(), ['--restore-from', folder], { env: { ...process.env, EVENTDESK_BACKUP_PASSPHRASE: 'wrong wrong wrong' } }).catch((err: Error) => err)
    expect(String(refused)).toMatch(/cannot restore from .*another passphrase or key/)
  }, 120_000)
})
