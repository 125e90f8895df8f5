import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { sql } from 'drizzle-orm'
import { CHECKIN_KINDS, CHECKIN_METHODS } from '../../shared/contract/checkin'
import { LIST_MODES, SCAN_DIRECTIONS, SCAN_OUTCOMES } from '../../shared/contract/checkin-lists'

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

/** A check-in list of an event: a door with its rules (synced, lww). JSON arrays for its ticket types and days. */
export const checkinLists = sqliteTable(
  'checkin_lists',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    name: text('name').notNull(),
    ticketTypeIds: text('ticket_type_ids').notNull(),
    days: text('days').notNull(),
    opensAt: text('opens_at'),
    closesAt: text('closes_at'),
    toleranceMinutes: integer('tolerance_minutes').notNull(),
    mode: text('mode', { enum: LIST_MODES }).notNull(),
    reentry: integer('reentry', { mode: 'boolean' }).notNull(),
    capacity: integer('capacity'),
    autoCheckoutAt: text('auto_checkout_at'),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('checkin_lists_event_idx').on(t.eventId)]
)

/**
 * Every scan on a list, admitted or refused, as an append-only fact. Its id is
 * the client's, so a retry finds the first attempt. An override is a new
 * admitting fact pointing at the refused one.
 */
export const listScans = sqliteTable(
  'list_scans',
  {
    id: text('id').primaryKey(),
    listId: text('list_id').notNull(),
    eventId: text('event_id').notNull(),
    attendeeId: text('attendee_id'),
    code: text('code').notNull(),
    direction: text('direction', { enum: SCAN_DIRECTIONS }).notNull(),
    outcome: text('outcome', { enum: SCAN_OUTCOMES }).notNull(),
    /** JSON: what the answer said (when the list opens, its capacity…), so disputes and retries see it as given. */
    detail: text('detail').notNull(),
    at: text('at').notNull(),
    deskId: text('desk_id').notNull(),
    staffId: text('staff_id').notNull(),
    overrideOf: text('override_of'),
    supervisorId: text('supervisor_id'),
    reason: text('reason')
  },
  (t) => [
    index('list_scans_person_idx').on(t.listId, t.attendeeId, t.at),
    index('list_scans_override_idx')
      .on(t.overrideOf)
      .where(sql`${t.overrideOf} IS NOT NULL`)
  ]
)

/**
 * Derived (list-inside.ts): who is inside on each list — the latest admitting
 * scan per person and list, when it is an entry — and until when it counts
 * (the next automatic check-out). Rebuildable from the scans.
 */
export const listInside = sqliteTable(
  'list_inside',
  {
    listId: text('list_id').notNull(),
    attendeeId: text('attendee_id').notNull(),
    scanId: text('scan_id').notNull(),
    at: text('at').notNull(),
    until: text('until').notNull()
  },
  (t) => [primaryKey({ columns: [t.listId, t.attendeeId] }), index('list_inside_until_idx').on(t.listId, t.until)]
)

/**
 * Derived with list_inside: per list and "until" (the automatic check-out that
 * ends those entries), how many are inside. The inside count and the
 * over-capacity check read a few rows here instead of counting people.
 */
export const listInsideCounts = sqliteTable(
  'list_inside_counts',
  {
    listId: text('list_id').notNull(),
    until: text('until').notNull(),
    inside: integer('inside').notNull()
  },
  (t) => [primaryKey({ columns: [t.listId, t.until] })]
)
