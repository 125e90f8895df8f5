/** The other desks: state, addresses, last exchange, records pending each way, clock, version, problems; "Remove desk". */
import { Badge, Button, Group, Modal, Progress, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CLOCK_TOLERANCE_MS, type PeerRow, type PeerState } from '../../../../shared/contract/sync'
import { call } from '../../api/client'
import { formatNumber, formatRelative } from '../../ui/format'
import { notifyError, notifySuccess } from '../../ui/notify'
import { useNow } from './useNow'

const STATE_COLORS: Record<PeerState, string> = { connected: 'green', offline: 'gray', refused: 'red', removed: 'dark' }

export function PeerTable({ peers }: { peers: PeerRow[] }) {
  const { t } = useTranslation(['desks', 'app'])
  const [removing, setRemoving] = useState<PeerRow | null>(null)
  useNow(15_000) // "2 min ago" moves on
  return (
    <Stack gap="sm">
      <Title order={3}>{t('peers.title')}</Title>
      {peers.length === 0 ? (
        <Text c="dimmed" data-testid="peers-empty">
          {t('peers.none')}
        </Text>
      ) : (
        <Table withTableBorder layout="fixed" verticalSpacing="sm" data-testid="peer-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="26%">{t('peers.desk')}</Table.Th>
              <Table.Th w="20%">{t('peers.addresses')}</Table.Th>
              <Table.Th>{t('peers.records')}</Table.Th>
              <Table.Th w="17%">{t('peers.lastExchange')}</Table.Th>
              <Table.Th w={150} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {peers.map((peer) => (
              <PeerRowView key={peer.deskId ?? peer.addresses.join(' ')} peer={peer} onRemove={() => setRemoving(peer)} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RemoveDesk peer={removing} onClose={() => setRemoving(null)} />
    </Stack>
  )
}

/** A problem key from the link, in words (an unknown key: the English detail the core gave). */
function useProblemText() {
  const { t, i18n } = useTranslation(['desks'])
  return (peer: PeerRow): string | null => {
    if (!peer.problem) return null
    const key = `desks:problems.${peer.problem}`
    return i18n.exists(key) ? t(key as never) : (peer.problemDetail ?? peer.problem)
  }
}

function PeerRowView({ peer, onRemove }: { peer: PeerRow; onRemove: () => void }) {
  const { t } = useTranslation(['desks', 'app'])
  const problemText = useProblemText()
  const problem = problemText(peer)
  const total = peer.received + peer.incomingPending
  const offsetOff = peer.clockOffsetMs !== null && Math.abs(peer.clockOffsetMs) > CLOCK_TOLERANCE_MS
  return (
    <Table.Tr data-testid="peer-row" data-state={peer.state} data-desk={peer.deskName ?? ''}>
      <Table.Td>
        <Stack gap={4}>
          <Text fw={700} className="ed-ellipsis" title={peer.deskName ?? undefined}>
            {peer.deskName ?? t('peers.unknownDesk')}
          </Text>
          <Group gap={4}>
            <Badge color={STATE_COLORS[peer.state]} variant={peer.state === 'offline' ? 'outline' : 'filled'} data-testid="peer-state">
              {t(`peers.state.${peer.state}`)}
            </Badge>
            {peer.newerSchema && (
              <Badge color="yellow" variant="light">
                {t('peers.newer')}
              </Badge>
            )}
            {peer.olderSchema && (
              <Badge color="gray" variant="light">
                {t('peers.older')}
              </Badge>
            )}
          </Group>
          {problem && (
            <Text size="sm" c="red.8" className="ed-break" title={peer.problemDetail ?? undefined} data-testid="peer-problem">
              {problem}
            </Text>
          )}
          {peer.rejectedMessages > 0 && (
            <Text size="sm" c="red.8">
              {t('peers.rejected', { count: peer.rejectedMessages, n: formatNumber(peer.rejectedMessages) })}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {peer.addresses.map((a) => (
            <Text key={a} size="sm" className="ed-mono ed-break">
              {a}
            </Text>
          ))}
          {peer.appVersion && (
            <Text size="xs" c="dimmed">
              {t('peers.version', { version: peer.appVersion })}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Text size="sm" data-testid="peer-pending">
            {t('peers.pending', { incoming: formatNumber(peer.incomingPending), outgoing: formatNumber(peer.outgoingPending) })}
          </Text>
          {peer.incomingPending > 0 && total > 0 && <Progress value={(100 * peer.received) / total} size="sm" aria-label={t('peers.catchUp')} data-testid="peer-catch-up" />}
          <Text size="xs" c="dimmed">
            {t('peers.counts', { received: formatNumber(peer.received), sent: formatNumber(peer.sent) })}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm">{peer.lastExchangeAt ? formatRelative(peer.lastExchangeAt) : t('peers.never')}</Text>
          {peer.clockOffsetMs !== null && (
            <Text size="xs" c={offsetOff ? 'red.8' : 'dimmed'} fw={offsetOff ? 700 : undefined} data-testid="peer-clock">
              {t('peers.clock', { offset: formatOffset(peer.clockOffsetMs) })}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        {peer.deskId && peer.state !== 'removed' && (
          <Button size="xs" variant="outline" color="red" onClick={onRemove} data-testid="peer-remove">
            {t('remove.button')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  )
}

/** "+2 s", "−7 min": their clock minus ours. */
function formatOffset(ms: number): string {
  const sign = ms < 0 ? '−' : '+'
  const abs = Math.abs(ms)
  if (abs < 60_000) return `${sign}${formatNumber(Math.round(abs / 100) / 10)} s`
  return `${sign}${formatNumber(Math.round(abs / 60_000))} min`
}

function RemoveDesk({ peer, onClose }: { peer: PeerRow | null; onClose: () => void }) {
  const { t } = useTranslation(['desks', 'app'])
  const [busy, setBusy] = useState(false)
  const name = peer?.deskName ?? t('peers.unknownDesk')
  const remove = async () => {
    if (!peer?.deskId) return
    setBusy(true)
    try {
      await call('sync.removeDesk', { deskId: peer.deskId })
      notifySuccess(t('remove.done', { desk: name }))
      onClose()
    } catch (err) {
      notifyError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal opened={peer !== null} onClose={onClose} title={t('remove.title', { desk: name })} size="lg">
      <Stack data-testid="remove-confirm">
        <Text>{t('remove.body')}</Text>
        <Text fw={600}>{t('remove.key')}</Text>
        <Text size="sm" c="dimmed">
          {t('remove.after')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('app:common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void remove()} data-testid="remove-confirm-button">
            {t('remove.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
