/** Check-in lists (doors with rules) and the scans decided on them. */
import { z } from 'zod'
import { clientId, FIELD_MESSAGES as M, id, isoDate, LIMITS, text } from '../fields'
import { STAFF_ROLES } from '../roles'
import type { DoorAttendee } from './checkin'
import type { AttendeeRow } from './attendees'
import { method } from './method'

export const LIST_MODES = ['entry', 'entry_exit'] as const
export type ListMode = (typeof LIST_MODES)[number]
export const SCAN_DIRECTIONS = ['in', 'out'] as const
export type ScanDirection = (typeof SCAN_DIRECTIONS)[number]

/** Every answer a scan on a list can get; all but 'admitted' and 'exited' refuse. */
export const SCAN_OUTCOMES = [
  'admitted',
  'exited',
  'already_checked_in',
  'ticket_type_not_admitted',
  'not_valid_now',
  'list_full',
  'no_reentry',
  'not_inside',
  'cancelled',
  'ambiguous_code',
  'unknown_code'
] as const
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number]
export const isAdmitting = (o: ScanOutcome) => o === 'admitted' || o === 'exited'

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, M.timeFormat)

export const checkinListFields = z
  .object({
    name: text().min(1, M.nameRequired),
    /** Ticket types let in here; empty lets in every ticket type. */
    ticketTypeIds: z.array(id).max(200),
    /** Days (in the event's time zone) the list is valid; empty: every day. */
    days: z.array(isoDate).max(366),
    opensAt: hhmm.nullable(),
    closesAt: hhmm.nullable(),
    toleranceMinutes: z.number().int().min(0).max(24 * 60),
    mode: z.enum(LIST_MODES),
    reentry: z.boolean(),
    capacity: z.number().int().min(1).max(10_000_000).nullable(),
    /** Local time at which everyone inside counts as gone (e.g. the end of each day). */
    autoCheckoutAt: hhmm.nullable()
  })
  .strict()
  .refine((l) => !l.opensAt || !l.closesAt || l.closesAt > l.opensAt, { path: ['closesAt'], message: M.closesBeforeOpens })
export type CheckinListFields = z.infer<typeof checkinListFields>

/** The rules of a list with no restriction: every ticket type, any day and hour, entry only, re-entry allowed, no capacity. */
export const OPEN_LIST_RULES: Omit<CheckinListFields, 'name'> = {
  ticketTypeIds: [],
  days: [],
  opensAt: null,
  closesAt: null,
  toleranceMinutes: 0,
  mode: 'entry',
  reentry: true,
  capacity: null,
  autoCheckoutAt: null
}

export type CheckinListRow = CheckinListFields & {
  id: string
  eventId: string
  /** People inside right now (entries not yet followed by an exit or an automatic check-out). */
  inside: number
  /** Distinct people ever admitted on this list. */
  admitted: number
}

/** When, where and by whom a person was let in on this list. */
export interface ScanInfo {
  scanId: string
  at: string
  deskId: string
  deskName: string | null
  staffId: string
  staffName: string | null
}

export interface ScanResultOf<A> {
  scanId: string
  listId: string
  direction: ScanDirection
  outcome: ScanOutcome
  attendee: A | null
  /** ambiguous_code: the people holding the code. */
  matches?: A[]
  /** already_checked_in: the entry that counts. */
  previous?: ScanInfo
  /** not_valid_now: when the list next opens (null: it will not open again). */
  opensAt?: string | null
  capacity?: number | null
  /** People inside after this scan. */
  inside: number
  /** Set when a supervisor let this person in over a refusal. */
  override?: { of: string; supervisorName: string | null; reason: string }
}
export type ScanResult = ScanResultOf<AttendeeRow>
export type DoorScanResult = ScanResultOf<DoorAttendee>

const READS = ['checkin_lists', 'list_scans', 'attendees', 'checkins']

export const checkinListsContract = {
  'checkinList.list': method<CheckinListRow[]>()({
    input: z.object({ eventId: id }).strict(),
    roles: STAFF_ROLES.checkin,
    reads: READS
  }),
  'checkinList.create': method<CheckinListRow>()({
    input: z.object({ id: clientId, eventId: id, list: checkinListFields }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'checkinList.update': method<CheckinListRow>()({
    input: z.object({ id, list: checkinListFields }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'checkinList.delete': method<{ ok: true }>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.organizer }),
  /** A scan on a list, decided on this desk from the rules and facts it holds. A retried id answers as the first attempt did. */
  'checkin.scan': method<ScanResult | DoorScanResult>()({
    input: z
      .object({ id: clientId, listId: id, code: z.string().max(512), direction: z.enum(SCAN_DIRECTIONS).default('in') })
      .strict(),
    roles: STAFF_ROLES.checkin
  }),
  /** A supervisor (organizer) lets in a person a scan refused: their PIN and a reason, recorded with the scan. */
  'checkin.override': method<ScanResult | DoorScanResult>()({
    input: z
      .object({
        id: clientId,
        scanId: id,
        supervisorId: id,
        pin: z.string().min(1).max(LIMITS.pin.max),
        reason: text().min(1, M.reasonRequired)
      })
      .strict(),
    roles: STAFF_ROLES.checkin
  })
}
