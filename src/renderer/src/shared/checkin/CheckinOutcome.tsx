import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeRow } from '../../../../shared/contract/attendees'
import type { CheckinInfo, CheckinResult, DoorAttendee, DoorCheckinResult } from '../../../../shared/contract/checkin'
import { formatTime, fullName } from '../../ui/format'
import { TicketBadge } from '../badges'
import { useTicketTypeMap } from '../events'

export type Outcome = { kind: 'result'; result: CheckinResult | DoorCheckinResult } | { kind: 'undone'; attendee: AttendeeRow | DoorAttendee }

const STYLE = {
  admitted: { bg: 'var(--mantine-color-green-1)', border: 'var(--mantine-color-green-8)', title: 'var(--mantine-color-green-9)' },
  already_checked_in: { bg: 'var(--mantine-color-yellow-1)', border: 'var(--mantine-color-yellow-7)', title: '#6b4a00' },
  cancelled: { bg: 'var(--mantine-color-red-1)', border: 'var(--mantine-color-red-8)', title: 'var(--mantine-color-red-9)' },
  unknown_code: { bg: 'var(--mantine-color-red-1)', border: 'var(--mantine-color-red-8)', title: 'var(--mantine-color-red-9)' },
  ambiguous_code: { bg: 'var(--mantine-color-orange-1)', border: 'var(--mantine-color-orange-8)', title: 'var(--mantine-color-orange-9)' },
  undone: { bg: 'var(--mantine-color-gray-0)', border: 'var(--mantine-color-gray-6)', title: 'var(--mantine-color-gray-9)' }
} as const

interface Props {
  outcome: Outcome
  onUndo: (checkinId: string) => void
  undoing: boolean
  onOpen?: (attendeeId: string) => void
  /** Checks a person in by name (roles that may); offered when a code names two people. */
  onCheckIn?: (attendeeId: string) => void
  /** The person being checked in by `onCheckIn`. */
  checkingIn?: string | null
  /** One line while the operator is already typing the next search. */
  compact?: boolean
}

function subject(outcome: Outcome): string {
  if (outcome.kind === 'undone') return fullName(outcome.attendee)
  const r = outcome.result
  if (r.outcome === 'unknown_code' || r.outcome === 'ambiguous_code') return r.code
  return fullName(r.attendee) || r.attendee.code
}

/** The big coloured answer after every check-in: readable from a step away. */
export function CheckinOutcome({ outcome, onUndo, undoing, onOpen, onCheckIn, checkingIn = null, compact = false }: Props) {
  const { t } = useTranslation()
  const kind = outcome.kind === 'undone' ? 'undone' : outcome.result.outcome
  const style = STYLE[kind]
  const undoButton = outcome.kind === 'result' && outcome.result.outcome === 'admitted' && (
    <Button
      variant="white"
      color="dark"
      size={compact ? 'sm' : 'md'}
      onClick={() => {
        if (outcome.result.outcome === 'admitted') onUndo(outcome.result.checkin.checkinId)
      }}
      loading={undoing}
      data-testid="checkin-undo"
      style={{ border: '2px solid var(--mantine-color-dark-4)', flex: '0 0 auto' }}
    >
      {t('outcome.undo')}
    </Button>
  )
  if (compact) {
    return (
      <Paper
        data-testid="checkin-outcome"
        data-outcome={kind}
        role="status"
        px="md"
        py="xs"
        radius="md"
        style={{ background: style.bg, border: `2px solid ${style.border}` }}
      >
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text fw={700} className="ed-ellipsis" style={{ color: style.title }} data-testid="checkin-outcome-title">
            {t(`outcome.${kind}`)} · {subject(outcome)}
          </Text>
          <Group gap="sm" wrap="nowrap" style={{ flex: '0 0 auto' }}>
            {attendeeOf(outcome) && <AttentionBadge attendee={attendeeOf(outcome)!} />}
            {undoButton}
          </Group>
        </Group>
      </Paper>
    )
  }
  return (
    <Paper
      data-testid="checkin-outcome"
      data-outcome={kind}
      role="status"
      aria-live="assertive"
      p="lg"
      radius="md"
      style={{ background: style.bg, border: `3px solid ${style.border}` }}
    >
      <Stack gap="xs">
        <Title order={2} style={{ color: style.title }} data-testid="checkin-outcome-title">
          {t(`outcome.${kind}`)}
        </Title>
        <OutcomeBody outcome={outcome} onOpen={onOpen} onCheckIn={onCheckIn} checkingIn={checkingIn} />
        {undoButton && <Group>{undoButton}</Group>}
      </Stack>
    </Paper>
  )
}

