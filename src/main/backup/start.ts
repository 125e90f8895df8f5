/**
 * Backups for one desk: the station (or the Electron main) starts them with
 * what the desk knows of its fleet; the backup module's methods reach the
 * runner of their desk through here.
 */
import { ApiError } from '../../shared/errors'
import type { Core } from '../core/core'
import type { Desk } from '../core/module'
import { BackupRunner, type BackupOptions } from './runner'

const runners = new WeakMap<Desk, BackupRunner>()

export function startBackups(core: Core, options: BackupOptions): BackupRunner {
  runners.get(core)?.close()
  const runner = new BackupRunner(core, options)
  runners.set(core, runner)
  runner.start()
  return runner
}

export function backupsOf(desk: Desk): BackupRunner {
  const runner = runners.get(desk)
  if (!runner) throw new ApiError('unavailable', 'Backups are not running on this desk', { key: 'backupNotRunning' })
  return runner
}
