/** Attendees: the registry of an event's people, their search index, import and export. */
import { attendeesContract } from '../../shared/contract/attendees'
import { defineModule, mutation, query, sessionOf, type WriteCtx } from '../core/module'
import { rowChanges } from '../audit/queries'
import { exportAttendees } from './export'
import { importHandlers, importsOf } from './import'
import { undoImport, unfinishedImports } from './import-journal'
import { attendeeExists, getAttendee, listAttendees, searchAttendees } from './queries'
import { attendeeSearchIndex, searchIndexTable } from './search-index'
import { assertMayExceedCapacity, assertTicketTypeHasRoom, assertTicketTypeOfEvent, register } from './service'
import { attendees, importJournal } from './schema'

/** The caller's role may go past a capacity only when it is an organizer's. */
function mayExceed(ctx: WriteCtx, allowOverCapacity: boolean | undefined): boolean {
  assertMayExceedCapacity(sessionOf(ctx).staff.role, allowOverCapacity)
  return allowOverCapacity === true
}

export const attendeesModule = defineModule(attendeesContract, {
  name: 'attendees',
  tables: [
    { table: attendees, kind: 'lww', scope: 'fleet', localColumns: ['seq'] },
    { table: importJournal, kind: 'local' }
  ],
  derived: [searchIndexTable],
  projections: [{ follows: 'attendees', create: attendeeSearchIndex }],
  // An import the desk stopped in the middle of is undone before anyone works with its rows.
  start: (_options, { read, write }) => {
    for (const importId of unfinishedImports(read)) {
      const removed = undoImport(read, write, importId)
      console.log(`attendees: undid an unfinished import (${removed} attendees removed)`)
    }
  },
  stop: (desk) => importsOf(desk).thread.terminate(),
  handlers: {
    'attendee.search': query((input, { read }) => searchAttendees(read, input.eventId, input.query, input.limit)),

    'attendee.list': query((input, { read }) => {
      const { offset, limit, ...filter } = input
      return listAttendees(read, filter, offset, limit)
    }),

    'attendee.get': query((input, { read }) => getAttendee(read, input.id)),

    'attendee.update': mutation((input, ctx) => {
      const { read, write } = ctx
      const before = getAttendee(read, input.id)
      const allowed = mayExceed(ctx, input.allowOverCapacity)
      assertTicketTypeOfEvent(read, input.fields.ticketTypeId, before.eventId)
      // Moving someone into another ticket type takes a place there.
      if (input.fields.ticketTypeId !== before.ticketTypeId && before.status !== 'cancelled') {
        assertTicketTypeHasRoom(read, input.fields.ticketTypeId, allowed)
      }
      // A valid e-mail replaces the unusable one a file gave; null drops it.
      const invalidEmail = input.fields.email !== null || input.fields.invalidEmail === null ? null : undefined
      write.update(attendees, input.id, { ...input.fields, invalidEmail })
      return getAttendee(read, input.id)
    }),

    'attendee.setStatus': mutation((input, ctx) => {
      const { read, write } = ctx
      const before = getAttendee(read, input.id)
      const allowed = mayExceed(ctx, input.allowOverCapacity)
      // Taking back a cancellation takes a place again.
      if (before.status === 'cancelled' && input.status !== 'cancelled') assertTicketTypeHasRoom(read, before.ticketTypeId, allowed)
      write.update(attendees, before.id, { status: input.status })
      return getAttendee(read, input.id)
    }),

    'attendee.history': query((input, { read }) => {
      getAttendee(read, input.id)
      return rowChanges(read, 'attendees', input.id)
    }),

    'attendee.register': mutation((input, ctx) => {
      const { read, write } = ctx
      if (input.id && attendeeExists(read, input.id)) return getAttendee(read, input.id)
      const allowOverCapacity = mayExceed(ctx, input.allowOverCapacity)
      return getAttendee(read, register(read, write, { ...input, allowOverCapacity, source: 'walkup' }))
    }),

    'attendee.export': query((input, { read }) => exportAttendees(read, input)),

    ...importHandlers
  }
})
