import { Badge, Button, Group, Stack, Text } from '@mantine/core'
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttendeeRow } from '../../../../shared/contract/attendees'
import type { TicketTypeRow } from '../../../../shared/contract/events'
import { StatusBadge, TicketBadge } from '../../shared/badges'
import { formatTime, fullName } from '../../ui/format'

interface Props {
  attendee: AttendeeRow
  ticketType: TicketTypeRow | undefined
  highlighted: boolean
  busy: boolean
  onHighlight: () => void
  onCheckIn: () => void
  onOpen: () => void
}

/**
 * The check-in button's look: green only for someone who may come in now; a
 * person already in or cancelled gets a quiet or red one (pressing it shows why).
 */
function buttonTone(attendee: AttendeeRow): { tone: 'go' | 'in' | 'stop'; color: string; variant: 'filled' | 'light' } {
  if (attendee.status === 'cancelled') return { tone: 'stop', color: 'red', variant: 'light' }
  if (attendee.checkedInAt) return { tone: 'in', color: 'gray', variant: 'light' }
  return { tone: 'go', color: 'green.8', variant: 'filled' }
}

/** One search hit: who, which ticket, whether they are in, and a big check-in button. */
export const DeskResult = memo(function DeskResult({ attendee, ticketType, highlighted, busy, onHighlight, onCheckIn, onOpen }: Props) {
  const { t } = useTranslation(['desk', 'app', 'shared'])
  const details = [attendee.company, attendee.email].filter(Boolean).join(' · ')
  const button = buttonTone(attendee)
  return (
    <div
      className="ed-result"
      data-testid="desk-result"
      data-highlighted={highlighted}
      aria-selected={highlighted}
      role="option"
      id={`desk-result-${attendee.id}`}
      onMouseDown={(e) => e.preventDefault() /* keep focus in the search field */}
      onClick={onHighlight}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" wrap="wrap" style={{ minWidth: 0, rowGap: 4 }}>
            <button
              type="button"
              className="ed-linklike ed-ellipsis"
              data-testid="desk-result-name"
              onClick={(e) => {
                e.stopPropagation()
                onOpen()
              }}
            >
              <Text component="span" fz="xl" fw={700}>
                {fullName(attendee) || '—'}
              </Text>
            </button>
            <Group gap={6} wrap="nowrap" style={{ flex: '0 0 auto' }}>
              <TicketBadge ticketType={ticketType} />
              <StatusBadge status={attendee.status} hideRegistered />
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Text className="ed-mono" fw={700} size="md" data-testid="desk-result-code" style={{ flex: '0 0 auto' }}>
              {attendee.code}
            </Text>
            {attendee.checkedInAt && (
              <Badge
                color="green"
                variant="light"
                size="lg"
                radius="sm"
                tt="none"
                style={{ flex: '0 0 auto' }}
                styles={{ root: { color: 'var(--mantine-color-green-9)', border: '1px solid var(--mantine-color-green-4)' } }}
                data-testid="desk-result-checked-in"
              >
                {t('checkedInAt', { time: formatTime(attendee.checkedInAt) })}
              </Badge>
            )}
            {details && (
              <Text size="sm" c="dark.4" className="ed-ellipsis" title={details}>
                {details}
              </Text>
            )}
          </Group>
        </Stack>
        <Button
          size="lg"
          color={button.color}
          variant={button.variant}
          data-tone={button.tone}
          data-testid="desk-checkin"
          loading={busy}
          style={{ flex: '0 0 auto' }}
          onMouseDown={(e) => e.preventDefault()}
          onClick={(e) => {
            e.stopPropagation()
            onCheckIn()
          }}
        >
          {t('checkIn')}
        </Button>
      </Group>
    </div>
  )
})
