/** Events and their ticket types. */
import { z } from 'zod'
import type { events, ticketTypes } from '../../main/events/schema'
import { clientId, colour, currency, FIELD_MESSAGES, id, isoDate, money, optionalText, text, timezone } from '../fields'
import { ROLES, STAFF_ROLES } from '../roles'
import { method } from './method'

const M = FIELD_MESSAGES

export const EVENT_TYPES = [
  'conference', 'seminar', 'webinar', 'meeting', 'workshop', 'festival', 'celebration', 'party', 'custom'
] as const
export const EVENT_STATUSES = ['draft', 'published', 'live', 'completed', 'cancelled'] as const
export type EventType = (typeof EVENT_TYPES)[number]
export type EventStatus = (typeof EVENT_STATUSES)[number]

const eventFields = z.object({
    name: text().min(1, M.nameRequired),
    type: z.enum(EVENT_TYPES),
    startDate: isoDate,
    endDate: isoDate,
    timezone,
    venue: optionalText(),
    capacity: z.number().int().min(0).max(10_000_000).nullable(),
    status: z.enum(EVENT_STATUSES)
})
const datesInOrder = (e: { startDate: string; endDate: string }) => e.endDate >= e.startDate
const datesMessage = { path: ['endDate'], message: M.endBeforeStart }
export const eventInput = eventFields.refine(datesInOrder, datesMessage)
export type EventInput = z.infer<typeof eventInput>

export const ticketTypeInput = z.object({
  code: z.string().trim().min(1, M.codeRequired).max(16).regex(/^[A-Za-z0-9_-]+$/, M.codeChars),
  name: text().min(1, M.nameRequired),
  priceCents: money,
  currency,
  capacity: z.number().int().min(0).max(10_000_000).nullable(),
  color: colour
})
export type TicketTypeInput = z.infer<typeof ticketTypeInput>

export type EventRow = typeof events.$inferSelect
export type TicketTypeRow = Omit<typeof ticketTypes.$inferSelect, 'createdAt'>

const byEvent = z.object({ eventId: id }).strict()

export const eventsContract = {
  'event.list': method<EventRow[]>()({ input: z.object({}).strict(), roles: ROLES, reads: ['events'] }),
  'event.create': method<EventRow>()({
    input: eventFields.extend({ id: clientId }).strict().refine(datesInOrder, datesMessage),
    roles: STAFF_ROLES.organizer
  }),
  'event.update': method<EventRow>()({
    input: z.object({ id, event: eventInput }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'ticketType.list': method<TicketTypeRow[]>()({ input: byEvent, roles: ROLES, reads: ['ticket_types'] }),
  'ticketType.create': method<TicketTypeRow>()({
    input: ticketTypeInput.extend({ id: clientId, eventId: id }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'ticketType.update': method<TicketTypeRow>()({
    input: ticketTypeInput.extend({ id }).strict(),
    roles: STAFF_ROLES.organizer
  })
}
