import { Alert, Box, Button, Divider, Drawer, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeRow, SettableAttendeeStatus } from '../../../../shared/contract/attendees'
import type { MessageParams } from '../../../../shared/errors'
import { call, errorMessage } from '../../api/client'
import { setApiData, useApi } from '../../api/query'
import { formatTime, fullName } from '../../ui/format'
import { StatusBadge, TicketBadge } from '../badges'
import { CheckinOutcome, previousText, type Outcome } from '../checkin/CheckinOutcome'
import { selectEvent, useSelectedEventId, useTicketTypeMap } from '../events'
import { AttendeeForm, ticketTypeFull, useMayExceedCapacity } from './AttendeeForm'
import { AttendeeHistory } from './AttendeeHistory'
import { OverCapacityConfirm } from './OverCapacityConfirm'

/**
 * The attendee drawer: edit, status actions, the code, the history. Features
 * open it from their route (`#/attendees/<id>`, `#/desk/<id>`), so an attendee
 * can be linked to.
 */
export function AttendeeDrawer({ attendeeId, onClose, onOpenAttendee }: { attendeeId: string | null; onClose: () => void; onOpenAttendee: (id: string) => void }) {
  const { t } = useTranslation(['app', 'shared'])
  return (
    <Drawer
      opened={attendeeId !== null}
      onClose={onClose}
      position="right"
      size={600}
      title={<Text fw={700}>{t('detail.title')}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {attendeeId && <DetailBody key={attendeeId} attendeeId={attendeeId} onOpenAttendee={onOpenAttendee} />}
    </Drawer>
  )
}

function DetailBody({ attendeeId, onOpenAttendee }: { attendeeId: string; onOpenAttendee: (id: string) => void }) {
  const { t } = useTranslation(['app', 'shared'])
  const attendee = useApi('attendee.get', { id: attendeeId })
  const changes = useApi('attendee.history', { id: attendeeId })
  const checkins = useApi('checkin.history', { attendeeId })
  const current = useApi('checkin.current', { attendeeId })
  const selectedEventId = useSelectedEventId()
  const ticketTypes = useTicketTypeMap(attendee.data?.eventId ?? null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [confirmCancel, setConfirmCancel] = useState(false)
  const mayExceed = useMayExceedCapacity()
  /** A status change refused because the ticket type is full, for an organizer's "go over capacity". */
  const [full, setFull] = useState<{ status: SettableAttendeeStatus; params: MessageParams } | null>(null)

  // A link to someone of another event switches the header to that event.
  const eventId = attendee.data?.eventId
  useEffect(() => {
    if (eventId && selectedEventId && eventId !== selectedEventId) selectEvent(eventId)
  }, [eventId, selectedEventId])

  const row = attendee.data
  if (!row) {
    return attendee.error ? <Alert color="red">{errorMessage(attendee.error)}</Alert> : <Loader />
  }

  const show = (updated: AttendeeRow) => setApiData('attendee.get', { id: updated.id }, updated)

  /** An action's error is shown here, next to its buttons, until the next action succeeds. Resolves to the error, or null. */
  const act = async (name: string, fn: () => Promise<void>): Promise<unknown> => {
    setBusy(name)
    setFailure(null)
    setFull(null)
    try {
      await fn()
      return null
    } catch (err) {
      setFailure(err)
      return err
    } finally {
      setBusy(null)
    }
  }

  const setStatus = async (status: SettableAttendeeStatus, allowOverCapacity = false) => {
    const err = await act(status, async () => {
      show(await call('attendee.setStatus', { id: row.id, status, ...(allowOverCapacity ? { allowOverCapacity } : {}) }))
      setConfirmCancel(false)
    })
    const params = mayExceed ? ticketTypeFull(err) : null
    if (params) setFull({ status, params })
  }

  const checkIn = () =>
    act('checkin', async () => {
      const result = await call('checkin.byAttendee', { attendeeId: row.id })
      setOutcome({ kind: 'result', result })
      if ('attendee' in result && 'email' in result.attendee) show(result.attendee)
    })

  const undo = (checkinId: string) =>
    act('undo', async () => {
      const updated = await call('checkin.undo', { checkinId })
      // The drawer is for roles that see whole records: the answer is the full row.
      if ('email' in updated) show(updated)
      setOutcome({ kind: 'undone', attendee: updated })
    })

  const historyError = changes.error ?? checkins.error

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
              {t('detail.checkedInAt', { time: formatTime(row.checkedInAt) })}
            </Text>
          )}
        </Group>
        <Text className="ed-mono" fz={40} fw={800} lh={1.1} data-testid="detail-code" aria-label={t('shared:fields.code')}>
          {row.code}
        </Text>
      </Stack>

      {row.status === 'merged' ? (
        <MergedInto survivorId={row.mergedInto} onOpen={onOpenAttendee} />
      ) : (
        <>
          {current.data && (
            // In now: what counts is this check-in, and the way back is always here — never a second "Check in".
            <Group gap="sm" justify="space-between" wrap="nowrap" className="ed-current-checkin" data-testid="detail-current-checkin">
              <Text fw={600} c="green.9" className="ed-break">
                {previousText(t, current.data)}
              </Text>
              <Button
                variant="default"
                onClick={() => void undo(current.data!.checkinId)}
                loading={busy === 'undo'}
                data-testid="detail-undo"
                style={{ flex: '0 0 auto' }}
              >
                {t('outcome.undo')}
              </Button>
            </Group>
          )}
          <Group gap="sm">
            {!row.checkedInAt && (row.status === 'registered' || row.status === 'no_show') && (
              <Button color="green.8" size="md" onClick={() => void checkIn()} loading={busy === 'checkin'} data-testid="detail-checkin">
                {t('detail.checkIn')}
              </Button>
            )}
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
        </>
      )}
      {failure !== null && (
        <Alert color="red" role="alert" data-testid="detail-error">
          <Text className="ed-break">{errorMessage(failure)}</Text>
        </Alert>
      )}
      {full && (
        <OverCapacityConfirm
          params={full.params}
          busy={busy === full.status}
          onConfirm={() => void setStatus(full.status, true)}
          onKeep={() => {
            setFull(null)
            setFailure(null)
          }}
        />
      )}
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
      {outcome && <CheckinOutcome outcome={outcome} compact />}

      <Divider label={t('detail.edit')} labelPosition="left" />
      <AttendeeForm attendee={row} ticketTypes={[...ticketTypes.values()]} onSaved={show} />

      <Divider label={t('detail.history')} labelPosition="left" />
      <Box data-testid="detail-history">
        {changes.data && checkins.data ? (
          <AttendeeHistory history={{ changes: changes.data, checkins: checkins.data }} ticketTypes={ticketTypes} />
        ) : historyError ? (
          <Alert color="red">{errorMessage(historyError)}</Alert>
        ) : (
          <Loader size="sm" />
        )}
      </Box>
    </Stack>
  )
}

/** A registration merged into another of the same person: its code leads there; this is where to go. */
function MergedInto({ survivorId, onOpen }: { survivorId: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation(['app', 'shared'])
  const survivor = useApi('attendee.get', survivorId ? { id: survivorId } : null).data
  return (
    <Alert color="violet" variant="light" data-testid="detail-merged">
      <Stack gap="xs">
        <Text size="sm">{t('detail.mergedBody')}</Text>
        {survivorId && (
          <Group>
            <Button variant="default" onClick={() => onOpen(survivorId)} data-testid="detail-merged-into">
              {t('detail.mergedInto', { name: survivor ? `${fullName(survivor)} (${survivor.code})` : '…' })}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  )
}
