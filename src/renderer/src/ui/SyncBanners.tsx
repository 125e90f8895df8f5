import { Alert, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from './format'
import { useSyncStatus } from './SyncIndicator'

/** What a person at this desk must act on: it was removed from its fleet, it needs an update, a peer's clock is off. */
export function SyncBanners() {
  const { t } = useTranslation()
  const status = useSyncStatus().data
  if (!status) return null
  const { removed, updateNeeded, clockSkews } = status
  if (!removed && !updateNeeded && clockSkews.length === 0) return null
  return (
    <Stack gap="xs" mb="md">
      {removed && (
        <Alert color="red" data-testid="sync-removed" title={t('sync.removedTitle')}>
          <Text className="ed-break">
            {t('sync.removed', { when: formatDateTime(removed.at), desk: removed.byDeskName ?? t('common.unknownDesk') })}
          </Text>
        </Alert>
      )}
      {updateNeeded && (
        <Alert color="yellow" variant="filled" data-testid="sync-update-needed" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
          <Text fw={600} c="black" className="ed-break">
            {t('sync.updateNeeded')}
          </Text>
        </Alert>
      )}
      {clockSkews.map((skew) => (
        <Alert key={skew.deskId} color="yellow" data-testid="sync-clock-skew">
          <Text className="ed-break">
            {t(skew.offsetMs > 0 ? 'sync.clockAhead' : 'sync.clockBehind', { desk: skew.deskName, minutes: Math.round(Math.abs(skew.offsetMs) / 60_000) })}
          </Text>
        </Alert>
      ))}
    </Stack>
  )
}
