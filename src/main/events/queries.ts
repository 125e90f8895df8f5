import type { EventRow, TicketTypeRow } from '../../shared/contract/events'
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'

const EVENT_ROW = `SELECT id, name, type, start_date AS startDate, end_date AS endDate, timezone, venue, capacity, status,
  created_at AS createdAt FROM events`
const TICKET_TYPE_ROW = `SELECT id, event_id AS eventId, code, name, price_cents AS priceCents, currency, capacity, color
  FROM ticket_types`

export function listEvents(read: GuardedSql): EventRow[] {
  return read.all<EventRow>(`${EVENT_ROW} ORDER BY start_date DESC, id`)
}

export function getEvent(read: GuardedSql, id: string): EventRow {
  const row = read.get<EventRow>(`${EVENT_ROW} WHERE id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such event', { key: 'notFound' })
  return row
}

export function getTicketType(read: GuardedSql, id: string): TicketTypeRow {
  const row = read.get<TicketTypeRow>(`${TICKET_TYPE_ROW} WHERE id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such ticket type', { key: 'notFound' })
  return row
}

/** An event's ticket types in the order they were made (ids are time-ordered: the same order on every desk). */
export function listTicketTypes(read: GuardedSql, eventId: string): TicketTypeRow[] {
  return read.all<TicketTypeRow>(`${TICKET_TYPE_ROW} WHERE event_id = ? ORDER BY created_at, id`, eventId)
}
