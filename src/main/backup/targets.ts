/**
 * Where backups go: a folder (USB stick, NAS mount) or an S3-compatible
 * bucket (AWS, MinIO, Garage, …). Both hold flat files named
 * `eventdesk-<time>-<desk id>.edbk`, so a desk finds its own versions (to keep
 * the newest N) and a restoring desk finds every desk's.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException
} from '@aws-sdk/client-s3'
import { createReadStream, createWriteStream } from 'node:fs'
import { copyFile, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { ApiError } from '../../shared/errors'
import { FIELD_MESSAGES } from '../../shared/fields'
import type { BackupTargetInput, BackupVersion } from '../../shared/contract/backup'

const NAME = /^eventdesk-(\d{8}T\d{9}Z)-([0-9a-f-]{36})\.edbk$/

/** A backup's file name: its time (sortable) and the desk that made it. */
export function backupName(createdAt: Date, deskId: string): string {
  return `eventdesk-${createdAt.toISOString().replace(/[-:.]/g, '')}-${deskId}.edbk`
}

function parseName(name: string): { createdAt: string; deskId: string } | null {
  const m = NAME.exec(name)
  if (!m) return null
  const t = m[1]!
  const createdAt = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}.${t.slice(15, 18)}Z`
  return { createdAt, deskId: m[2]! }
}

export interface BackupTarget {
  /** How a person recognises it: the folder, or s3://bucket/prefix at the endpoint. */
  readonly where: string
  put(file: string, name: string): Promise<void>
  /** Every EventDesk backup there, newest first. */
  list(): Promise<BackupVersion[]>
  get(name: string, file: string): Promise<void>
  remove(name: string): Promise<void>
}

/** The server answered no (wrong keys, no such bucket, no permission), or could not be reached at all. */
function unreachable(where: string, err: unknown): ApiError {
  const detail = describe(err)
  if (err instanceof S3ServiceException) {
    return new ApiError('unavailable', `The backup target ${where} refused: ${detail}`, { key: 'backupTargetRefused', params: { where, detail } })
  }
  return new ApiError('unavailable', `The backup target ${where} cannot be reached: ${detail}`, {
    key: 'backupTargetUnreachable',
    params: { where, detail }
  })
}

function unwritable(where: string, err: unknown): ApiError {
  const detail = describe(err)
  return new ApiError('unavailable', `The backup could not be written to ${where}: ${detail}`, { key: 'backupFolderWriteFailed', params: { where, detail } })
}

function describe(err: unknown): string {
  if (err instanceof S3ServiceException) return `${err.name} (${err.$metadata.httpStatusCode ?? '?'})`
  const e = err as { code?: string; message?: string }
  return (e.code ?? e.message ?? String(err)).slice(0, 200)
}

function notFound(where: string, name: string): ApiError {
  return new ApiError('not_found', `No backup ${name} at ${where}`, { key: 'backupNotFound', params: { name, where } })
}

/** Newest first: a name starts with its time. */
function sorted(versions: BackupVersion[]): BackupVersion[] {
  return versions.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
}

function keyPrefix(prefix: string): string {
  return prefix ? prefix.replace(/^\/+|\/+$/g, '') + '/' : ''
}

/** How a person recognises a target: the folder, or s3://bucket/prefix (endpoint). */
export function whereFor(target: BackupTargetInput): string {
  if (target.kind === 'folder') return target.path
  return `s3://${target.bucket}/${keyPrefix(target.prefix)}${target.endpoint ? ` (${target.endpoint})` : ''}`
}

/** A folder target is named by its full path: a relative one would depend on where the desk was started. */
export function checkFolderPath(folder: string): void {
  if (!isAbsolute(folder)) {
    throw new ApiError('invalid_input', FIELD_MESSAGES.folderFullPath, { key: 'invalidField', issues: [{ path: 'path', message: FIELD_MESSAGES.folderFullPath, key: 'folderFullPath' }] })
  }
}

export class FolderTarget implements BackupTarget {
  readonly where: string

  constructor(private readonly folder: string) {
    checkFolderPath(folder)
    this.where = whereFor({ kind: 'folder', path: folder })
  }

