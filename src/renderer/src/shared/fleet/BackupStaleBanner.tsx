import { Alert, Anchor, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { BackupStatus } from '../../../../shared/contract/backup'
import { useApi } from '../../api/query'
import { href } from '../../router/hash'
import { formatRelative } from '../../ui/format'

/** Backups live in local tables, which push no changes: the status is polled. */
const HEADER_POLL_MS = 60_000

/** Amber, not red: the desk works; the backup is what is missing. */
export function BackupStaleText({ status }: { status: BackupStatus }) {
  const { t } = useTranslation()
  return (
    <Text fw={600} c="black" className="ed-break">
      {status.lastGood ? t('backupStale.old', { ago: formatRelative(status.lastGood.at), hours: status.warnAfterHours }) : t('backupStale.never')}
    </Text>
  )
}

/** Organizers, above every screen: this desk makes backups, and the newest good one is missing or old. */
export function BackupStaleBanner() {
  const { t } = useTranslation()
  const status = useApi('backup.status', {}, { refetchInterval: HEADER_POLL_MS, retry: false }).data
  if (!status?.stale) return null
  return (
    <Alert color="yellow" variant="filled" mb="md" data-testid="backup-stale-banner" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
      <BackupStaleText status={status} />
      <Anchor href={href('desks/backup')} c="black" fw={700} underline="always">
        {t('backupStale.open')}
      </Anchor>
    </Alert>
  )
}
