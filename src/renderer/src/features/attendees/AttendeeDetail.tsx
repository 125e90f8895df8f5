import { Alert, Box, Button, Divider, Drawer, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeRow, SettableAttendeeStatus } from '../../../../shared/contract/attendees'
import { call } from '../../api/client'
import { useLiveRefresh } from '../../api/live'
import { useQuery } from '../../api/useQuery'
import { formatTime, fullName } from '../../ui/format'
import { notifyError } from '../../ui/notify'
import { CheckinOutcome, type Outcome } from '../desk/CheckinOutcome'
import { refreshCounters } from '../desk/counters'
import { StatusBadge } from '../desk/StatusBadge'
import { TicketBadge } from '../desk/TicketBadge'
import { useTicketTypeMap } from '../events/store'
import { AttendeeForm } from './AttendeeForm'
import { AttendeeHistory } from './AttendeeHistory'
import { useDetail } from './detailStore'

/** The attendee drawer: edit, status actions, the code, the history. */
export function AttendeeDetail() {
  const { t } = useTranslation()
  const attendeeId = useDetail((s) => s.attendeeId)
  const close = useDetail((s) => s.close)
  return (
    <Drawer
      opened={attendeeId !== null}
      onClose={close}
      position="right"
      size={600}
      title={<Text fw={700}>{t('detail.title')}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {attendeeId && <DetailBody key={attendeeId} attendeeId={attendeeId} />}
    </Drawer>
  )
}

function DetailBody({ attendeeId }: { attendeeId: string }) {
  const { t } = useTranslation()
  const ticketTypes = useTicketTypeMap()
  const attendee = useQuery(() => call('attendee.get', { id: attendeeId }), [attendeeId])
  const history = useQuery(
    async () => {
      const [changes, checkins] = await Promise.all([call('attendee.history', { id: attendeeId }), call('checkin.history', { attendeeId })])
      return { changes, checkins }
    },
    [attendeeId]
  )
  const [override, setOverride] = useState<AttendeeRow | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [confirmCancel, setConfirmCancel] = useState(false)

  const { reload: reloadAttendee } = attendee
  const { reload: reloadHistory } = history
  // Fresh data from the core replaces what an action returned.
  useEffect(() => setOverride(null), [attendee.data])
  const reloadAll = useCallback(() => {
    reloadAttendee()
    reloadHistory()
  }, [reloadAttendee, reloadHistory])
  useLiveRefresh(['attendees', 'checkins'], null, reloadAll)

  const row = override ?? attendee.data
  if (!row) {
    return attendee.error ? <Alert color="red">{attendee.error}</Alert> : <Loader />
  }

  const act = async (name: string, fn: () => Promise<void>) => {
    setBusy(name)
    try {
      await fn()
    } catch (err) {
      notifyError(err)
    } finally {
      setBusy(null)
    }
  }

  const setStatus = (status: SettableAttendeeStatus) =>
    act(status, async () => {
      setOverride(await call('attendee.setStatus', { id: row.id, status }))
      setConfirmCancel(false)
      history.reload()
      refreshCounters(row.eventId)
    })

  const checkIn = () =>
    act('checkin', async () => {
      const result = await call('checkin.byAttendee', { attendeeId: row.id })
      setOutcome({ kind: 'result', result })
      if ('attendee' in result) setOverride(result.attendee)
      history.reload()
      refreshCounters(row.eventId)
    })

  const undo = (checkinId: string) =>
    act('undo', async () => {
      const updated = await call('checkin.undo', { checkinId })
      // The drawer is for roles that see whole records: the answer is the full row.
      if ('email' in updated) setOverride(updated)
      setOutcome({ kind: 'undone', attendee: updated })
      history.reload()
      refreshCounters(row.eventId)
    })

  return (
    <Stack gap="md" data-testid="attendee-detail">
      <Stack gap={6}>
        <Title order={2} className="ed-break" data-testid="detail-name">
          {fullName(row) || '—'}
        </Title>
        <Group gap="sm">
          <TicketBadge ticketType={ticketTypes.get(row.ticketTypeId)} size="lg" />
          <StatusBadge status={row.status} />
          {row.checkedInAt && (
            <Text fw={600} c="green.9" data-testid="detail-checked-in">
              {t('desk.checkedInAt', { time: formatTime(row.checkedInAt) })}
            </Text>
          )}
        </Group>
        <Text className="ed-mono" fz={40} fw={800} lh={1.1} data-testid="detail-code" aria-label={t('fields.code')}>
          {row.code}
        </Text>
      </Stack>

      <Group gap="sm">
        <Button color="green.8" size="md" onClick={() => void checkIn()} loading={busy === 'checkin'} data-testid="detail-checkin">
          {t('desk.checkIn')}
        </Button>
        {row.status === 'registered' && (
          <>
            <Button variant="default" onClick={() => void setStatus('no_show')} loading={busy === 'no_show'} data-testid="detail-no-show">
              {t('detail.noShow')}
            </Button>
            <Button color="red" variant="outline" onClick={() => setConfirmCancel(true)} data-testid="detail-cancel">
              {t('detail.cancel')}
            </Button>
          </>
        )}
        {row.status !== 'registered' && (
          <Button variant="default" onClick={() => void setStatus('registered')} loading={busy === 'registered'} data-testid="detail-reinstate">
            {t('detail.reinstate')}
          </Button>
        )}
      </Group>
      {confirmCancel && row.status === 'registered' && (
        <Alert color="red" title={t('detail.cancelConfirmTitle')} data-testid="detail-cancel-confirmation">
          <Stack gap="sm">
            <Text size="sm">{t('detail.cancelConfirmBody', { name: fullName(row) })}</Text>
            <Group gap="sm">
              <Button color="red" onClick={() => void setStatus('cancelled')} loading={busy === 'cancelled'} data-testid="detail-cancel-confirm">
                {t('detail.cancelConfirm')}
              </Button>
              <Button variant="default" onClick={() => setConfirmCancel(false)} data-testid="detail-cancel-keep">
                {t('detail.cancelKeep')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {outcome && <CheckinOutcome outcome={outcome} compact undoing={busy === 'undo'} onUndo={(id) => void undo(id)} />}

      <Divider label={t('detail.edit')} labelPosition="left" />
      <AttendeeForm attendee={row} onSaved={(saved) => { setOverride(saved); history.reload() }} />

      <Divider label={t('detail.history')} labelPosition="left" />
      <Box data-testid="detail-history">
        {history.data ? <AttendeeHistory history={history.data} /> : history.error ? <Alert color="red">{history.error}</Alert> : <Loader size="sm" />}
      </Box>
    </Stack>
  )
}
