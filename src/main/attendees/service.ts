import type { AttendeeInput, PaymentMethod } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import type { Core } from '../core/core'
import { newAttendeeCode, newId } from '../core/ids'
import type { Writer } from '../core/mutator'
import { attendees } from '../db/schema'
import { getTicketType } from '../events/handlers'

export interface NewAttendee extends AttendeeInput {
  eventId: string
  paymentMethod?: PaymentMethod | null
  amountCents?: number | null
  externalRef?: string | null
  source: 'walkup' | 'import' | 'manual' | 'demo'
}

/** A code no attendee on this desk has yet. */
export function uniqueCode(core: Core): string {
  const taken = core.statement('SELECT 1 FROM attendees WHERE code = ?')
  for (;;) {
    const code = newAttendeeCode()
    if (taken.get(code) === undefined) return code
  }
}

export function assertTicketTypeOfEvent(core: Core, ticketTypeId: string, eventId: string): void {
  if (getTicketType(core, ticketTypeId).eventId !== eventId) {
    throw new ApiError('invalid_input', 'The ticket type belongs to another event', {
      key: 'ticketTypeOtherEvent',
      issues: [{ path: 'ticketTypeId', message: 'Not a ticket type of this event', key: 'ticketTypeOtherEvent' }]
    })
  }
}

/** A walk-up may not take a ticket type past its capacity; the organizer can raise it. */
export function assertTicketTypeHasRoom(core: Core, ticketTypeId: string): void {
  const ticketType = getTicketType(core, ticketTypeId)
  if (ticketType.capacity === null) return
  const n =
    (core.statement('SELECT expected FROM ticket_type_counts WHERE ticket_type_id = ?').get(ticketTypeId) as
      | { expected: number }
      | undefined)?.expected ?? 0
  if (n >= ticketType.capacity) {
    throw new ApiError('conflict', `${ticketType.name} is full (${n} of ${ticketType.capacity})`, {
      key: 'ticketTypeFull',
      params: { name: ticketType.name, count: n, capacity: ticketType.capacity },
      issues: [{ path: 'ticketTypeId', message: 'Sold out', key: 'ticketTypeFull', params: { name: ticketType.name, count: n, capacity: ticketType.capacity } }]
    })
  }
}

export function insertAttendee(core: Core, write: Writer, a: NewAttendee): string {
  const id = newId()
  write.insert(attendees, {
    id,
    eventId: a.eventId,
    code: uniqueCode(core),
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email,
    company: a.company,
    jobTitle: a.jobTitle,
    phone: a.phone,
    ticketTypeId: a.ticketTypeId,
    status: 'registered',
    paymentMethod: a.paymentMethod ?? null,
    amountCents: a.amountCents ?? null,
    preferredLanguage: a.preferredLanguage,
    notes: a.notes,
    externalRef: a.externalRef ?? null,
    source: a.source,
    createdAt: new Date().toISOString()
  })
  return id
}
