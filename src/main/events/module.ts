/** Events and their ticket types. */
import { sameTicketCode } from './conflicts'
import { eventsContract } from '../../shared/contract/events'
import { newId } from '../core/ids'
import { defineModule, mutation, query } from '../core/module'
import { getEvent, getTicketType, listEvents, listTicketTypes } from './queries'
import { events, ticketTypes } from './schema'
import { assertUniqueCode, createTicketType } from './service'

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

    'ticketType.create': mutation((input, { read, write }) => createTicketType(read, write, input)),

    'ticketType.update': mutation((input, { read, write }) => {
      const { id, ...fields } = input
      assertUniqueCode(read, getTicketType(read, id).eventId, fields.code, id)
      write.update(ticketTypes, id, fields)
      return getTicketType(read, id)
    })
  }
})
