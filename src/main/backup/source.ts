/**
 * `--restore-from` of the station: a folder, or
 * `s3://bucket[/prefix]?endpoint=<url>&region=<r>&path-style=1`, with the S3
 * keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (never on a command
 * line, where any user of the machine can read them).
 */
import { resolve } from 'node:path'
import { backupTargetInput, type BackupTargetInput } from '../../shared/contract/backup'

export function restoreSourceOf(arg: string, env: NodeJS.ProcessEnv): BackupTargetInput {
  if (!arg.startsWith('s3://')) return { kind: 'folder', path: resolve(arg) }
  const url = new URL(arg)
  const parsed = backupTargetInput.safeParse({
    kind: 's3',
    bucket: url.hostname,
    prefix: decodeURIComponent(url.pathname.replace(/^\//, '')),
    endpoint: url.searchParams.get('endpoint'),
    region: url.searchParams.get('region') ?? undefined,
    forcePathStyle: ['1', 'true', 'yes'].includes(url.searchParams.get('path-style') ?? ''),
    accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? ''
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`--restore-from: ${issue.path.join('.')}: ${issue.message} (S3 keys come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`)
  }
  return parsed.data
}
