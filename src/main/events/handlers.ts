import { asc, desc, eq, sql } from 'drizzle-orm'
import type { EventRow, TicketTypeRow } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import type { Core } from '../core/core'
import { newId } from '../core/ids'
import { mutation, type Handlers } from '../core/rpc'
import { events, ticketTypes } from '../db/schema'

type EventMethods = 'event.list' | 'event.create' | 'event.update' | 'ticketType.list' | 'ticketType.create' | 'ticketType.update'

function toEventRow(row: typeof events.$inferSelect): EventRow {
  return row as EventRow
}

function toTicketTypeRow({ createdAt: _createdAt, ...row }: typeof ticketTypes.$inferSelect): TicketTypeRow {
  return row
}

export function getEvent(core: Core, id: string): EventRow {
  const row = core.db.select().from(events).where(eq(events.id, id)).get()
  if (!row) throw new ApiError('not_found', 'No such event', { key: 'notFound' })
  return toEventRow(row)
}

export function getTicketType(core: Core, id: string): TicketTypeRow {
  const row = core.db.select().from(ticketTypes).where(eq(ticketTypes.id, id)).get()
  if (!row) throw new ApiError('not_found', 'No such ticket type', { key: 'notFound' })
  return toTicketTypeRow(row)
}

export function listTicketTypes(core: Core, eventId: string): TicketTypeRow[] {
  return core.db
    .select()
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId))
    .orderBy(asc(ticketTypes.createdAt), sql`rowid`)
    .all()
    .map(toTicketTypeRow)
}

function assertUniqueCode(core: Core, eventId: string, code: string, exceptId?: string): void {
  const clash = listTicketTypes(core, eventId).find((t) => t.code.toLowerCase() === code.toLowerCase())
  if (clash && clash.id !== exceptId) {
    throw new ApiError('conflict', `The code ${code} is already used by the ticket type ${clash.name}`, {
      key: 'ticketCodeTaken',
      params: { code, name: clash.name },
      issues: [{ path: 'code', message: 'Already used in this event', key: 'alreadyUsed' }]
    })
  }
}

export const eventHandlers = {
  'event.list': (_input, { core }) =>
    core.db.select().from(events).orderBy(desc(events.startDate)).all().map(toEventRow),

  'event.create': mutation((input, { core, write }) => {
    const id = newId()
    write.insert(events, { id, ...input, createdAt: new Date().toISOString() })
    return getEvent(core, id)
  }),

  'event.update': mutation((input, { core, write }) => {
    write.update(events, input.id, input.event)
    return getEvent(core, input.id)
  }),

  'ticketType.list': (input, { core }) => {
    getEvent(core, input.eventId)
    return listTicketTypes(core, input.eventId)
  },

  'ticketType.create': mutation((input, { core, write }) => {
    getEvent(core, input.eventId)
    assertUniqueCode(core, input.eventId, input.code)
    const id = newId()
    write.insert(ticketTypes, { id, ...input, createdAt: new Date().toISOString() })
    return getTicketType(core, id)
  }),

  'ticketType.update': mutation((input, { core, write }) => {
    const { id, ...fields } = input
    assertUniqueCode(core, getTicketType(core, id).eventId, fields.code, id)
    write.update(ticketTypes, id, fields)
    return getTicketType(core, id)
  })
} satisfies Pick<Handlers, EventMethods>
