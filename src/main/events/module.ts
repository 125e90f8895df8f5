/** Events and their ticket types. */
import { sameTicketCode } from './conflicts'
import { eventsContract } from '../../shared/contract/events'
import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import { defineModule, mutation, query } from '../core/module'
import type { GuardedSql } from '../core/sql'
import { getEvent, getTicketType, listEvents, listTicketTypes } from './queries'
import { events, ticketTypes } from './schema'

function assertUniqueCode(read: GuardedSql, eventId: string, code: string, exceptId?: string): void {
  const clash = listTicketTypes(read, eventId).find((t) => t.code.toLowerCase() === code.toLowerCase())
  if (clash && clash.id !== exceptId) {
    throw new ApiError('conflict', `The code ${code} is already used by the ticket type ${clash.name}`, {
      key: 'ticketCodeTaken',
      params: { code, name: clash.name },
      issues: [{ path: 'code', message: 'Already used in this event', key: 'alreadyUsed' }]
    })
  }
}

export const eventsModule = defineModule(eventsContract, {
  name: 'events',
  tables: [
    { table: events, kind: 'lww', scope: 'fleet', describe: 'SELECT name AS subject FROM events WHERE id = ?' },
    { table: ticketTypes, kind: 'lww', scope: 'fleet', describe: 'SELECT name AS subject, currency FROM ticket_types WHERE id = ?' }
  ],
  conflicts: [sameTicketCode],
  handlers: {
    'event.list': query((_input, { read }) => listEvents(read)),

    'event.create': mutation(({ id: wanted, ...input }, { read, write }) => {
      const id = wanted ?? newId()
      if (!read.get('SELECT 1 FROM events WHERE id = ?', id)) write.insert(events, { id, ...input, createdAt: new Date().toISOString() })
      return getEvent(read, id)
    }),

    'event.update': mutation((input, { read, write }) => {
      write.update(events, input.id, input.event)
      return getEvent(read, input.id)
    }),

    'ticketType.list': query((input, { read }) => {
      getEvent(read, input.eventId)
      return listTicketTypes(read, input.eventId)
    }),

    'ticketType.create': mutation(({ id: wanted, ...input }, { read, write }) => {
      const id = wanted ?? newId()
      if (read.get('SELECT 1 FROM ticket_types WHERE id = ?', id)) return getTicketType(read, id)
      getEvent(read, input.eventId)
      assertUniqueCode(read, input.eventId, input.code)
      write.insert(ticketTypes, { id, ...input, createdAt: new Date().toISOString() })
      return getTicketType(read, id)
    }),

    'ticketType.update': mutation((input, { read, write }) => {
      const { id, ...fields } = input
      assertUniqueCode(read, getTicketType(read, id).eventId, fields.code, id)
      write.update(ticketTypes, id, fields)
      return getTicketType(read, id)
    })
  }
})
