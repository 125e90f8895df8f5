/** This desk's backup settings and targets as stored (local tables), and how they are shown (never a secret). */
import type { BackupProblem, BackupTargetInput, BackupTargetView } from '../../shared/contract/backup'
import type { GuardedSql } from '../core/sql'
import type { LocalWrites } from '../core/writer'
import type { KeyOrigin, MasterKey } from './archive'
import { targetOf, whereFor, type BackupTarget } from './targets'

export interface Settings {
  enabled: boolean
  intervalMinutes: number
  keep: number
  warnAfterHours: number
  keySource: 'passphrase' | 'fleet' | null
  /** The stored passphrase key, if that is the source. */
  passphraseKey: MasterKey | null
  /** An interrupted restore (the backup's name) may run again. */
  restoring: string | null
}

interface SettingsRow {
  enabled: number
  interval_minutes: number
  keep: number
  warn_after_hours: number
  key_source: 'passphrase' | 'fleet' | null
  key_origin: string | null
  key: string | null
  restoring: string | null
}

export interface TargetRow {
  id: string
  kind: 'folder' | 's3'
  path: string | null
  endpoint: string | null
  region: string | null
  bucket: string | null
  prefix: string | null
  force_path_style: number
  access_key_id: string | null
  secret_access_key: string | null
  created_at: string
  last_ok_at: string | null
  last_ok_name: string | null
  last_ok_bytes: number | null
  last_error_at: string | null
  last_error_key: string | null
  last_error_message: string | null
  last_error_params: string | null
  failures: number
}

const DEFAULTS: SettingsRow = {
  enabled: 0,
  interval_minutes: 60,
  keep: 10,
  warn_after_hours: 24,
  key_source: null,
  key_origin: null,
  key: null,
  restoring: null
}

export function readSettings(read: GuardedSql): Settings {
  const row = read.get<SettingsRow>("SELECT * FROM backup_settings WHERE id = 'desk'") ?? DEFAULTS
  return {
    enabled: row.enabled === 1,
    intervalMinutes: row.interval_minutes,
    keep: row.keep,
    warnAfterHours: row.warn_after_hours,
    keySource: row.key_source,
    passphraseKey:
      row.key_source === 'passphrase' && row.key && row.key_origin
        ? { key: Buffer.from(row.key, 'base64url'), origin: JSON.parse(row.key_origin) as KeyOrigin }
        : null,
    restoring: row.restoring
  }
}

export interface SettingsChange {
  enabled?: boolean
  intervalMinutes?: number
  keep?: number
  warnAfterHours?: number
  key?: { source: 'fleet' } | { source: 'passphrase'; master: MasterKey }
}

export function writeSettings(read: GuardedSql, local: LocalWrites, change: SettingsChange): void {
  const row = { ...(read.get<SettingsRow>("SELECT * FROM backup_settings WHERE id = 'desk'") ?? DEFAULTS) }
  if (change.enabled !== undefined) row.enabled = change.enabled ? 1 : 0
  if (change.intervalMinutes !== undefined) row.interval_minutes = change.intervalMinutes
  if (change.keep !== undefined) row.keep = change.keep
  if (change.warnAfterHours !== undefined) row.warn_after_hours = change.warnAfterHours
  if (change.key?.source === 'fleet') Object.assign(row, { key_source: 'fleet', key_origin: null, key: null })
  if (change.key?.source === 'passphrase') {
    const { master } = change.key
    Object.assign(row, { key_source: 'passphrase', key_origin: JSON.stringify(master.origin), key: master.key.toString('base64url') })
  }
  local.run(
    `INSERT INTO backup_settings (id, enabled, interval_minutes, keep, warn_after_hours, key_source, key_origin, key, restoring)
     VALUES ('desk', @enabled, @interval_minutes, @keep, @warn_after_hours, @key_source, @key_origin, @key, @restoring)
     ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, interval_minutes = excluded.interval_minutes, keep = excluded.keep,
       warn_after_hours = excluded.warn_after_hours, key_source = excluded.key_source, key_origin = excluded.key_origin, key = excluded.key`,
    row
  )
}

export function markRestoring(local: LocalWrites, name: string | null): void {
  local.run(
    "INSERT INTO backup_settings (id, restoring) VALUES ('desk', ?) ON CONFLICT (id) DO UPDATE SET restoring = excluded.restoring",
    name
  )
}

export function readTargets(read: GuardedSql): TargetRow[] {
  return read.all<TargetRow>('SELECT * FROM backup_targets ORDER BY created_at, id')
}

export function readTarget(read: GuardedSql, id: string): TargetRow | undefined {
  return read.get<TargetRow>('SELECT * FROM backup_targets WHERE id = ?', id)
}

