/**
 * Check-in rules. A check-in is an append-only fact; undo is another fact.
 * Who is "in" is derived (attendee_presence, kept by triggers), so a check-in
 * made on another desk while apart is never overwritten.
 */
import type { AttendeeRow } from '../../shared/contract/attendees'
import type { CheckinMethod, CheckinResult } from '../../shared/contract/checkin'
import { ApiError } from '../../shared/errors'
import { getAttendee } from '../attendees/queries'
import { attendees } from '../attendees/schema'
import { newId } from '../core/ids'
import type { Desk, WriteCtx } from '../core/module'
import { currentPresence } from './queries'
import { checkins } from './schema'

type CheckinCtx = Pick<WriteCtx, 'read' | 'write'> & { desk: Desk; staffId: string }

export function checkInAttendee(ctx: CheckinCtx, registration: AttendeeRow, method: CheckinMethod, id = newId()): CheckinResult {
  const { read, write } = ctx
  // A registration merged into another checks in the one it was merged into.
  const attendee = registration.status === 'merged' && registration.mergedInto ? getAttendee(read, registration.mergedInto) : registration
  if (attendee.status === 'cancelled') return { outcome: 'cancelled', attendee }
  const previous = currentPresence(read, attendee.id)
  if (previous) {
    // A retry of a check-in that already happened answers as the first attempt did.
    if (previous.checkinId === id) return { outcome: 'admitted', attendee, checkin: previous }
    return { outcome: 'already_checked_in', attendee, previous }
  }
  // A "no-show" who turns up late is simply here.
  if (attendee.status === 'no_show') write.update(attendees, attendee.id, { status: 'registered' })
  write.insert(checkins, {
    id,
    eventId: attendee.eventId,
    attendeeId: attendee.id,
    kind: 'in',
    refId: null,
    at: new Date().toISOString(),
    deskId: ctx.desk.id,
    staffId: ctx.staffId,
    method
  })
  return { outcome: 'admitted', attendee: getAttendee(read, attendee.id), checkin: currentPresence(read, attendee.id)! }
}

export function undoCheckin(ctx: CheckinCtx, checkinId: string): AttendeeRow {
  const { read, write } = ctx
  const target = read.get<{ id: string; attendee_id: string; event_id: string; kind: string; undone: number }>(
    `SELECT c.id, c.attendee_id, c.event_id, c.kind,
            EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = c.id) AS undone
     FROM checkins c WHERE c.id = ?`,
    checkinId
  )
  if (!target || target.kind !== 'in') throw new ApiError('not_found', 'No such check-in', { key: 'notFound' })
  if (target.undone) throw new ApiError('conflict', 'This check-in was already undone', { key: 'alreadyUndone' })
  write.insert(checkins, {
    id: newId(),
    eventId: target.event_id,
    attendeeId: target.attendee_id,
    kind: 'undo',
    refId: target.id,
    at: new Date().toISOString(),
    deskId: ctx.desk.id,
    staffId: ctx.staffId,
    method: 'undo'
  })
  return getAttendee(read, target.attendee_id)
}

/**
 * Merging two registrations of one person: the survivor is in if either was.
 * The merged registration's check-in is carried over as a new fact (the
 * original stays as it was: facts are never rewritten).
 */
export function carryCheckin(ctx: CheckinCtx, fromId: string, toId: string): void {
  const from = currentPresence(ctx.read, fromId)
  const to = getAttendee(ctx.read, toId)
  if (!from || currentPresence(ctx.read, toId)) return
  ctx.write.insert(checkins, {
    id: newId(),
    eventId: to.eventId,
    attendeeId: toId,
    kind: 'in',
    refId: null,
    at: from.at,
    deskId: from.deskId,
    staffId: from.staffId,
    method: 'merge'
  })
}
