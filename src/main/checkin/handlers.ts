import { mutation, sessionOf, type Handlers } from '../core/rpc'
import { normaliseCode } from '../core/ids'
import { findByCode, getAttendee } from '../attendees/queries'
import { checkInAttendee, counters, undoCheckin } from './service'

type CheckinMethods = 'checkin.byCode' | 'checkin.byAttendee' | 'checkin.undo' | 'checkin.counters'

export const checkinHandlers = {
  'checkin.byCode': mutation((input, ctx) => {
    const code = normaliseCode(input.code)
    const attendee = code ? findByCode(ctx.core, input.eventId, code) : null
    if (!attendee) return { outcome: 'unknown_code' as const, code: input.code.slice(0, 64) }
    return checkInAttendee(ctx.core, ctx.write, attendee, input.method, sessionOf(ctx).staff.id)
  }),

  'checkin.byAttendee': mutation((input, ctx) =>
    checkInAttendee(ctx.core, ctx.write, getAttendee(ctx.core, input.attendeeId), 'search', sessionOf(ctx).staff.id)
  ),

  'checkin.undo': mutation((input, ctx) => undoCheckin(ctx.core, ctx.write, input.checkinId, sessionOf(ctx).staff.id)),

  'checkin.counters': (input, { core }) => counters(core, input.eventId)
} satisfies Pick<Handlers, CheckinMethods>
