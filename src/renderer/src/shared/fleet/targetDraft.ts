/** A backup target (or restore source) as a form holds it, and as the contract takes it. */
import type { BackupTargetInput, BackupTargetView } from '../../../../shared/contract/backup'

export interface TargetDraft {
  kind: 'folder' | 's3'
  path: string
  /** Blank: AWS itself. */
  endpoint: string
  region: string
  bucket: string
  prefix: string
  forcePathStyle: boolean
  accessKeyId: string
  secretAccessKey: string
}

export function emptyDraft(kind: TargetDraft['kind']): TargetDraft {
  return { kind, path: '', endpoint: '', region: 'us-east-1', bucket: '', prefix: '', forcePathStyle: false, accessKeyId: '', secretAccessKey: '' }
}

/** An existing target to edit: its keys are never given back, so they start blank ("leave blank to keep"). */
export function draftOf(view: BackupTargetView): TargetDraft {
  return {
    kind: view.kind,
    path: view.path ?? '',
    endpoint: view.endpoint ?? '',
    region: view.region ?? 'us-east-1',
    bucket: view.bucket ?? '',
    prefix: view.prefix ?? '',
    forcePathStyle: view.forcePathStyle,
    accessKeyId: '',
    secretAccessKey: ''
  }
}

/** Blank keys are left out (kept when editing; missing for a new target, which the core says at the field). */
export function inputOf(d: TargetDraft): BackupTargetInput {
  if (d.kind === 'folder') return { kind: 'folder', path: d.path.trim() }
  return {
    kind: 's3',
    endpoint: d.endpoint.trim() || null,
    region: d.region.trim() || 'us-east-1',
    bucket: d.bucket.trim(),
    prefix: d.prefix.trim(),
    forcePathStyle: d.forcePathStyle,
    ...(d.accessKeyId.trim() ? { accessKeyId: d.accessKeyId.trim() } : {}),
    ...(d.secretAccessKey ? { secretAccessKey: d.secretAccessKey } : {})
  }
}

/** The fields a target form shows, as the contract's paths name them (after `target.` / `source.`). */
export const TARGET_FIELDS = ['kind', 'path', 'endpoint', 'region', 'bucket', 'prefix', 'forcePathStyle', 'accessKeyId', 'secretAccessKey'] as const
