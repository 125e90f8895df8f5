import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AttendeeStatus } from '../../../shared/contract/attendees'
import type { TicketTypeRow } from '../../../shared/contract/events'

/** The ticket type as a badge in its own colour. */
export function TicketBadge({ ticketType, size = 'md' }: { ticketType: TicketTypeRow | undefined; size?: 'sm' | 'md' | 'lg' | 'xl' }) {
  if (!ticketType) return null
  return (
    <Badge
      color={ticketType.color}
      autoContrast
      size={size}
      radius="sm"
      maw={220}
      title={ticketType.name}
      data-testid="ticket-badge"
      styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
    >
      {ticketType.name}
    </Badge>
  )
}

const STATUS_COLOR: Record<AttendeeStatus, string> = { registered: 'gray', cancelled: 'red', no_show: 'orange', merged: 'violet' }

export function StatusBadge({ status, hideRegistered = false }: { status: AttendeeStatus; hideRegistered?: boolean }) {
  const { t } = useTranslation('shared')
  if (hideRegistered && status === 'registered') return null
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant={status === 'registered' ? 'light' : 'filled'}
      size="md"
      radius="sm"
      data-testid="status-badge"
      data-status={status}
      title={t(`status.${status}`)}
      styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
      maw="100%"
    >
      {t(`status.${status}`)}
    </Badge>
  )
}
