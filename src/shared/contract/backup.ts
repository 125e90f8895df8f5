/**
 * Backups of this desk to a folder or S3-compatible storage, and restoring a
 * fresh desk from one. Settings are this desk's own (never synced); secrets
 * (the S3 secret key, the backup key) are never returned.
 */
import { z } from 'zod'
import type { MessageParams } from '../errors'
import { STAFF_ROLES } from '../roles'
import { clientId, FIELD_MESSAGES, id } from '../fields'
import { method } from './method'

const folderTarget = z
  .object({
    kind: z.literal('folder'),
    // POSIX (/media/usb), Windows drive (E:\\Backups) or network share (\\\\nas\\backups).
    path: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, FIELD_MESSAGES.folderFullPath)
  })
  .strict()

const s3Target = z
  .object({
    kind: z.literal('s3'),
    /** Null for AWS itself; else the server's URL (MinIO, Garage, Wasabi, …). */
    endpoint: z.url({ protocol: /^https?$/ }).max(500).nullish().transform((v) => v ?? null),
    region: z.string().trim().min(1).max(64).default('us-east-1'),
    bucket: z.string().trim().min(3).max(63),
    prefix: z.string().trim().max(200).default(''),
    /** Addresses the bucket in the path (MinIO-like servers) rather than in the host name. */
    forcePathStyle: z.boolean().default(false),
    /** Required for a new target; left out when editing keeps the one stored (screens show it masked). */
    accessKeyId: z.string().trim().min(1).max(200).optional(),
    /** Required for a new target; left out when editing keeps the one stored. */
    secretAccessKey: z.string().min(1).max(200).optional()
  })
  .strict()

export const backupTargetInput = z.discriminatedUnion('kind', [folderTarget, s3Target])
export type BackupTargetInput = z.output<typeof backupTargetInput>

const restoreKey = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('passphrase'), passphrase: z.string().min(1).max(1000) }).strict(),
  /** The fleet key as base64url (as `--fleet-key` takes it). */
  z.object({ kind: z.literal('fleet'), fleetKey: z.string().trim().min(16).max(200) }).strict()
])

/** What went wrong, to translate (`key`, `params`) or show as is (`message`, English). */
export interface BackupProblem {
  key: string
  message: string
  params?: MessageParams
}

/** One backup file on a target. */
export interface BackupVersion {
  name: string
  createdAt: string
  /** The desk that made it. */
  deskId: string
  bytes: number
}

export interface BackupTargetView {
  id: string
  kind: 'folder' | 's3'
  /** How a person recognises it: the folder, or s3://bucket/prefix (endpoint). */
  where: string
  path: string | null
  endpoint: string | null
  region: string | null
  bucket: string | null
  prefix: string | null
  forcePathStyle: boolean
  /** Shown masked (first and last 4 characters). */
  accessKeyId: string | null
  secretSet: boolean
  lastGood: { at: string; name: string; bytes: number } | null
  /** `key` and `params` to translate under apiErrors.*, `message` in English. */
  lastError: ({ at: string } & BackupProblem) | null
  /** Failed attempts since the last good backup here. */
  failures: number
  nextAttemptAt: string | null
  /** No good backup here, or the last one is older than the warning threshold. */
  stale: boolean
}

export interface BackupStatus {
  /** This desk makes backups on its own (on the interval). */
  enabled: boolean
  intervalMinutes: number
  keep: number
  warnAfterHours: number
  keySource: 'passphrase' | 'fleet' | null
  running: boolean
  /** What keeps backups from running at all (no key, no target, no fleet key), to show above the rest. */
  problem: BackupProblem | null
  targets: BackupTargetView[]
  /** The newest good backup on any target. */
  lastGood: { at: string; where: string; name: string; bytes: number } | null
  nextAttemptAt: string | null
  /** Backups are on, and the newest good one is missing or older than warnAfterHours. */
  stale: boolean
}

export interface RestoreResult {
  name: string
  createdAt: string
  /** The desk that made the backup; this desk keeps its own, new identity. */
  sourceDeskId: string
  sourceDeskName: string
  records: number
  applied: number
  duplicates: number
  /** Records of a newer EventDesk, kept until this desk is updated. */
  deferred: number
  rejected: number
  /** The backup was made by a newer schema: update this desk to see all of it. */
  newerVersion: boolean
  /** Rows per synced table now on this desk. */
  counts: Record<string, number>
}

export interface RestoreProgress {
  running: boolean
  phase: 'idle' | 'downloading' | 'decrypting' | 'applying' | 'done' | 'failed'
  /** Records applied so far, of `total`. */
  done: number
  total: number
  error: BackupProblem | null
}

const none = z.object({}).strict()
const restoreSource = z.object({ source: backupTargetInput }).strict()

export const backupContract = {
  'backup.status': method<BackupStatus>()({ input: none, roles: STAFF_ROLES.organizer }),
  'backup.configure': method<BackupStatus>()({
    input: z
      .object({
        enabled: z.boolean().optional(),
        intervalMinutes: z.number().int().min(5).max(7 * 24 * 60).optional(),
        keep: z.number().int().min(1).max(1000).optional(),
        warnAfterHours: z.number().int().min(1).max(24 * 90).optional(),
        key: z
          .discriminatedUnion('source', [
            z.object({ source: z.literal('passphrase'), passphrase: z.string().min(12).max(1000) }).strict(),
            z.object({ source: z.literal('fleet') }).strict()
          ])
          .optional()
      })
      .strict(),
    roles: STAFF_ROLES.organizer
  }),
  'backup.saveTarget': method<BackupStatus>()({
    input: z.object({ id: clientId, target: backupTargetInput }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'backup.removeTarget': method<BackupStatus>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.organizer }),
  /** Backs up now to every target (waits for it); the status after. */
  'backup.run': method<BackupStatus>()({ input: none, roles: STAFF_ROLES.organizer }),
  'backup.versions': method<BackupVersion[]>()({ input: z.object({ targetId: id }).strict(), roles: STAFF_ROLES.organizer }),
  /** First run only: the backups found at a folder or bucket, newest first. */
  'backup.restoreVersions': method<BackupVersion[]>()({ input: restoreSource, roles: 'public' }),
  /** First run only: fills this fresh desk from a backup (the newest, or `name`); it keeps its own new identity. */
  'backup.restore': method<RestoreResult>()({
    input: z.object({ source: backupTargetInput, key: restoreKey, name: z.string().max(200).optional() }).strict(),
    roles: 'public'
  }),
  'backup.restoreProgress': method<RestoreProgress>()({ input: none, roles: 'public' })
}
