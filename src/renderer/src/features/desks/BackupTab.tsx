/**
 * This desk's backups (organizers): whether it makes them and how often, the
 * key, the folders and buckets they go to, and how the last ones went.
 * Settings live in local tables, which push no changes: the status is polled.
 */
import { Alert, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupProblem, BackupStatus } from '../../../../shared/contract/backup'
import { call, errorMessage } from '../../api/client'
import { setApiData, useApi } from '../../api/query'
import { BackupStaleText } from '../../shared/fleet/BackupStaleBanner'
import { formatBytes, formatRelative } from '../../ui/format'
import { BackupKey } from './BackupKey'
import { BackupSettings } from './BackupSettings'
import { BackupTargets } from './BackupTargets'
import { useNow } from './useNow'

const POLL_MS = 10_000

/** A backup problem in the operator's language (its key and parameters), else as the core said it. */
export function useProblemText() {
  const { t, i18n } = useTranslation()
  return (problem: BackupProblem): string => {
    const key = `shared:apiErrors.${problem.key}`
    return i18n.exists(key) ? t(key as never, problem.params ?? {}) : problem.message
  }
}

export function keepStatus(status: BackupStatus): void {
  setApiData('backup.status', {}, status)
}

export function BackupTab() {
  const { t } = useTranslation(['desks', 'app'])
  const query = useApi('backup.status', {}, { refetchInterval: POLL_MS })
  const status = query.data
  if (query.error) return <Alert color="red">{errorMessage(query.error)}</Alert>
  if (!status) return <Loader />
  return (
    <Stack gap="lg" maw={1000} data-testid="backup-tab">
      <BackupOverview status={status} />
      <BackupSettings status={status} />
      <BackupKey status={status} />
      <BackupTargets status={status} />
      <Text size="sm" c="dimmed">
        {t('backup.restoreHelp')}
      </Text>
    </Stack>
  )
}

function BackupOverview({ status }: { status: BackupStatus }) {
  const { t } = useTranslation(['desks', 'app'])
  const problemText = useProblemText()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<unknown>(null)
  useNow(15_000)

  const runNow = async () => {
    setBusy(true)
    setFailure(null)
    try {
      keepStatus(await call('backup.run', {}))
    } catch (err) {
      setFailure(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Paper withBorder p="md" data-testid="backup-overview">
      <Stack gap="sm">
        {status.stale && (
          <Alert color="yellow" variant="filled" data-testid="backup-stale" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
            <BackupStaleText status={status} />
          </Alert>
        )}
        {status.problem && (
          <Alert color={status.enabled ? 'yellow' : 'gray'} data-testid="backup-problem">
            {problemText(status.problem)}
          </Alert>
        )}
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <Stack gap={4} style={{ flex: '1 1 360px', minWidth: 0 }}>
            <Text fw={700} size="lg" className="ed-break" data-testid="backup-last-good">
              {status.lastGood
                ? t('backup.lastGood', { ago: formatRelative(status.lastGood.at), where: status.lastGood.where, size: formatBytes(status.lastGood.bytes) })
                : t('backup.noneYet')}
            </Text>
            <Text size="sm" c="dimmed" data-testid="backup-next">
              {status.running
                ? t('backup.running')
                : !status.enabled
                  ? t('backup.off')
                  : status.nextAttemptAt
                    ? t('backup.next', { when: formatRelative(status.nextAttemptAt) })
                    : t('backup.noNext')}
            </Text>
          </Stack>
          <Button size="md" onClick={() => void runNow()} loading={busy || status.running} disabled={status.problem !== null} data-testid="backup-run">
            {t('backup.runNow')}
          </Button>
        </Group>
        {failure !== null && (
          <Alert color="red" data-testid="backup-run-error">
            {errorMessage(failure)}
          </Alert>
        )}
      </Stack>
    </Paper>
  )
}