/** Adds or edits a target; an S3 target edited without a secret keeps the stored one. False if a new S3 target has none. */
/** Keeps a target; an S3 target's keys left out keep the stored ones. Answers the key still missing, if one is. */
export function writeTarget(read: GuardedSql, local: LocalWrites, id: string, target: BackupTargetInput): 'accessKeyId' | 'secretAccessKey' | null {
  const existing = readTarget(read, id)
  const stored = existing?.kind === 's3' ? existing : null
  const values =
    target.kind === 'folder'
      ? { path: target.path, endpoint: null, region: null, bucket: null, prefix: null, force_path_style: 0, access_key_id: null, secret_access_key: null }
      : {
          path: null,
          endpoint: target.endpoint,
          region: target.region,
          bucket: target.bucket,
          prefix: target.prefix,
          force_path_style: target.forcePathStyle ? 1 : 0,
          access_key_id: target.accessKeyId ?? stored?.access_key_id ?? null,
          secret_access_key: target.secretAccessKey ?? stored?.secret_access_key ?? null
        }
  if (target.kind === 's3' && !values.access_key_id) return 'accessKeyId'
  if (target.kind === 's3' && !values.secret_access_key) return 'secretAccessKey'
  const row = { id, kind: target.kind, created_at: existing?.created_at ?? new Date().toISOString(), ...values }
  local.run(
    `INSERT INTO backup_targets (id, kind, path, endpoint, region, bucket, prefix, force_path_style, access_key_id, secret_access_key, created_at)
     VALUES (@id, @kind, @path, @endpoint, @region, @bucket, @prefix, @force_path_style, @access_key_id, @secret_access_key, @created_at)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, path = excluded.path, endpoint = excluded.endpoint, region = excluded.region,
       bucket = excluded.bucket, prefix = excluded.prefix, force_path_style = excluded.force_path_style,
       access_key_id = excluded.access_key_id, secret_access_key = excluded.secret_access_key,
       failures = 0, last_error_at = NULL, last_error_key = NULL, last_error_message = NULL, last_error_params = NULL`,
    row
  )
  return null
}

export function recordSuccess(local: LocalWrites, id: string, at: string, name: string, bytes: number): void {
  local.run(
    'UPDATE backup_targets SET last_ok_at = ?, last_ok_name = ?, last_ok_bytes = ?, failures = 0 WHERE id = ?',
    at,
    name,
    bytes,
    id
  )
}

export function recordFailure(local: LocalWrites, id: string, at: string, error: BackupProblem): void {
  local.run(
    `UPDATE backup_targets SET last_error_at = ?, last_error_key = ?, last_error_message = ?, last_error_params = ?, failures = failures + 1
     WHERE id = ?`,
    at,
    error.key,
    error.message.slice(0, 500),
    error.params ? JSON.stringify(error.params) : null,
    id
  )
}

function inputOfRow(row: TargetRow): BackupTargetInput {
  if (row.kind === 'folder') return { kind: 'folder', path: row.path ?? '' }
  return {
    kind: 's3',
    endpoint: row.endpoint,
    region: row.region ?? 'us-east-1',
    bucket: row.bucket ?? '',
    prefix: row.prefix ?? '',
    forcePathStyle: row.force_path_style === 1,
    accessKeyId: row.access_key_id ?? '',
    secretAccessKey: row.secret_access_key ?? ''
  }
}

/** The target a stored row describes. */
export function targetOfRow(row: TargetRow): BackupTarget {
  return targetOf(inputOfRow(row))
}

function mask(value: string | null): string | null {
  if (!value) return null
  return value.length <= 8 ? '…' : `${value.slice(0, 4)}…${value.slice(-4)}`
}

export function whereOf(row: TargetRow): string {
  return whereFor(inputOfRow(row))
}

export function targetView(row: TargetRow, nextAttemptAt: string | null, stale: boolean): BackupTargetView {
  return {
    id: row.id,
    kind: row.kind,
    where: whereOf(row),
    path: row.path,
    endpoint: row.endpoint,
    region: row.region,
    bucket: row.bucket,
    prefix: row.prefix,
    forcePathStyle: row.force_path_style === 1,
    accessKeyId: mask(row.access_key_id),
    secretSet: Boolean(row.secret_access_key),
    lastGood: row.last_ok_at && row.last_ok_name ? { at: row.last_ok_at, name: row.last_ok_name, bytes: row.last_ok_bytes ?? 0 } : null,
    lastError:
      row.last_error_at && row.last_error_key
        ? {
            at: row.last_error_at,
            key: row.last_error_key,
            message: row.last_error_message ?? '',
            ...(row.last_error_params ? { params: JSON.parse(row.last_error_params) as BackupProblem['params'] } : {})
          }
        : null,
    failures: row.failures,
    nextAttemptAt,
    stale
  }
}
