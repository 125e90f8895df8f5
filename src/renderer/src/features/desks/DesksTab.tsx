import { Alert, Box, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JoinResult, SyncStatus } from '../../../../shared/contract/sync'
import { errorMessage } from '../../api/client'
import { JoinedCompare } from '../../shared/fleet/JoinedCompare'
import { JoinFleetForm } from '../../shared/fleet/JoinFleet'
import { formatNumber } from '../../ui/format'
import { useSyncLabel, useSyncStatus } from '../../ui/SyncIndicator'
import { Addresses } from './Addresses'
import { Pairing } from './Pairing'
import { PeerTable } from './PeerTable'
import { ThisDesk } from './ThisDesk'

const LIGHT = { all: 'green.7', some: 'yellow.6', alone: 'gray.5' } as const

export function DesksTab() {
  const { t } = useTranslation(['desks', 'app'])
  const query = useSyncStatus()
  const [joined, setJoined] = useState<JoinResult | null>(null)
  const status = query.data
  if (query.error) return <Alert color="red">{errorMessage(query.error)}</Alert>
  if (!status) return <Loader />
  const detail = status.detail
  if (!detail) return <Alert color="gray">{t('syncOff')}</Alert>
  // A desk set up alone (no other desk in its fleet, no link) may still join a fleet.
  const alone = status.fleetDesks === 0 && detail.peers.length === 0

  return (
    <Stack gap="lg" maw={1100} data-testid="desks-tab">
      <Summary status={status} />
      {joined && (
        <Alert color="green" data-testid="joined" title={t('joinedTitle', { desk: joined.organizerDeskName })}>
          <JoinedCompare result={joined} />
        </Alert>
      )}
      <Pairing detail={detail} />
      {alone && !joined && (
        <Paper withBorder p="md" data-testid="join-panel">
          <Stack gap="sm">
            <Title order={3}>{t('join.title')}</Title>
            <Text>{t('join.intro')}</Text>
            <Text size="sm" c="dimmed">
              {t('join.ownData')}
            </Text>
            <Box maw={520}>
              <JoinFleetForm onJoined={setJoined} />
            </Box>
          </Stack>
        </Paper>
      )}
      <PeerTable peers={detail.peers} />
      <Addresses detail={detail} />
      <ThisDesk detail={detail} />
    </Stack>
  )
}

function Summary({ status }: { status: SyncStatus }) {
  const { t } = useTranslation(['desks', 'app'])
  const label = useSyncLabel()
  return (
    <Group gap="md" wrap="nowrap" align="flex-start" data-testid="desks-summary">
      <Box w={18} h={18} mt={6} bg={LIGHT[status.summary]} style={{ borderRadius: '50%', flex: '0 0 auto' }} />
      <Stack gap={2}>
        <Text fw={700} size="lg">
          {label(status)}
        </Text>
        {status.catchingUp > 0 && <Text>{t('app:sync.catchingUp', { count: status.catchingUp, n: formatNumber(status.catchingUp) })}</Text>}
        <Text size="sm" c="dimmed">
          {status.summary === 'all' ? t('app:sync.allHelp') : t('app:sync.aloneHelp')}
        </Text>
      </Stack>
    </Group>
  )
}
