import { Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeRow } from '../../../../shared/contract/attendees'
import type { CheckinInfo, CheckinResult, DoorAttendee, DoorCheckinResult } from '../../../../shared/contract/checkin'
import { formatTime, fullName } from '../../ui/format'
import { TicketBadge } from '../badges'
import { useTicketTypeMap } from '../events'
import { useFeedbackSettings, type Sound } from './feedback'

/**
 * What the card shows: the answer to the latest check-in, that it is still
 * on its way (`pending`: the scanned code or the name), or why it failed.
 */
export type Outcome =
  | { kind: 'result'; result: CheckinResult | DoorCheckinResult }
  | { kind: 'undone'; attendee: AttendeeRow | DoorAttendee }
  | { kind: 'pending'; subject: string }
  | { kind: 'error'; subject: string; message: string }

export type OutcomeKind = CheckinResult['outcome'] | 'undone' | 'pending' | 'error'

/** One colour per outcome, so the door tells them apart at a glance. */
export const OUTCOME_STYLE: Record<OutcomeKind, { bg: string; border: string; title: string }> = {
  admitted: { bg: 'var(--mantine-color-green-1)', border: 'var(--mantine-color-green-8)', title: 'var(--mantine-color-green-9)' },
  already_checked_in: { bg: 'var(--mantine-color-yellow-1)', border: 'var(--mantine-color-yellow-7)', title: '#6b4a00' },
  cancelled: { bg: 'var(--mantine-color-red-1)', border: 'var(--mantine-color-red-8)', title: 'var(--mantine-color-red-9)' },
  unknown_code: { bg: 'var(--mantine-color-grape-1)', border: 'var(--mantine-color-grape-8)', title: 'var(--mantine-color-grape-9)' },
  other_event: { bg: 'var(--mantine-color-pink-1)', border: 'var(--mantine-color-pink-8)', title: 'var(--mantine-color-pink-9)' },
  ambiguous_code: { bg: 'var(--mantine-color-orange-1)', border: 'var(--mantine-color-orange-8)', title: 'var(--mantine-color-orange-9)' },
  undone: { bg: 'var(--mantine-color-gray-0)', border: 'var(--mantine-color-gray-6)', title: 'var(--mantine-color-gray-9)' },
  pending: { bg: 'var(--mantine-color-blue-0)', border: 'var(--mantine-color-blue-5)', title: 'var(--mantine-color-blue-9)' },
  error: { bg: 'var(--mantine-color-dark-0)', border: 'var(--mantine-color-dark-6)', title: 'var(--mantine-color-dark-9)' }
}

/** Yes, no, or look: what the door hears for each outcome. */
export const OUTCOME_SOUND: Record<OutcomeKind, Sound | null> = {
  admitted: 'admitted',
  cancelled: 'refused',
  unknown_code: 'refused',
  other_event: 'refused',
  already_checked_in: 'attention',
  ambiguous_code: 'attention',
  error: 'attention',
  undone: null,
  pending: null
}

export function outcomeKind(outcome: Outcome): OutcomeKind {
  return outcome.kind === 'result' ? outcome.result.outcome : outcome.kind
}

interface Props {
  outcome: Outcome
  /** Without it the card offers no undo (the screen has its own). */
  onUndo?: (checkinId: string) => void
  undoing?: boolean
  onOpen?: (attendeeId: string) => void
  /** Checks a person in by name (roles that may); offered when a code names two people. */
  onCheckIn?: (attendeeId: string, name: string) => void
  /** The person being checked in by `onCheckIn`. */
  checkingIn?: string | null
  /** One line while the operator is already typing the next search. */
  compact?: boolean
}

function subject(outcome: Outcome): string {
  if (outcome.kind === 'undone') return fullName(outcome.attendee)
  if (outcome.kind === 'pending' || outcome.kind === 'error') return outcome.subject
  const r = outcome.result
  if (r.outcome === 'unknown_code' || r.outcome === 'ambiguous_code' || r.outcome === 'other_event') return r.code
  return fullName(r.attendee) || r.attendee.code
}

