/**
 * Backups and restore: this desk's backup settings and targets (local
 * tables: which desks back up, and where, is each desk's own choice, and the
 * secrets never leave it) and the methods of the backup screens.
 */
import { backupContract } from '../../shared/contract/backup'
import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import { defineModule, inSteps, mutation, query } from '../core/module'
import { keyFromPassphrase, type KeySecret } from './archive'
import { backupSettings, backupTargets } from './schema'
import { readTarget, writeSettings, writeTarget } from './settings'
import { backupsOf } from './start'
import { targetOf } from './targets'

export const backupModule = defineModule(backupContract, {
  name: 'backup',
  tables: [
    { table: backupSettings, kind: 'local' },
    { table: backupTargets, kind: 'local' }
  ],
  handlers: {
    'backup.status': query((_input, { desk }) => backupsOf(desk).status()),

    'backup.configure': inSteps(async (input, ctx) => {
      const runner = backupsOf(ctx.desk)
      // scrypt takes its time (and 128 MiB) outside the write queue; only the derived key is kept.
      const key =
        input.key?.source === 'passphrase'
          ? { source: 'passphrase' as const, master: await keyFromPassphrase(input.key.passphrase) }
          : input.key
      await ctx.transact(({ read, write }) => writeSettings(read, write.local, { ...input, key }))
      runner.reschedule()
      return runner.status()
    }),

    'backup.saveTarget': mutation((input, { desk, read, write }) => {
      const runner = backupsOf(desk)
      const missing = writeTarget(read, write.local, input.id ?? newId(), input.target)
      if (missing === 'secretAccessKey') {
        throw new ApiError('invalid_input', 'Enter the secret key of this S3 account', {
          key: 'backupSecretRequired',
          issues: [{ path: 'target.secretAccessKey', message: 'Enter the secret key of this S3 account', key: 'required' }]
        })
      }
      if (missing === 'accessKeyId') {
        throw new ApiError('invalid_input', 'Enter the access key of this S3 account', {
          key: 'invalidField',
          issues: [{ path: 'target.accessKeyId', message: 'Enter the access key of this S3 account', key: 'required' }]
        })
      }
      runner.reschedule()
      return runner.status()
    }),

    'backup.removeTarget': mutation((input, { desk, read, write }) => {
      if (!readTarget(read, input.id)) throw new ApiError('not_found', 'No such backup target', { key: 'backupTargetNotFound' })
      write.local.run('DELETE FROM backup_targets WHERE id = ?', input.id)
      backupsOf(desk).reschedule()
      return backupsOf(desk).status()
    }),

    'backup.run': inSteps((_input, { desk }) => backupsOf(desk).runNow()),

    'backup.versions': query((input, { desk }) => backupsOf(desk).versions(input.targetId)),

    'backup.restoreVersions': query((input, { desk }) => backupsOf(desk).restorable(targetOf(input.source))),

    'backup.restore': inSteps((input, { desk }) => {
      const secret: KeySecret =
        input.key.kind === 'passphrase' ? { passphrase: input.key.passphrase } : { fleetKey: Buffer.from(input.key.fleetKey, 'base64url') }
      return backupsOf(desk).restore(targetOf(input.source), secret, input.name)
    }),

    'backup.restoreProgress': query((_input, { desk }) => backupsOf(desk).restoreProgress())
  }
})
