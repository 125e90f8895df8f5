/**
 * Check-in answers by role: staff who may see the attendee list get the whole
 * record; everyone else (the scanner at a door) gets what the door needs.
 */
import type { AttendeeRow } from '../../shared/contract/attendees'
import { FULL_RECORD_ROLES, type CheckinResult, type DoorAttendee, type DoorCheckinResult } from '../../shared/contract/checkin'
import type { DoorScanResult, ScanResult } from '../../shared/contract/checkin-lists'
import { sessionOf, type Ctx } from '../core/module'

export function doorView(a: AttendeeRow): DoorAttendee {
  return {
    id: a.id,
    eventId: a.eventId,
    code: a.code,
    firstName: a.firstName,
    lastName: a.lastName,
    ticketTypeId: a.ticketTypeId,
    status: a.status,
    checkedInAt: a.checkedInAt,
    attention: Boolean(a.notes?.trim())
  }
}

const seesWholeRecords = (ctx: Ctx) => FULL_RECORD_ROLES.includes(sessionOf(ctx).staff.role)

/** A check-in answer as the caller's role may see it. */
export function checkinAnswer(ctx: Ctx, result: CheckinResult): CheckinResult | DoorCheckinResult {
  if (seesWholeRecords(ctx) || result.outcome === 'unknown_code' || result.outcome === 'other_event') return result
  if (result.outcome === 'ambiguous_code') return { ...result, attendees: result.attendees.map(doorView) }
  return { ...result, attendee: doorView(result.attendee) }
}

/** An attendee (e.g. after an undo) as the caller's role may see them. */
export function attendeeAnswer(ctx: Ctx, attendee: AttendeeRow): AttendeeRow | DoorAttendee {
  return seesWholeRecords(ctx) ? attendee : doorView(attendee)
}

/** A list scan's answer as the caller's role may see it. */
export function scanAnswer(ctx: Ctx, result: ScanResult): ScanResult | DoorScanResult {
  if (seesWholeRecords(ctx)) return result
  return { ...result, attendee: result.attendee && doorView(result.attendee), matches: result.matches?.map(doorView) }
}
