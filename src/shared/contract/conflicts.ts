/**
 * Conflicts: what desks working apart could not prevent, listed on every desk
 * and resolved by ordinary writes (re-issue a code, merge two registrations,
 * acknowledge).
 */
import { z } from 'zod'
import { id } from '../fields'
import { STAFF_ROLES } from '../roles'
import { method } from './method'

export const CONFLICT_KINDS = ['same_code', 'same_email', 'double_checkin', 'over_capacity', 'same_ticket_code', 'contended_award', 'milestone_overpaid'] as const
export type ConflictKind = (typeof CONFLICT_KINDS)[number]

/** One row in conflict, as a screen names it. */
export interface ConflictMember {
  id: string
  /** Who or what it is: "Zoë Müller (K7PX3M)", "VIP", "at 09:14 on Entrance B by Sam". */
  label: string
  /** The attendee behind it, to open their drawer (attendees and check-ins). */
  attendeeId: string | null
  at: string | null
  deskName: string | null
}

export interface Conflict {
  id: string
  kind: ConflictKind
  eventId: string | null
  members: ConflictMember[]
  detail: Record<string, string | number | null>
  acknowledged: boolean
}

const READS = ['conflicts', 'conflict_acks', 'attendees', 'checkins', 'ticket_types']

export const conflictsContract = {
  'conflict.list': method<Conflict[]>()({
    input: z.object({ eventId: id.optional(), includeAcknowledged: z.boolean().default(false) }).strict(),
    roles: STAFF_ROLES.organizer,
    reads: READS
  }),
  /** How many open conflicts an event has (the desk header's badge). */
  'conflict.count': method<{ open: number }>()({
    input: z.object({ eventId: id }).strict(),
    roles: STAFF_ROLES.desk,
    reads: ['conflicts', 'conflict_acks']
  }),
  'conflict.acknowledge': method<{ ok: true }>()({ input: z.object({ id: z.string().min(1).max(300) }).strict(), roles: STAFF_ROLES.organizer }),
  /** same_code: the earliest registration keeps the code; every other one gets a new code. */
  'conflict.reissueCode': method<{ reissued: { attendeeId: string; code: string }[] }>()({
    input: z.object({ id: z.string().min(1).max(300) }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  /** same_email: the other registrations are merged into the survivor (the earliest unless named). */
  'conflict.merge': method<{ survivorId: string; merged: string[] }>()({
    input: z.object({ id: z.string().min(1).max(300), survivorId: id.optional() }).strict(),
    roles: STAFF_ROLES.organizer
  })
}
