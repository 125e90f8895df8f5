/** The fields of a folder or an S3 bucket: where backups go (Desks → Backup) or come from (restore on first run). */
import { Checkbox, PasswordInput, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { emptyDraft, type TargetDraft } from './targetDraft'

export function TargetFields({
  draft,
  onChange,
  errors,
  editing = null,
  kindFixed = false
}: {
  draft: TargetDraft
  onChange: (draft: TargetDraft) => void
  errors: Record<string, string>
  /** Editing a stored S3 target: its keys are kept when left blank. */
  editing?: { accessKeyId: string | null; secretSet: boolean } | null
  kindFixed?: boolean
}) {
  const { t } = useTranslation()
  const set = <K extends keyof TargetDraft>(key: K, value: TargetDraft[K]) => onChange({ ...draft, [key]: value })
  return (
    <Stack gap="sm">
      {!kindFixed && (
        <SegmentedControl
          data-testid="target-kind"
          value={draft.kind}
          onChange={(kind) => onChange({ ...emptyDraft(kind as TargetDraft['kind']), path: draft.path })}
          data={[
            { value: 'folder', label: t('target.folder') },
            { value: 's3', label: t('target.s3') }
          ]}
        />
      )}
      {draft.kind === 'folder' ? (
        <TextInput
          label={t('target.path')}
          description={t('target.pathHelp')}
          placeholder="/media/usb/eventdesk"
          data-testid="target-path"
          value={draft.path}
          onChange={(e) => set('path', e.currentTarget.value)}
          error={errors.path}
        />
      ) : (
        <>
          <TextInput
            label={t('target.endpoint')}
            description={t('target.endpointHelp')}
            placeholder="https://minio.example:9000"
            data-testid="target-endpoint"
            value={draft.endpoint}
            onChange={(e) => set('endpoint', e.currentTarget.value)}
            error={errors.endpoint}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('target.region')} data-testid="target-region" value={draft.region} onChange={(e) => set('region', e.currentTarget.value)} error={errors.region} />
            <TextInput label={t('target.bucket')} data-testid="target-bucket" value={draft.bucket} onChange={(e) => set('bucket', e.currentTarget.value)} error={errors.bucket} />
            <TextInput label={t('target.prefix')} placeholder="eventdesk/" data-testid="target-prefix" value={draft.prefix} onChange={(e) => set('prefix', e.currentTarget.value)} error={errors.prefix} />
          </SimpleGrid>
          <Checkbox
            label={t('target.pathStyle')}
            description={t('target.pathStyleHelp')}
            data-testid="target-path-style"
            checked={draft.forcePathStyle}
            onChange={(e) => set('forcePathStyle', e.currentTarget.checked)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('target.accessKey')}
              placeholder={editing?.accessKeyId ?? undefined}
              description={editing ? t('target.storedKeep') : undefined}
              data-testid="target-access-key"
              value={draft.accessKeyId}
              onChange={(e) => set('accessKeyId', e.currentTarget.value)}
              error={errors.accessKeyId}
              autoComplete="off"
            />
            <PasswordInput
              label={t('target.secret')}
              description={editing?.secretSet ? t('target.storedKeep') : undefined}
              data-testid="target-secret"
              value={draft.secretAccessKey}
              onChange={(e) => set('secretAccessKey', e.currentTarget.value)}
              error={errors.secretAccessKey}
              autoComplete="new-password"
            />
          </SimpleGrid>
        </>
      )}
    </Stack>
  )
}