/** The one person an outcome is about (none for unknown and ambiguous codes). */
function attendeeOf(outcome: Outcome): AttendeeRow | DoorAttendee | null {
  if (outcome.kind === 'undone') return outcome.attendee
  const r = outcome.result
  return r.outcome === 'unknown_code' || r.outcome === 'ambiguous_code' ? null : r.attendee
}

type BodyProps = Pick<Props, 'outcome' | 'onOpen' | 'onCheckIn' | 'checkingIn'>

function OutcomeBody({ outcome, onOpen, onCheckIn, checkingIn }: BodyProps) {
  const { t } = useTranslation()
  if (outcome.kind === 'undone') {
    return <Text size="lg">{t('outcome.undoneBody', { name: fullName(outcome.attendee) })}</Text>
  }
  const r = outcome.result
  switch (r.outcome) {
    case 'admitted':
      return (
        <>
          <Person attendee={r.attendee} onOpen={onOpen} />
          <Attention attendee={r.attendee} />
        </>
      )
    case 'already_checked_in':
      return (
        <>
          <Person attendee={r.attendee} onOpen={onOpen} />
          <Attention attendee={r.attendee} />
          <Previous previous={r.previous} />
        </>
      )
    case 'cancelled':
      return (
        <>
          <Person attendee={r.attendee} onOpen={onOpen} />
          <Text size="lg" fw={600}>
            {t('outcome.cancelledBody')}
          </Text>
          <Attention attendee={r.attendee} />
        </>
      )
    case 'ambiguous_code':
      // Two people hold this code (desks apart minted it twice): the operator picks the person in front of them.
      return (
        <Stack gap="sm">
          <Text size="lg" fw={600}>
            {t(onCheckIn ? 'outcome.ambiguousBody' : 'outcome.ambiguousDoor', { code: r.code })}
          </Text>
          {r.attendees.map((a) => (
            <Paper key={a.id} withBorder p="sm" radius="md" data-testid="checkin-ambiguous-person" data-id={a.id}>
              <Group justify="space-between" wrap="wrap" gap="sm" align="center">
                <Stack gap={4} style={{ minWidth: 0, flex: '1 1 280px' }}>
                  <Person attendee={a} onOpen={onOpen} size="md" />
                  <Group gap="md" wrap="wrap" style={{ rowGap: 2 }} data-testid="checkin-ambiguous-details">
                    <Text className="ed-mono" fw={700}>
                      {a.code}
                    </Text>
                    {'email' in a && (a.email ?? a.invalidEmail) && (
                      <Text c="dark.5" className="ed-break">
                        {a.email ?? a.invalidEmail}
                      </Text>
                    )}
                  </Group>
                  <Attention attendee={a} />
                </Stack>
                {onCheckIn && (
                  <Button
                    color="green.8"
                    onClick={() => onCheckIn(a.id)}
                    loading={checkingIn === a.id}
                    disabled={checkingIn !== null && checkingIn !== a.id}
                    data-testid="checkin-ambiguous-checkin"
                    style={{ flex: '0 0 auto' }}
                  >
                    {t('outcome.checkInPerson', { name: fullName(a) || a.code })}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )
    case 'unknown_code':
      return (
        <Text size="lg">
          {t('outcome.unknownBody')}{' '}
          <span className="ed-mono ed-break" data-testid="checkin-unknown-code" style={{ fontWeight: 800 }}>
            {r.code}
          </span>
        </Text>
      )
  }
}

/** When, where and by whom someone was let in before. */
function Previous({ previous }: { previous: CheckinInfo }) {
  const { t } = useTranslation()
  return (
    <Text size="lg" fw={600} data-testid="checkin-previous">
      {t('outcome.previous', {
        time: formatTime(previous.at),
        desk: previous.deskName ?? t('common.unknownDesk'),
        staff: previous.staffName ?? t('common.unknownStaff')
      })}
    </Text>
  )
}

function Person({ attendee, onOpen, size = 'xl' }: { attendee: AttendeeRow | DoorAttendee; onOpen?: (id: string) => void; size?: 'md' | 'xl' }): ReactNode {
  const ticketTypes = useTicketTypeMap()
  const name = fullName(attendee) || attendee.code
  const fz = size === 'xl' ? 30 : 22
  return (
    <Group gap="md" wrap="wrap" align="center">
      {onOpen ? (
        <button type="button" className="ed-linklike ed-break" onClick={() => onOpen(attendee.id)} data-testid="checkin-outcome-name">
          <Text component="span" fz={fz} fw={800} lh={1.15}>
            {name}
          </Text>
        </button>
      ) : (
        <Text fz={fz} fw={800} lh={1.15} className="ed-break" data-testid="checkin-outcome-name">
          {name}
        </Text>
      )}
      <TicketBadge ticketType={ticketTypes.get(attendee.ticketTypeId)} size={size === 'xl' ? 'xl' : 'lg'} />
      {'company' in attendee && attendee.company && (
        <Text size="lg" c="dark" className="ed-ellipsis" maw="100%">
          {attendee.company}
        </Text>
      )}
    </Group>
  )
}

const ATTENTION = { bg: 'var(--mantine-color-yellow-2)', border: 'var(--mantine-color-orange-8)', text: '#5c3400' }

/**
 * What the door must know about this person: the attention flag and the door
 * note (a scanner is told only that there is something, and to send them to the desk).
 */
function Attention({ attendee }: { attendee: AttendeeRow | DoorAttendee }) {
  const { t } = useTranslation()
  const note = 'doorNote' in attendee ? attendee.doorNote : null
  if (!attendee.attention && !note) return null
  return (
    <Paper
      data-testid="checkin-attention"
      px="md"
      py="sm"
      radius="md"
      style={{ background: ATTENTION.bg, border: `3px solid ${ATTENTION.border}` }}
    >
      <Stack gap={2}>
        {attendee.attention && (
          <Text fw={800} size="lg" style={{ color: ATTENTION.text }}>
            ⚠ {t('outcome.attention')}
          </Text>
        )}
        {note ? (
          <Text size="lg" fw={600} className="ed-break" style={{ color: ATTENTION.text, whiteSpace: 'pre-wrap' }} data-testid="checkin-door-note">
            {note}
          </Text>
        ) : (
          !('doorNote' in attendee) && (
            <Text size="md" fw={600} style={{ color: ATTENTION.text }}>
              {t('outcome.attentionDoor')}
            </Text>
          )
        )}
      </Stack>
    </Paper>
  )
}

/** The attention flag in one line (the compact outcome), the note as its tooltip. */
function AttentionBadge({ attendee }: { attendee: AttendeeRow | DoorAttendee }) {
  const { t } = useTranslation()
  const note = 'doorNote' in attendee ? attendee.doorNote : null
  if (!attendee.attention && !note) return null
  return (
    <Badge color="orange.8" size="lg" radius="sm" tt="none" title={note ?? t('outcome.attentionDoor')} data-testid="checkin-attention">
      ⚠ {t('outcome.attention')}
    </Badge>
  )
}