/** The big coloured answer after every check-in: readable from a step away. */
export function CheckinOutcome({ outcome, onUndo, undoing = false, onOpen, onCheckIn, checkingIn = null, compact = false }: Props) {
  const { t } = useTranslation()
  const kind = outcomeKind(outcome)
  const style = OUTCOME_STYLE[kind]
  const muted = useFeedbackSettings((s) => s.muted)
  const sound = muted ? 'muted' : (OUTCOME_SOUND[kind] ?? 'none')
  const undoButton = onUndo && outcome.kind === 'result' && outcome.result.outcome === 'admitted' && (
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
        data-sound={sound}
        role="status"
        px="md"
        py="xs"
        radius="md"
        style={{ background: style.bg, border: `2px solid ${style.border}` }}
      >
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            {kind === 'pending' && <Loader size="xs" color="blue" />}
            <Text fw={700} className="ed-ellipsis" style={{ color: style.title }} data-testid="checkin-outcome-title">
              {t(`outcome.${kind}`)} · {subject(outcome)}
            </Text>
          </Group>
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
      data-sound={sound}
      role="status"
      aria-live="assertive"
      p="lg"
      radius="md"
      style={{ background: style.bg, border: `3px solid ${style.border}` }}
    >
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap">
          {kind === 'pending' && <Loader size="sm" color="blue" />}
          <Title order={2} style={{ color: style.title }} data-testid="checkin-outcome-title">
            {t(`outcome.${kind}`)}
          </Title>
        </Group>
        <OutcomeBody outcome={outcome} onOpen={onOpen} onCheckIn={onCheckIn} checkingIn={checkingIn} />
        {undoButton && <Group>{undoButton}</Group>}
      </Stack>
    </Paper>
  )
}

/** The one person an outcome is about (none while pending, on an error, or for unknown, other-event and ambiguous codes). */
function attendeeOf(outcome: Outcome): AttendeeRow | DoorAttendee | null {
  if (outcome.kind === 'undone') return outcome.attendee
  if (outcome.kind !== 'result') return null
  const r = outcome.result
  return r.outcome === 'unknown_code' || r.outcome === 'ambiguous_code' || r.outcome === 'other_event' ? null : r.attendee
}

type BodyProps = Pick<Props, 'outcome' | 'onOpen' | 'onCheckIn' | 'checkingIn'>

function OutcomeBody({ outcome, onOpen, onCheckIn, checkingIn }: BodyProps) {
  const { t } = useTranslation()
  if (outcome.kind === 'undone') {
    return <Text size="lg">{t('outcome.undoneBody', { name: fullName(outcome.attendee) })}</Text>
  }
  if (outcome.kind === 'pending') {
    return (
      <Text fz={30} fw={800} lh={1.15} className="ed-break" data-testid="checkin-outcome-subject">
        {outcome.subject}
      </Text>
    )
  }
  if (outcome.kind === 'error') {
    return (
      <>
        <Text fz={30} fw={800} lh={1.15} className="ed-break" data-testid="checkin-outcome-subject">
          {outcome.subject}
        </Text>
        <Text size="lg" fw={600} data-testid="checkin-outcome-error">
          {outcome.message}
        </Text>
        <Text size="lg">{t('outcome.errorBody')}</Text>
      </>
    )
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
                  <Attention attendee={a} />
                </Stack>
                {onCheckIn && (
                  <Button
                    color="green.8"
                    onClick={() => onCheckIn(a.id, fullName(a) || a.code)}
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
    case 'other_event':
      return (
        <Text size="lg" fw={600} data-testid="checkin-other-event">
          {t('outcome.otherEventBody', { event: r.eventName })}
        </Text>
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

/** "Checked in at 10:32 at desk A by Sam." */
export function previousText(t: TFunction<'app'>, p: CheckinInfo): string {
  return t('outcome.previous', {
    time: formatTime(p.at),
    desk: p.deskName ?? t('common.unknownDesk'),
    staff: p.staffName ?? t('common.unknownStaff')
  })
}

/** When, where and by whom someone was let in before. */
function Previous({ previous }: { previous: CheckinInfo }) {
  const { t } = useTranslation()
  return (
    <Text size="lg" fw={600} data-testid="checkin-previous">
      {previousText(t, previous)}
    </Text>
  )
}

/** Who: name and ticket, then what tells namesakes apart — the code, and (for the desk) company and e-mail. */
function Person({ attendee, onOpen, size = 'xl' }: { attendee: AttendeeRow | DoorAttendee; onOpen?: (id: string) => void; size?: 'md' | 'xl' }): ReactNode {
  const ticketTypes = useTicketTypeMap()
  const name = fullName(attendee) || attendee.code
  const fz = size === 'xl' ? 30 : 22
  const email = 'email' in attendee ? (attendee.email ?? attendee.invalidEmail) : null
  const details = 'company' in attendee ? [attendee.company, email].filter(Boolean).join(' · ') : ''
  return (
    <Stack gap={4}>
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
      </Group>
      <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }} data-testid="checkin-outcome-details">
        <Text className="ed-mono" fw={800} size="lg" style={{ flex: '0 0 auto' }} data-testid="checkin-outcome-code">
          {attendee.code}
        </Text>
        {details && (
          <Text size="lg" c="dark" className="ed-ellipsis" title={details}>
            {details}
          </Text>
        )}
      </Group>
    </Stack>
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
