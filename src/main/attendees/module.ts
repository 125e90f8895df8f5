/** Attendees: the registry of an event's people, their search index, import and export. */
import { attendeesContract } from '../../shared/contract/attendees'
import { newId } from '../core/ids'
import { defineModule, inSteps, mutation, query, sessionOf, type WriteCtx } from '../core/module'
import { rowChanges } from '../audit/queries'
import { attendeeConflicts } from './conflicts'
import { exportAttendees } from './export'
import { importHandlers, importsOf } from './import'
import { undoImport, unfinishedImports } from './import-journal'
import { attendeeExists, countSearchMatches, getAttendee, listAttendees, searchAttendees } from './queries'
import { attendeeSearchIndex, searchIndexTable } from './search-index'
import { attendeeSortKeys, sortKeysTable } from './sort-key'
import { assertMayExceedCapacity, assertTicketTypeHasRoom, assertTicketTypeOfEvent, register } from './service'
import { attendeeExports, attendees, importJournal } from './schema'

/** The caller's role may go past a capacity only when it is an organizer's. */
function mayExceed(ctx: WriteCtx, allowOverCapacity: boolean | undefined): boolean {
  assertMayExceedCapacity(sessionOf(ctx).staff.role, allowOverCapacity)
  return allowOverCapacity === true
}

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
    { table: attendeeExports, kind: 'fact', scope: 'fleet' },
    { table: importJournal, kind: 'local' }
  ],
  derived: [searchIndexTable, sortKeysTable],
  projections: [
    { follows: 'attendees', create: attendeeSearchIndex },
    { follows: 'attendees', create: attendeeSortKeys }
  ],
  conflicts: attendeeConflicts,
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

    'attendee.searchCount': query((input, { read }) => countSearchMatches(read, input.eventId, input.query, input.cap)),

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

    'attendee.history': query((input, { read, desk }) => {
      getAttendee(read, input.id)
      return rowChanges(read, desk, 'attendees', input.id)
    }),

    'attendee.register': mutation((input, ctx) => {
      const { read, write } = ctx
      if (input.id && attendeeExists(read, input.id)) return getAttendee(read, input.id)
      const allowOverCapacity = mayExceed(ctx, input.allowOverCapacity)
      return getAttendee(read, register(read, write, { ...input, allowOverCapacity, source: 'walkup' }))
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
