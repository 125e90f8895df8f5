import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { sql } from 'drizzle-orm'
import { CHECKIN_KINDS, CHECKIN_METHODS } from '../../shared/contract/checkin'

/** Append-only check-in facts; an undo is a new fact pointing at the check-in it reverses. */
export const checkins = sqliteTable(
  'checkins',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    attendeeId: text('attendee_id').notNull(),
    kind: text('kind', { enum: CHECKIN_KINDS }).notNull(),
    refId: text('ref_id'),
    at: text('at').notNull(),
    deskId: text('desk_id').notNull(),
    staffId: text('staff_id').notNull(),
    method: text('method', { enum: CHECKIN_METHODS }).notNull()
  },
  (t) => [
    index('checkins_attendee_idx').on(t.attendeeId, t.at),
    // Partial: only undo facts have a ref_id, so check-ins (the hot write) skip this index.
    index('checkins_ref_idx')
      .on(t.refId)
      .where(sql`${t.refId} IS NOT NULL`)
  ]
)

/** Derived from checkins by triggers: who is in right now. Rebuildable from the facts. */
export const attendeePresence = sqliteTable('attendee_presence', {
  attendeeId: text('attendee_id').primaryKey(),
  eventId: text('event_id').notNull(),
  checkinId: text('checkin_id').notNull(),
  at: text('at').notNull(),
  deskId: text('desk_id').notNull(),
  staffId: text('staff_id').notNull()
})

/**
 * Derived (ticket-type-counts.ts and drizzle/0002_ticket_type_count_triggers.sql): per ticket type, how many
 * registrations are live (not cancelled) and how many of those are in. The live
 * counters on every screen read this instead of counting 100,000 rows.
 */
export const ticketTypeCounts = sqliteTable('ticket_type_counts', {
  ticketTypeId: text('ticket_type_id').primaryKey(),
  expected: integer('expected').notNull().default(0),
  checkedIn: integer('checked_in').notNull().default(0)
})
