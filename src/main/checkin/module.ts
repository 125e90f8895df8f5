/** Check-in: append-only facts, who is in, walk-ups let in at once, live counters. */
import { checkinConflicts } from './conflicts'
import { checkinContract } from '../../shared/contract/checkin'
import type { AttendeeRow } from '../../shared/contract/attendees'
import { attendeeExists, eventHoldingCode, findByCode, findByExternalRef, getAttendee } from '../attendees/queries'
import { getEvent } from '../events/queries'
import { assertMayExceedCapacity, assertPriceExplained, register } from '../attendees/service'
import { normaliseCode } from '../core/ids'
import { defineModule, mutation, query, sessionOf, type WriteCtx } from '../core/module'
import { attendeeAnswer, checkinAnswer } from './door'
import { presenceTable } from './presence'
import { checkinHistory, counters, currentPresence } from './queries'
import { scannedCandidates } from './scanned'
import { checkins } from './schema'
import { checkInAttendee, undoCheckin } from './service'
import { ticketTypeCounts, ticketTypeCountsTable } from './ticket-type-counts'

const asStaff = (ctx: WriteCtx) => ({ ...ctx, staffId: sessionOf(ctx).staff.id })

export const checkinModule = defineModule(checkinContract, {
  name: 'checkin',
  tables: [
    {
      table: checkins,
      kind: 'fact',
      scope: 'fleet',
      // A check-in (or its undo) is about the person let in.
      describe: `SELECT trim(a.first_name || ' ' || a.last_name) || ' (' || a.code || ')' AS subject
        FROM checkins c JOIN attendees a ON a.id = c.attendee_id WHERE c.id = ?`
    }
  ],
  derived: [presenceTable, ticketTypeCountsTable],
  projections: [{ follows: 'attendees', create: ticketTypeCounts }],
  conflicts: checkinConflicts,
  handlers: {
    'checkin.byCode': mutation((input, ctx) => {
      // The scan as it is, then what a URL or JSON in it carries; for each, our own code first,
      // then the barcode or secret of the system the attendee was imported from.
      const candidates = scannedCandidates(input.code)
      let found: AttendeeRow[] = []
      let code: string | null = null
      for (const candidate of candidates) {
        code = normaliseCode(candidate)
        found = code ? findByCode(ctx.read, input.eventId, code) : []
        if (found.length === 0) {
          const external = findByExternalRef(ctx.read, input.eventId, candidate)
          if (external) found = [external]
        }
        if (found.length > 0) break
      }
      if (found.length === 0) {
        for (const candidate of candidates) {
          const elsewhere = eventHoldingCode(ctx.read, input.eventId, normaliseCode(candidate), candidate)
          if (elsewhere) return { outcome: 'other_event' as const, code: input.code.slice(0, 64), eventName: getEvent(ctx.read, elsewhere).name }
        }
        return { outcome: 'unknown_code' as const, code: input.code.slice(0, 64) }
      }
      if (found.length > 1) return checkinAnswer(ctx, { outcome: 'ambiguous_code' as const, code: code!, attendees: found })
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

    'checkin.counters': query((input, { read }) => counters(read, input.eventId))
  }
})
