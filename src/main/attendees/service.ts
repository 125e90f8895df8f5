/** Attendee writes other code composes: registering a person, and the checks a registration must pass. */
import type { AttendeeInput, AttendeeStatus, PaymentMethod } from '../../shared/contract/attendees'
import { ApiError } from '../../shared/errors'
import { newAttendeeCode, newId } from '../core/ids'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import type { Role } from '../../shared/roles'
import { getTicketType } from '../events/queries'
import { attendees } from './schema'

export interface NewAttendee extends AttendeeInput {
  id?: string
  eventId: string
  status?: AttendeeStatus
  paymentMethod?: PaymentMethod | null
  amountCents?: number | null
  priceReason?: string | null
  externalRef?: string | null
  invalidEmail?: string | null
  source: (typeof attendees.$inferInsert)['source']
}

/** A code no attendee on this desk has yet (two desks apart may still mint the same: a conflict). */
export function uniqueCode(read: GuardedSql): string {
  for (;;) {
    const code = newAttendeeCode()
    if (read.get('SELECT 1 FROM attendees WHERE code = ?', code) === undefined) return code
  }
}

export function assertTicketTypeOfEvent(read: GuardedSql, ticketTypeId: string, eventId: string): void {
  if (getTicketType(read, ticketTypeId).eventId !== eventId) {
    throw new ApiError('invalid_input', 'The ticket type belongs to another event', {
      key: 'ticketTypeOtherEvent',
      issues: [{ path: 'ticketTypeId', message: 'Not a ticket type of this event', key: 'ticketTypeOtherEvent' }]
    })
  }
}

/**
 * A registration may not take a ticket type past its capacity unless an
 * organizer confirms it (`allowOverCapacity`); the conflicts list then shows
 * the ticket type as over capacity.
 */
export function assertTicketTypeHasRoom(read: GuardedSql, ticketTypeId: string, allowOverCapacity = false): void {
  if (allowOverCapacity) return
  const ticketType = getTicketType(read, ticketTypeId)
  if (ticketType.capacity === null) return
  const n = registeredIn(read, ticketTypeId)
  if (n >= ticketType.capacity) {
    const params = { name: ticketType.name, count: n, capacity: ticketType.capacity }
    throw new ApiError('conflict', `${ticketType.name} is full (${n} of ${ticketType.capacity})`, {
      key: 'ticketTypeFull',
      params,
      issues: [{ path: 'ticketTypeId', message: 'Sold out', key: 'ticketTypeFull', params }]
    })
  }
}

/** Registrations a ticket type holds now (not cancelled). */
export function registeredIn(read: GuardedSql, ticketTypeId: string): number {
  // ticket_type_counts: the check-in domain's live counters (derived), read by name like presence.
  return read.get<{ expected: number }>('SELECT expected FROM ticket_type_counts WHERE ticket_type_id = ?', ticketTypeId)?.expected ?? 0
}

/** Going past a capacity is the organizer's call: other roles may not even ask. */
export function assertMayExceedCapacity(role: Role, allowOverCapacity: boolean | undefined): void {
  if (allowOverCapacity && role !== 'organizer') {
    throw new ApiError('forbidden', 'Only an organizer may go past a ticket type\'s capacity', { key: 'overCapacityOrganizerOnly' })
  }
}

/**
 * A sale at the desk at another price than the ticket type's (a discount, a
 * typo, a €599 VIP rung up for nothing) needs a reason, kept on the attendee.
 * Complimentary tickets are their own reason.
 */
export function assertPriceExplained(
  read: GuardedSql,
  sale: { ticketTypeId: string; paymentMethod: PaymentMethod; amountCents: number; priceReason?: string | null }
): void {
  if (sale.paymentMethod === 'complimentary' || sale.priceReason) return
  const price = read.get<{ priceCents: number }>('SELECT price_cents AS priceCents FROM ticket_types WHERE id = ?', sale.ticketTypeId)?.priceCents
  if (price === undefined || price === sale.amountCents) return
  throw new ApiError('invalid_input', "A price other than the ticket type's needs a reason", {
    key: 'priceReasonRequired',
    issues: [{ path: 'priceReason', message: 'Give a reason for the different price', key: 'priceReasonRequired' }]
  })
}

/** Writes a new attendee with a fresh code; returns its id. */
export function insertAttendee(read: GuardedSql, write: Writer, a: NewAttendee): string {
  const id = a.id ?? newId()
  write.insert(attendees, {
    id,
    eventId: a.eventId,
    code: uniqueCode(read),
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email,
    invalidEmail: a.invalidEmail ?? null,
    company: a.company,
    jobTitle: a.jobTitle,
    phone: a.phone,
    ticketTypeId: a.ticketTypeId,
    status: a.status ?? 'registered',
    paymentMethod: a.paymentMethod ?? null,
    amountCents: a.amountCents ?? null,
    priceReason: a.priceReason ?? null,
    preferredLanguage: a.preferredLanguage,
    notes: a.notes,
    attention: a.attention ?? false,
    doorNote: a.doorNote ?? null,
    externalRef: a.externalRef ?? null,
    source: a.source,
    createdAt: new Date().toISOString()
  })
  return id
}

/**
 * Registers a person at the desk (walk-up or added by hand): the event and
 * ticket type must match, the e-mail must be new to the event and the ticket
 * type must have room.
 */
export function register(read: GuardedSql, write: Writer, a: NewAttendee & { allowOverCapacity?: boolean }): string {
  assertTicketTypeOfEvent(read, a.ticketTypeId, a.eventId)
  if (a.email) {
    const existing = read.get<{ firstName: string; lastName: string; code: string }>(
      'SELECT first_name AS firstName, last_name AS lastName, code FROM attendees WHERE event_id = ? AND email = ? ORDER BY id LIMIT 1',
      a.eventId,
      a.email
    )
    if (existing) {
      const name = `${existing.firstName} ${existing.lastName}`.trim()
      throw new ApiError('conflict', `${name} (${existing.code}) is already registered with this e-mail`, {
        key: 'alreadyRegistered',
        params: { name, code: existing.code },
        issues: [{ path: 'email', message: 'Already registered', key: 'alreadyRegistered' }]
      })
    }
  }
  assertTicketTypeHasRoom(read, a.ticketTypeId, a.allowOverCapacity)
  return insertAttendee(read, write, a)
}

/** Gives an attendee a new code (the loser of a code minted twice keeps its registration, not its code). */
export function reissueCode(read: GuardedSql, write: Writer, attendeeId: string): string {
  const code = uniqueCode(read)
  write.update(attendees, attendeeId, { code })
  return code
}

/** Marks a registration as merged into another of the same person; it stops counting and its code leads to the survivor. */
export function markMerged(write: Writer, attendeeId: string, survivorId: string): void {
  write.update(attendees, attendeeId, { status: 'merged', mergedInto: survivorId })
}
