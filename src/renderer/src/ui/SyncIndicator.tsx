/**
 * The header's connectivity light, for every role: green when every desk of
 * the fleet is linked, amber when some are, grey when this desk is alone —
 * which is fine: nothing stops working. It refreshes on the `sync` topic.
 */
import { Box, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SyncSummaryStatus } from '../../../shared/contract/sync'
import { useApi } from '../api/query'
import { formatNumber } from './format'

const COLORS = { all: 'var(--mantine-color-green-7)', some: 'var(--mantine-color-yellow-6)', alone: 'var(--mantine-color-gray-5)' } as const

export function useSyncStatus() {
  return useApi('sync.status', {})
}

/** "Linked to 2 of 3 desks" / "Working alone". */
export function useSyncLabel() {
  const { t } = useTranslation()
  return (s: SyncSummaryStatus): string =>
    s.fleetDesks === 0 ? t('sync.aloneNoFleet') : s.summary === 'alone' ? t('sync.alone', { total: s.fleetDesks }) : t('sync.linked', { connected: s.connected, total: s.fleetDesks })
}

function Light({ summary }: { summary: SyncSummaryStatus['summary'] }) {
  return <Box w={12} h={12} style={{ borderRadius: '50%', background: COLORS[summary], flex: '0 0 auto' }} data-testid="sync-light" data-summary={summary} />
}

/**
 * `compact`: the light alone (kiosk, badge station), its meaning in the tooltip.
 * `desksLink`: where an organizer reads more (the Desks screen).
 */
export function SyncIndicator({ compact = false, desksLink }: { compact?: boolean; desksLink?: string }) {
  const { t } = useTranslation()
  const label = useSyncLabel()
  const status = useSyncStatus().data
  if (!status) return null
  const text = label(status)
  const catchingUp = status.catchingUp > 0 ? t('sync.catchingUp', { count: status.catchingUp, n: formatNumber(status.catchingUp) }) : null
  if (compact) {
    return (
      <Group gap={6} wrap="nowrap" title={catchingUp ? `${text} · ${catchingUp}` : text} data-testid="sync-indicator" data-summary={status.summary}>
        <Light summary={status.summary} />
      </Group>
    )
  }
  return (
    <Popover position="bottom-end" withArrow shadow="md" width={320}>
      <Popover.Target>
        <UnstyledButton data-testid="sync-indicator" data-summary={status.summary} aria-label={text} style={{ flex: '0 0 auto' }}>
          <Group gap={8} wrap="nowrap">
            <Light summary={status.summary} />
            <Stack gap={0}>
              <Text size="sm" fw={600} visibleFrom="xl" style={{ whiteSpace: 'nowrap' }}>
                {text}
              </Text>
              {status.fleetDesks > 0 && (
                <Text size="sm" fw={600} hiddenFrom="xl" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                  {`${status.connected}/${status.fleetDesks}`}
                </Text>
              )}
              {catchingUp && (
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="sync-catching-up">
                  {t('sync.catchingUpShort', { n: formatNumber(status.catchingUp) })}
                </Text>
              )}
            </Stack>
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" data-testid="sync-popover">
          <Text fw={700}>{text}</Text>
          {catchingUp && <Text size="sm">{catchingUp}</Text>}
          <Text size="sm" c="dimmed">
            {status.summary === 'all' ? t('sync.allHelp') : t('sync.aloneHelp')}
          </Text>
          {desksLink && (
            <Text size="sm" component="a" href={desksLink} c="blue.8" fw={600}>
              {t('sync.openDesks')}
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
