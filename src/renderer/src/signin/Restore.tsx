/**
 * First run: fill this new desk from a backup in a folder or an S3 bucket.
 * Find the backups there (newest first, the newest chosen), give the
 * passphrase or the fleet key, restore with a progress bar. The desk keeps
 * its own new identity and catches up from the fleet once paired.
 */
import { Button, Group, PasswordInput, Progress, Radio, SegmentedControl, Stack, Text, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupTargetInput, BackupVersion } from '../../../shared/contract/backup'
import { ApiError } from '../../../shared/errors'
import { call } from '../api/client'
import { useApi } from '../api/query'
import { emptyDraft, inputOf, TARGET_FIELDS, type TargetDraft } from '../shared/fleet/targetDraft'
import { TargetFields } from '../shared/fleet/TargetFields'
import { formatBytes, formatDateTime, formatNumber } from '../ui/format'
import { FormError } from '../ui/FormError'
import { useSave } from '../ui/useSave'
import { useArrival } from './arrival'

const PROGRESS_POLL_MS = 500

export function RestoreFromBackup({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<TargetDraft>(emptyDraft('folder'))
  const [found, setFound] = useState<{ source: BackupTargetInput; versions: BackupVersion[] } | null>(null)
  const finding = useSave({ fields: TARGET_FIELDS, prefix: 'source' })

  const find = async (e: FormEvent) => {
    e.preventDefault()
    await finding.save(async () => {
      const source = inputOf(draft)
      setFound({ source, versions: await call('backup.restoreVersions', { source }) })
    })
  }

  return (
    <Stack data-testid="restore">
      <Title order={3}>{t('restore.title')}</Title>
      <Text>{t('restore.intro')}</Text>
      {found ? (
        <RestoreChosen source={found.source} versions={found.versions} onBack={() => setFound(null)} />
      ) : (
        <form onSubmit={find} noValidate>
          <Stack>
            <TargetFields draft={draft} onChange={setDraft} errors={finding.errors} />
            <FormError message={finding.formError} testId="restore-find-error" />
            <Group justify="space-between">
              <Button variant="subtle" onClick={onBack}>
                {t('firstRun.back')}
              </Button>
              <Button type="submit" size="md" loading={finding.busy} data-testid="restore-find">
                {t('restore.find')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  )
}

function RestoreChosen({ source, versions, onBack }: { source: BackupTargetInput; versions: BackupVersion[]; onBack: () => void }) {
  const { t } = useTranslation()
  const arrived = useArrival((s) => s.arrived)
  const [name, setName] = useState(versions[0]?.name ?? '')
  const [mode, setMode] = useState<'passphrase' | 'fleet'>('passphrase')
  const [secret, setSecret] = useState('')
  const [running, setRunning] = useState(false)
  const { errors, formError, busy, save } = useSave({ fields: ['passphrase', 'fleetKey'], prefix: 'key' })
  const progress = useApi('backup.restoreProgress', {}, { refetchInterval: running ? PROGRESS_POLL_MS : false, enabled: running, staleTime: 0 }).data

  const restore = async (e: FormEvent) => {
    e.preventDefault()
    setRunning(true)
    const failure = await save(async () => {
      const key = mode === 'passphrase' ? { kind: 'passphrase' as const, passphrase: secret } : { kind: 'fleet' as const, fleetKey: secret }
      arrived({ kind: 'restored', result: await call('backup.restore', { source, key, name }) })
    })
    setRunning(false)
    // The backup says which key it needs: switch to it (what was typed was for the other).
    if (failure instanceof ApiError && failure.key === 'backupNeedsPassphrase') setMode('passphrase')
    if (failure instanceof ApiError && failure.key === 'backupNeedsFleetKey') setMode('fleet')
  }

  if (versions.length === 0) {
    return (
      <Stack>
        <Text data-testid="restore-none">{t('restore.none')}</Text>
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('firstRun.back')}
          </Button>
        </Group>
      </Stack>
    )
  }

  const phase = progress?.running ? progress.phase : busy ? 'downloading' : null
  return (
    <form onSubmit={restore} noValidate>
      <Stack>
        <Radio.Group label={t('restore.which')} value={name} onChange={setName}>
          <Stack gap={6} mt={6} mah={220} style={{ overflowY: 'auto' }}>
            {versions.map((v) => (
              <Radio
                key={v.name}
                value={v.name}
                data-testid="restore-version"
                label={t('restore.version', { when: formatDateTime(v.createdAt), size: formatBytes(v.bytes) })}
                description={<span className="ed-mono ed-break">{v.name}</span>}
              />
            ))}
          </Stack>
        </Radio.Group>
        <SegmentedControl
          value={mode}
          onChange={(m) => setMode(m as 'passphrase' | 'fleet')}
          data={[
            { value: 'passphrase', label: t('restore.passphrase') },
            { value: 'fleet', label: t('restore.fleetKey') }
          ]}
          data-testid="restore-key-kind"
        />
        <PasswordInput
          label={mode === 'passphrase' ? t('restore.passphrase') : t('restore.fleetKey')}
          description={mode === 'fleet' ? t('restore.fleetKeyHelp') : undefined}
          value={secret}
          onChange={(e) => setSecret(e.currentTarget.value)}
          error={mode === 'passphrase' ? errors.passphrase : errors.fleetKey}
          data-testid="restore-secret"
          autoComplete="off"
        />
        {phase && (
          <Stack gap={4} data-testid="restore-progress">
            <Text size="sm" fw={600}>
              {t(`restore.phase.${phase}`, { done: formatNumber(progress?.done ?? 0), total: formatNumber(progress?.total ?? 0) })}
            </Text>
            <Progress value={progress && progress.total > 0 ? (100 * progress.done) / progress.total : 0} animated size="lg" />
          </Stack>
        )}
        <FormError message={formError} testId="restore-error" />
        <Group justify="space-between">
          <Button variant="subtle" onClick={onBack} disabled={busy}>
            {t('firstRun.back')}
          </Button>
          <Button type="submit" size="md" loading={busy} disabled={!secret || !name} data-testid="restore-submit">
            {t('restore.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
