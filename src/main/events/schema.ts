import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { EVENT_STATUSES, EVENT_TYPES } from '../../shared/contract/events'

export const events = sqliteTable('events', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type', { enum: EVENT_TYPES }).notNull(),
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  timezone: text('timezone').notNull(),
  venue: text('venue'),
  capacity: integer('capacity'),
  status: text('status', { enum: EVENT_STATUSES }).notNull(),
  createdAt: text('created_at').notNull()
})

export const ticketTypes = sqliteTable(
  'ticket_types',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull(),
    capacity: integer('capacity'),
    color: text('color').notNull(),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('ticket_types_event_idx').on(t.eventId)]
)
