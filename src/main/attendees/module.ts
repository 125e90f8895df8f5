/** Attendees: the registry of an event's people, their search index, import and export. */
import { attendeesContract } from '../../shared/contract/attendees'
import { defineModule, mutation, query } from '../core/module'
import { rowChanges } from '../audit/queries'
import { exportAttendees } from './export'
import { importHandlers } from './import'
import { attendeeExists, getAttendee, listAttendees, searchAttendees } from './queries'
import { attendeeSearchIndex, searchIndexTable } from './search-index'
import { attendeeSortKeys, sortKeysTable } from './sort-key'
import { assertTicketTypeOfEvent, register } from './service'
import { attendees } from './schema'

export const attendeesModule = defineModule(attendeesContract, {
  name: 'attendees',
  tables: [
    {
      table: attendees,
      kind: 'lww',
      scope: 'fleet',
      localColumns: ['seq'],
      // Amounts paid are in the currency of the attendee's ticket type.
      describe: `SELECT trim(a.first_name || ' ' || a.last_name) || ' (' || a.code || ')' AS subject, t.currency
        FROM attendees a LEFT JOIN ticket_types t ON t.id = a.ticket_type_id WHERE a.id = ?`
    }
  ],
  derived: [searchIndexTable, sortKeysTable],
  projections: [
    { follows: 'attendees', create: attendeeSearchIndex },
    { follows: 'attendees', create: attendeeSortKeys }
  ],
  handlers: {
    'attendee.search': query((input, { read }) => searchAttendees(read, input.eventId, input.query, input.limit)),

    'attendee.list': query((input, { read }) => {
      const { offset, limit, ...filter } = input
      return listAttendees(read, filter, offset, limit)
    }),

    'attendee.get': query((input, { read }) => getAttendee(read, input.id)),

    'attendee.update': mutation((input, { read, write }) => {
      assertTicketTypeOfEvent(read, input.fields.ticketTypeId, getAttendee(read, input.id).eventId)
      write.update(attendees, input.id, input.fields)
      return getAttendee(read, input.id)
    }),

    'attendee.setStatus': mutation((input, { read, write }) => {
      write.update(attendees, getAttendee(read, input.id).id, { status: input.status })
      return getAttendee(read, input.id)
    }),

    'attendee.history': query((input, { read, desk }) => {
      getAttendee(read, input.id)
      return rowChanges(read, desk, 'attendees', input.id)
    }),

    'attendee.register': mutation((input, { read, write }) => {
      if (input.id && attendeeExists(read, input.id)) return getAttendee(read, input.id)
      return getAttendee(read, register(read, write, { ...input, source: 'walkup' }))
    }),

    'attendee.export': query((input, { read }) => exportAttendees(read, input)),

    ...importHandlers
  }
})
