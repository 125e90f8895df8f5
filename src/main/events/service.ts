/** Ticket type writes other domains compose (an import creates the ticket types its file names). */
import type { TicketTypeInput, TicketTypeRow } from '../../shared/contract/events'
import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { getEvent, getTicketType, listTicketTypes } from './queries'
import { ticketTypes } from './schema'

export function assertUniqueCode(read: GuardedSql, eventId: string, code: string, exceptId?: string): void {
  const clash = listTicketTypes(read, eventId).find((t) => t.code.toLowerCase() === code.toLowerCase())
  if (clash && clash.id !== exceptId) {
    throw new ApiError('conflict', `The code ${code} is already used by the ticket type ${clash.name}`, {
      key: 'ticketCodeTaken',
      params: { code, name: clash.name },
      issues: [{ path: 'code', message: 'Already used in this event', key: 'alreadyUsed' }]
    })
  }
}

/** Creates a ticket type of an event; a retry with the same id returns the first one. */
export function createTicketType(read: GuardedSql, write: Writer, input: TicketTypeInput & { id?: string; eventId: string }): TicketTypeRow {
  const { id: wanted, ...fields } = input
  const id = wanted ?? newId()
  if (read.get('SELECT 1 FROM ticket_types WHERE id = ?', id)) return getTicketType(read, id)
  getEvent(read, fields.eventId)
  assertUniqueCode(read, fields.eventId, fields.code)
  write.insert(ticketTypes, { id, ...fields, createdAt: new Date().toISOString() })
  return getTicketType(read, id)
}

/** Removes a ticket type (the caller knows nobody holds it, e.g. an undone import's). */
export function deleteTicketType(read: GuardedSql, write: Writer, id: string): void {
  if (read.get('SELECT 1 FROM ticket_types WHERE id = ?', id)) write.delete(ticketTypes, id)
}
