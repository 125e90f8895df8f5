/** Check-in at the door and the desk: by code, by attendee, walk-ups, undo, history and live counters. */
import { z } from 'zod'
import { clientId, id } from '../fields'
import { STAFF_ROLES, type Role } from '../roles'
import { registrationInput, type AttendeeRow } from './attendees'
import { method } from './method'

/** How a person was checked in; 'undo' marks the fact that reverses one, 'merge' one carried over from a merged registration. */
export const CHECKIN_METHODS = ['search', 'code', 'walkup', 'scan', 'undo', 'merge'] as const
export const CHECKIN_KINDS = ['in', 'undo'] as const
export type CheckinMethod = (typeof CHECKIN_METHODS)[number]

export interface CheckinInfo {
  checkinId: string
  at: string
  deskId: string
  deskName: string | null
  staffId: string
  staffName: string | null
}

/** A check-in's answer, with the attendee as the caller's role may see them. */
export type CheckinResultOf<A> =
  | { outcome: 'admitted'; attendee: A; checkin: CheckinInfo }
  | { outcome: 'already_checked_in'; attendee: A; previous: CheckinInfo }
  | { outcome: 'cancelled'; attendee: A }
  | { outcome: 'unknown_code'; code: string }
  /** The code is a ticket of another event on this desk: "this ticket is for Nordic Dev Days". */
  | { outcome: 'other_event'; code: string; eventName: string }
  /** Two people hold this code (minted twice by desks apart): nobody is let in until a person picks. */
  | { outcome: 'ambiguous_code'; code: string; attendees: A[] }

/** The answer for roles that see whole records (FULL_RECORD_ROLES). */
export type CheckinResult = CheckinResultOf<AttendeeRow>

/**
 * What the door needs of a person, and all a scanner is told: who, which
 * ticket, whether they are in — no e-mail, phone, company, payment or notes.
 */
export type DoorAttendee = Pick<AttendeeRow, 'id' | 'eventId' | 'code' | 'firstName' | 'lastName' | 'ticketTypeId' | 'status' | 'checkedInAt'> & {
  /** The desk holds notes on this person: send them to the desk. */
  attention: boolean
}

/** The answer for every other role (scanners). */
export type DoorCheckinResult = CheckinResultOf<DoorAttendee>

/** Roles whose check-in answers carry the attendee's whole record; every other role gets the door's view. */
export const FULL_RECORD_ROLES: readonly Role[] = STAFF_ROLES.desk

export interface Counters {
  eventId: string
  expected: number
  checkedIn: number
  byTicketType: { ticketTypeId: string; name: string; color: string; expected: number; checkedIn: number }[]
}

export type CheckinHistoryEntry = CheckinInfo & { kind: (typeof CHECKIN_KINDS)[number]; method: string }

const READS = ['attendees', 'checkins']

export const checkinContract = {
  'checkin.byCode': method<CheckinResult | DoorCheckinResult>()({
    input: z
      .object({ id: clientId, eventId: id, code: z.string().max(512), method: z.enum(['code', 'scan']).default('code') })
      .strict(),
    roles: STAFF_ROLES.checkin
  }),
  'checkin.byAttendee': method<CheckinResult>()({
    input: z.object({ id: clientId, attendeeId: id }).strict(),
    roles: STAFF_ROLES.desk
  }),
  /** A walk-up: registered and let in at once, in one transaction. */
  'checkin.walkUp': method<{ attendee: AttendeeRow; checkin: CheckinResult }>()({
    input: registrationInput,
    roles: STAFF_ROLES.desk
  }),
  'checkin.undo': method<AttendeeRow | DoorAttendee>()({ input: z.object({ checkinId: id }).strict(), roles: STAFF_ROLES.checkin }),
  /** The check-in that counts for this attendee now (the one "Undo check-in" reverses), or null while they are not in. */
  'checkin.current': method<CheckinInfo | null>()({
    input: z.object({ attendeeId: id }).strict(),
    roles: STAFF_ROLES.desk,
    reads: READS
  }),
  'checkin.history': method<CheckinHistoryEntry[]>()({
    input: z.object({ attendeeId: id }).strict(),
    roles: STAFF_ROLES.desk,
    reads: READS
  }),
  'checkin.counters': method<Counters>()({
    input: z.object({ eventId: id }).strict(),
    roles: STAFF_ROLES.checkin,
    reads: [...READS, 'ticket_types']
  })
}
