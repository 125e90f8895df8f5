/** Check-in: append-only facts, who is in, walk-ups let in at once, live counters. */
import { checkinConflicts } from './conflicts'
import { checkinContract } from '../../shared/contract/checkin'
import { checkinListsContract } from '../../shared/contract/checkin-lists'
import { STAFF_ROLES } from '../../shared/roles'
import { attendeeExists, getAttendee } from '../attendees/queries'
import { assertMayExceedCapacity, assertPriceExplained, register } from '../attendees/service'
import { newId } from '../core/ids'
import { defineModule, inSteps, mutation, query, sessionOf, type WriteCtx } from '../core/module'
import { getEvent } from '../events/queries'
import { confirmSupervisor } from '../staff/service'
import { attendeeAnswer, checkinAnswer, scanAnswer } from './door'
import { listInsideCountsTable, listInsideFromLists, listInsideFromScans, listInsideTable } from './list-inside'
import { eventHoldingScan, findScanned, getCheckinList, listCheckinLists, listColumns, overridable, overrideScan, scanOnList } from './lists'
import { presenceTable } from './presence'
import { checkinHistory, counters, currentPresence } from './queries'
import { checkinLists, checkins, listScans } from './schema'
import { checkInAttendee, undoCheckin } from './service'
import { ticketTypeCounts, ticketTypeCountsTable } from './ticket-type-counts'

const asStaff = (ctx: WriteCtx) => ({ ...ctx, staffId: sessionOf(ctx).staff.id })

export const checkinModule = defineModule({ ...checkinContract, ...checkinListsContract }, {
  name: 'checkin',
  tables: [
    {
      table: checkins,
      kind: 'fact',
      scope: 'fleet',
      // A check-in (or its undo) is about the person let in.
      describe: `SELECT trim(a.first_name || ' ' || a.last_name) || ' (' || a.code || ')' AS subject
        FROM checkins c JOIN attendees a ON a.id = c.attendee_id WHERE c.id = ?`
    },
    { table: checkinLists, kind: 'lww', scope: 'fleet', describe: 'SELECT name AS subject FROM checkin_lists WHERE id = ?' },
    {
      table: listScans,
      kind: 'fact',
      scope: 'fleet',
      describe: `SELECT l.name || ': ' || COALESCE(trim(a.first_name || ' ' || a.last_name) || ' (' || a.code || ')', s.code) AS subject
        FROM list_scans s JOIN checkin_lists l ON l.id = s.list_id LEFT JOIN attendees a ON a.id = s.attendee_id WHERE s.id = ?`
    }
  ],
  derived: [presenceTable, ticketTypeCountsTable, listInsideCountsTable, listInsideTable],
  projections: [
    { follows: 'attendees', create: ticketTypeCounts },
    { follows: 'list_scans', create: listInsideFromScans },
    { follows: 'checkin_lists', create: listInsideFromLists }
  ],
  conflicts: checkinConflicts,
  handlers: {
    'checkin.byCode': mutation((input, ctx) => {
      const found = findScanned(ctx.read, input.eventId, input.code)
      if (found.length === 0) {
        const elsewhere = eventHoldingScan(ctx.read, input.eventId, input.code)
        if (elsewhere) return { outcome: 'other_event' as const, code: input.code.slice(0, 64), eventName: getEvent(ctx.read, elsewhere).name }
        return { outcome: 'unknown_code' as const, code: input.code.slice(0, 64) }
      }
      if (found.length > 1) return checkinAnswer(ctx, { outcome: 'ambiguous_code' as const, code: found[0]!.code, attendees: found })
      return checkinAnswer(ctx, checkInAttendee(asStaff(ctx), found[0]!, input.method, input.id))
    }),

    'checkin.byAttendee': mutation((input, ctx) =>
      checkInAttendee(asStaff(ctx), getAttendee(ctx.read, input.attendeeId), 'search', input.id)
    ),

    'checkin.walkUp': mutation((input, ctx) => {
      const { read, write } = ctx
      if (input.id && attendeeExists(read, input.id)) {
        // A retried walk-up: the person was registered (and let in) by the first attempt.
        const attendee = getAttendee(read, input.id)
        const presence = currentPresence(read, attendee.id)
        return { attendee, checkin: presence ? { outcome: 'admitted' as const, attendee, checkin: presence } : checkInAttendee(asStaff(ctx), attendee, 'walkup') }
      }
      assertMayExceedCapacity(sessionOf(ctx).staff.role, input.allowOverCapacity)
      assertPriceExplained(read, input)
      const id = register(read, write, { ...input, source: 'walkup' })
      const checkin = checkInAttendee(asStaff(ctx), getAttendee(read, id), 'walkup')
      return { attendee: getAttendee(read, id), checkin }
    }),

    'checkin.undo': mutation((input, ctx) => attendeeAnswer(ctx, undoCheckin(asStaff(ctx), input.checkinId))),

    'checkin.current': query((input, { read }) => currentPresence(read, input.attendeeId)),

    'checkin.history': query((input, { read }) => checkinHistory(read, input.attendeeId)),

    'checkin.counters': query((input, { read }) => counters(read, input.eventId)),

    'checkinList.list': query((input, { read }) => listCheckinLists(read, input.eventId)),

    'checkinList.create': mutation((input, { read, write }) => {
      const id = input.id ?? newId()
      getEvent(read, input.eventId)
      if (!read.get('SELECT 1 FROM checkin_lists WHERE id = ?', id)) {
        write.insert(checkinLists, { id, eventId: input.eventId, ...listColumns(input.list), createdAt: new Date().toISOString() })
      }
      return getCheckinList(read, id)
    }),

    'checkinList.update': mutation((input, { read, write }) => {
      getCheckinList(read, input.id)
      write.update(checkinLists, input.id, listColumns(input.list))
      return getCheckinList(read, input.id)
    }),

    'checkinList.delete': mutation((input, { read, write }) => {
      getCheckinList(read, input.id)
      write.delete(checkinLists, input.id)
      return { ok: true as const }
    }),

    'checkin.scan': mutation((input, ctx) => scanAnswer(ctx, scanOnList(asStaff(ctx), { ...input, id: input.id ?? newId() }))),

    'checkin.override': inSteps(async (input, ctx) => {
      // Refuse what cannot be overridden before the PIN is checked (and counted).
      overridable(ctx.read, input.scanId)
      const supervisor = await confirmSupervisor(ctx, input.supervisorId, input.pin, STAFF_ROLES.organizer)
      const id = input.id ?? newId()
      return ctx.transact((w) => scanAnswer(w, overrideScan(asStaff(w), { id, scanId: input.scanId, supervisorId: supervisor.id, reason: input.reason })))
    })
  }
})
