/** Check-in: append-only facts, who is in, walk-ups let in at once, live counters. */
import { checkinContract } from '../../shared/contract/checkin'
import { attendeeExists, findByCode, findByExternalRef, getAttendee } from '../attendees/queries'
import { assertMayExceedCapacity, register } from '../attendees/service'
import { normaliseCode } from '../core/ids'
import { defineModule, mutation, query, sessionOf, type WriteCtx } from '../core/module'
import { presenceTable } from './presence'
import { checkinHistory, counters, currentPresence } from './queries'
import { checkins } from './schema'
import { checkInAttendee, undoCheckin } from './service'
import { ticketTypeCounts, ticketTypeCountsTable } from './ticket-type-counts'

const asStaff = (ctx: WriteCtx) => ({ ...ctx, staffId: sessionOf(ctx).staff.id })

export const checkinModule = defineModule(checkinContract, {
  name: 'checkin',
  tables: [{ table: checkins, kind: 'fact', scope: 'fleet' }],
  derived: [presenceTable, ticketTypeCountsTable],
  projections: [{ follows: 'attendees', create: ticketTypeCounts }],
  handlers: {
    'checkin.byCode': mutation((input, ctx) => {
      const code = normaliseCode(input.code)
      const scanned = input.code.trim()
      // Our own code first, then the barcode or secret of the system the attendee was imported from.
      const attendee =
        (code ? findByCode(ctx.read, input.eventId, code) : null) ?? (scanned ? findByExternalRef(ctx.read, input.eventId, scanned) : null)
      if (!attendee) return { outcome: 'unknown_code' as const, code: input.code.slice(0, 64) }
      return checkInAttendee(asStaff(ctx), attendee, input.method, input.id)
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
      const id = register(read, write, { ...input, source: 'walkup' })
      const checkin = checkInAttendee(asStaff(ctx), getAttendee(read, id), 'walkup')
      return { attendee: getAttendee(read, id), checkin }
    }),

    'checkin.undo': mutation((input, ctx) => undoCheckin(asStaff(ctx), input.checkinId)),

    'checkin.history': query((input, { read }) => checkinHistory(read, input.attendeeId)),

    'checkin.counters': query((input, { read }) => counters(read, input.eventId))
  }
})
