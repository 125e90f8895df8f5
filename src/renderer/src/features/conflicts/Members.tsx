import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConflictMember } from '../../../../shared/contract/conflicts'
import type { TicketTypeRow } from '../../../../shared/contract/events'
import { useApi } from '../../api/query'
import { href } from '../../router/hash'
import { buildPath } from '../../router/paths'
import { StatusBadge, TicketBadge } from '../../shared/badges'
import { formatTime, fullName } from '../../ui/format'

/** `#/attendees/<id>`: the attendee list with their drawer open. */
export const attendeeHref = (attendeeId: string) => href(buildPath('attendees/:attendeeId', { attendeeId }))

/** `#/event/<eventId>/ticket-type/<id>`: event setup with the ticket type open for editing. */
export const ticketTypeHref = (eventId: string, ticketTypeId: string) =>
  href(buildPath('event/:eventId/ticket-type/:ticketTypeId', { eventId, ticketTypeId }))

/**
 * One registration in a conflict, as the attendee list would show it: name
 * (opening their drawer), code, ticket type, status, company, e-mail, when
 * registered and whether in. `mark` names its part (keeps the code…); `before`
 * goes in front (a choice), `after` at the end (an action).
 */
export function AttendeeMember({
  member,
  ticketTypes,
  mark,
  before,
  after
}: {
  member: ConflictMember
  ticketTypes: Map<string, TicketTypeRow>
  mark?: string
  before?: ReactNode
  after?: ReactNode
}) {
  const { t } = useTranslation(['conflicts', 'app', 'shared'])
  const attendee = useApi('attendee.get', member.attendeeId ? { id: member.attendeeId } : null).data
  const name = attendee ? fullName(attendee) || attendee.code : member.label
  const details = attendee
    ? [
        attendee.company,
        attendee.email ?? attendee.invalidEmail,
        t('registeredAt', { time: formatTime(attendee.createdAt) }),
        attendee.checkedInAt ? t('checkedInAt', { time: formatTime(attendee.checkedInAt) }) : null
      ]
    : [member.at ? t('registeredAt', { time: formatTime(member.at) }) : null]
  return (
    <Group gap="sm" wrap="nowrap" align="center" data-testid="conflict-member" data-id={member.id}>
      {before}
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Group gap="xs" wrap="wrap" style={{ rowGap: 4 }}>
          {member.attendeeId ? (
            <Anchor href={attendeeHref(member.attendeeId)} fw={700} className="ed-break" data-testid="conflict-member-link">
              {name}
            </Anchor>
          ) : (
            <Text fw={700}>{name}</Text>
          )}
          {attendee && (
            <>
              <Text className="ed-mono" fw={700} size="sm">
                {attendee.code}
              </Text>
              <TicketBadge ticketType={ticketTypes.get(attendee.ticketTypeId)} size="sm" />
              <StatusBadge status={attendee.status} hideRegistered />
            </>
          )}
          {mark && (
            <Badge color="teal" variant="light" radius="sm" tt="none" data-testid="conflict-member-mark">
              {mark}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dark.4" className="ed-break">
          {details.filter(Boolean).join(' · ')}
        </Text>
      </Stack>
      {after}
    </Group>
  )
}

/** One check-in of a double check-in: when, at which desk, by whom. */
export function CheckinMember({ member, earliest }: { member: ConflictMember; earliest: boolean }) {
  const { t } = useTranslation(['conflicts', 'app', 'shared'])
  return (
    <Group gap="xs" wrap="wrap" data-testid="conflict-member" data-id={member.id}>
      <Text size="sm" className="ed-break">
        {t('checkinAt', {
          time: member.at ? formatTime(member.at) : '—',
          desk: member.deskName ?? t('app:common.unknownDesk'),
          staff: member.label || t('app:common.unknownStaff')
        })}
      </Text>
      {earliest && (
        <Badge color="teal" variant="light" radius="sm" tt="none">
          {t('earliest')}
        </Badge>
      )}
    </Group>
  )
}

/** A ticket type in a conflict, with a link to edit it in event setup. */
export function TicketTypeMember({ member, eventId, ticketTypes, action }: { member: ConflictMember; eventId: string; ticketTypes: Map<string, TicketTypeRow>; action: string }) {
  const ticketType = ticketTypes.get(member.id)
  return (
    <Group gap="sm" wrap="nowrap" data-testid="conflict-member" data-id={member.id}>
      <Group gap="xs" wrap="wrap" style={{ minWidth: 0, flex: 1 }}>
        {ticketType ? <TicketBadge ticketType={ticketType} /> : null}
        <Text size="sm" className="ed-break">
          {member.label}
        </Text>
      </Group>
      <Button component="a" href={ticketTypeHref(eventId, member.id)} variant="default" size="xs" data-testid="conflict-edit-ticket-type" style={{ flex: '0 0 auto' }}>
        {action}
      </Button>
    </Group>
  )
}
