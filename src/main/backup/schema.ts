import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Whether and how this desk backs up (local: which desks back up is each
 * desk's own choice, and the key never leaves the desk). One row, id 'desk'.
 */
export const backupSettings = sqliteTable('backup_settings', {
  id: text('id').primaryKey(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(false),
  intervalMinutes: integer('interval_minutes').notNull().default(60),
  /** Versions of this desk's backups kept on each target; older ones are deleted. */
  keep: integer('keep').notNull().default(10),
  /** The status warns when the last good backup is older than this. */
  warnAfterHours: integer('warn_after_hours').notNull().default(24),
  keySource: text('key_source', { enum: ['passphrase', 'fleet'] }),
  /**
   * For a passphrase: the key derived from it (base64url) and how (scrypt salt
   * and cost, JSON), written into every backup's header; the passphrase itself
   * is never kept.
   */
  keyOrigin: text('key_origin'),
  key: text('key'),
  /** Set while a restore is applying records: an interrupted restore may run again. */
  restoring: text('restoring')
})

/** Where this desk's backups go, with the status of the last attempts there (local; secrets never leave the desk). */
export const backupTargets = sqliteTable('backup_targets', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['folder', 's3'] }).notNull(),
  /** Folder targets: an absolute path (USB stick, NAS mount). */
  path: text('path'),
  /** S3 targets. */
  endpoint: text('endpoint'),
  region: text('region'),
  bucket: text('bucket'),
  prefix: text('prefix'),
  forcePathStyle: integer('force_path_style', { mode: 'boolean' }).notNull().default(false),
  accessKeyId: text('access_key_id'),
  secretAccessKey: text('secret_access_key'),
  createdAt: text('created_at').notNull(),
  lastOkAt: text('last_ok_at'),
  lastOkName: text('last_ok_name'),
  lastOkBytes: integer('last_ok_bytes'),
  lastErrorAt: text('last_error_at'),
  lastErrorKey: text('last_error_key'),
  lastErrorMessage: text('last_error_message'),
  /** JSON: the parameters of the error's translated text (where, detail). */
  lastErrorParams: text('last_error_params'),
  /** Failed attempts since the last good one: the retry delay doubles with each. */
  failures: integer('failures').notNull().default(0)
})
