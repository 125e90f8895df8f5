/** Attendees: the registry of an event's people, their search index, import and export. */
import { attendeesContract } from '../../shared/contract/attendees'
import { newId } from '../core/ids'
import { defineModule, inSteps, mutation, query, sessionOf } from '../core/module'
import { rowChanges } from '../audit/queries'
import { attendeeConflicts } from './conflicts'
import { exportAttendees } from './export'
import { importHandlers } from './import'
import { attendeeExists, getAttendee, listAttendees, searchAttendees } from './queries'
import { attendeeSearchIndex, searchIndexTable } from './search-index'
import { attendeeSortKeys, sortKeysTable } from './sort-key'
import { assertTicketTypeOfEvent, register } from './service'
import { attendeeExports, attendees } from './schema'

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
    },
    { table: attendeeExports, kind: 'fact', scope: 'fleet' }
  ],
  derived: [searchIndexTable, sortKeysTable],
  projections: [
    { follows: 'attendees', create: attendeeSearchIndex },
    { follows: 'attendees', create: attendeeSortKeys }
  ],
  conflicts: attendeeConflicts,
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

    // Built from the read connection (the write queue never waits for a file); handed out only once its fact is recorded.
    'attendee.export': inSteps(async (input, ctx) => {
      const file = await exportAttendees(ctx.read, input)
      const { format, eventId, ...filter } = input
      await ctx.transact(({ desk, write }) =>
        write.insert(attendeeExports, {
          id: newId(),
          eventId,
          staffId: sessionOf(ctx).staff.id,
          deskId: desk.id,
          at: new Date().toISOString(),
          format,
          rows: file.rows,
          filter: JSON.stringify(filter)
        })
      )
      return file
    }),

    ...importHandlers
  }
})
