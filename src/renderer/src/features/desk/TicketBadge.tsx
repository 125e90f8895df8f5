import { Badge } from '@mantine/core'
import type { TicketTypeRow } from '../../../../shared/contract/events'

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
