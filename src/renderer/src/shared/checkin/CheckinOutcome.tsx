import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import type { TFunction } from 'i18next'
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
export function CheckinOutcome({ outcome, onUndo, undoing, onOpen, compact = false }: Props) {
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
          {undoButton}
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
        <OutcomeBody outcome={outcome} onOpen={onOpen} />
        {undoButton && <Group>{undoButton}</Group>}
      </Stack>
    </Paper>
  )
}

function OutcomeBody({ outcome, onOpen }: { outcome: Outcome; onOpen?: (attendeeId: string) => void }) {
  const { t } = useTranslation()
  if (outcome.kind === 'undone') {
    return <Text size="lg">{t('outcome.undoneBody', { name: fullName(outcome.attendee) })}</Text>
  }
  const r = outcome.result
  switch (r.outcome) {
    case 'admitted':
      return <Person attendee={r.attendee} onOpen={onOpen} />
    case 'already_checked_in':
      return (
        <>
          <Person attendee={r.attendee} onOpen={onOpen} />
          <Text size="lg" fw={600} data-testid="checkin-previous">
            {previousText(t, r.previous)}
          </Text>
        </>
      )
    case 'cancelled':
      return (
        <>
          <Person attendee={r.attendee} onOpen={onOpen} />
          <Text size="lg" fw={600}>
            {t('outcome.cancelledBody')}
          </Text>
        </>
      )
    case 'ambiguous_code':
      // Two people hold this code (desks apart minted it twice): the operator picks the person in front of them.
      return (
        <Stack gap="xs">
          <Text size="lg" fw={600}>
            {t('outcome.ambiguousBody', { code: r.code })}
          </Text>
          {r.attendees.map((a) => (
            <Group key={a.id} gap="sm" data-testid="checkin-ambiguous-person">
              <Person attendee={a} onOpen={onOpen} />
              {'email' in a && a.email && <Text c="dimmed">{a.email}</Text>}
            </Group>
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

function previousText(t: TFunction<'app'>, p: CheckinInfo): string {
  return t('outcome.previous', {
    time: formatTime(p.at),
    desk: p.deskName ?? t('common.unknownDesk'),
    staff: p.staffName ?? t('common.unknownStaff')
  })
}

function Person({ attendee, onOpen }: { attendee: AttendeeRow | DoorAttendee; onOpen?: (id: string) => void }): ReactNode {
  const ticketTypes = useTicketTypeMap()
  const name = fullName(attendee) || attendee.code
  return (
    <Group gap="md" wrap="wrap" align="center">
      {onOpen ? (
        <button type="button" className="ed-linklike ed-break" onClick={() => onOpen(attendee.id)} data-testid="checkin-outcome-name">
          <Text component="span" fz={30} fw={800} lh={1.15}>
            {name}
          </Text>
        </button>
      ) : (
        <Text fz={30} fw={800} lh={1.15} className="ed-break" data-testid="checkin-outcome-name">
          {name}
        </Text>
      )}
      <TicketBadge ticketType={ticketTypes.get(attendee.ticketTypeId)} size="xl" />
      {'company' in attendee && attendee.company && (
        <Text size="lg" c="dark" className="ed-ellipsis" maw="100%">
          {attendee.company}
        </Text>
      )}
    </Group>
  )
}