  async put(file: string, name: string): Promise<void> {
    await this.reachable()
    const partial = join(this.folder, `.${name}.partial`)
    try {
      await copyFile(file, partial)
      // On the stick before it counts: a stick pulled right after shows no half-written backup as done.
      const handle = await open(partial, 'r+')
      await handle.sync().finally(() => handle.close())
      await rename(partial, join(this.folder, name))
    } catch (err) {
      await rm(partial, { force: true })
      throw unwritable(this.where, err)
    }
  }

  async list(): Promise<BackupVersion[]> {
    await this.reachable()
    const versions: BackupVersion[] = []
    for (const name of await readdir(this.folder)) {
      const parsed = parseName(name)
      if (!parsed) continue
      const { size } = await stat(join(this.folder, name))
      versions.push({ name, ...parsed, bytes: size })
    }
    return sorted(versions)
  }

  async get(name: string, file: string): Promise<void> {
    if (!parseName(name)) throw notFound(this.where, name)
    await this.reachable()
    try {
      await copyFile(join(this.folder, name), file)
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') throw notFound(this.where, name)
      throw unwritable(file, err)
    }
  }

  async remove(name: string): Promise<void> {
    if (parseName(name)) await rm(join(this.folder, name), { force: true })
  }

  private async reachable(): Promise<void> {
    try {
      if (!(await stat(this.folder)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' })
    } catch (err) {
      throw new ApiError('unavailable', `The folder ${this.where} is not there (is the drive plugged in?)`, {
        key: 'backupFolderMissing',
        params: { where: this.where, detail: describe(err) }
      })
    }
  }
}

const QUIET = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined }

export interface S3Options {
  endpoint: string | null
  region: string
  bucket: string
  prefix: string
  forcePathStyle: boolean
  accessKeyId: string
  secretAccessKey: string
}

export class S3Target implements BackupTarget {
  readonly where: string
  private readonly client: S3Client
  private readonly prefix: string

  constructor(private readonly options: S3Options) {
    this.prefix = keyPrefix(options.prefix)
    this.where = whereFor({ kind: 's3', ...options })
    this.client = new S3Client({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Our own retries (with backoff, across hours offline) take over after one quick second try.
      maxAttempts: 2,
      // Plain signed uploads: MinIO-like servers do not all understand the newer streamed checksums.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Failures are reported (and logged) by the backup runner, once, in words.
      logger: QUIET
    })
  }

  async put(file: string, name: string): Promise<void> {
    const { size } = await stat(file)
    await this.reach(this.client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: this.prefix + name, Body: createReadStream(file), ContentLength: size })))
  }

  async list(): Promise<BackupVersion[]> {
    const versions: BackupVersion[] = []
    let token: string | undefined
    do {
      const page = await this.reach(this.client.send(new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: this.prefix, ContinuationToken: token })))
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(this.prefix.length) ?? ''
        const parsed = parseName(name)
        if (parsed) versions.push({ name, ...parsed, bytes: object.Size ?? 0 })
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return sorted(versions)
  }

  async get(name: string, file: string): Promise<void> {
    if (!parseName(name)) throw notFound(this.where, name)
    let body: Readable
    try {
      body = (await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.prefix + name }))).Body as Readable
    } catch (err) {
      if (err instanceof S3ServiceException && err.name === 'NoSuchKey') throw notFound(this.where, name)
      throw unreachable(this.where, err)
    }
    try {
      await pipeline(body, createWriteStream(file, { mode: 0o600 }))
    } catch (err) {
      throw unreachable(this.where, err)
    }
  }

  async remove(name: string): Promise<void> {
    await this.reach(this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.prefix + name })))
  }

  private async reach<T>(request: Promise<T>): Promise<T> {
    try {
      return await request
    } catch (err) {
      throw unreachable(this.where, err)
    }
  }
}

export function targetOf(input: BackupTargetInput): BackupTarget {
  if (input.kind === 'folder') return new FolderTarget(input.path)
  return new S3Target({
    endpoint: input.endpoint ?? null,
    region: input.region,
    bucket: input.bucket,
    prefix: input.prefix,
    forcePathStyle: input.forcePathStyle,
    accessKeyId: input.accessKeyId ?? '',
    secretAccessKey: input.secretAccessKey ?? ''
  })
}
