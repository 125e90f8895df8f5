/**
 * EventDesk tables. Synced tables (events, ticket_types, attendees, checkins,
 * staff, desks) are written only through the mutation layer (core/mutator.ts),
 * which appends a change record in the same transaction. Local tables (meta,
 * changes, sessions) and derived tables (attendee_presence, attendees_fts — see
 * the custom migration) belong to this desk alone.
 */
import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const events = sqliteTable('events', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  timezone: text('timezone').notNull(),
  venue: text('venue'),
  capacity: integer('capacity'),
  status: text('status').notNull(),
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

export const attendees = sqliteTable(
  'attendees',
  {
    // Local integer key: the FTS index is keyed by it (a text primary key would
    // leave the implicit rowid free to change on VACUUM).
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    eventId: text('event_id').notNull(),
    code: text('code').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    company: text('company'),
    jobTitle: text('job_title'),
    phone: text('phone'),
    ticketTypeId: text('ticket_type_id').notNull(),
    status: text('status').notNull(),
    paymentMethod: text('payment_method'),
    amountCents: integer('amount_cents'),
    preferredLanguage: text('preferred_language'),
    notes: text('notes'),
    // Order/ticket code from the system the attendee was imported from.
    externalRef: text('external_ref'),
    source: text('source').notNull(),
    createdAt: text('created_at').notNull()
  },
  (t) => [
    uniqueIndex('attendees_id_idx').on(t.id),
    // Not unique: two desks apart may create the same code or e-mail; those
    // surface as conflicts instead of breaking the merge.
    // (code, event_id): with both equalities the planner can't prefer the e-mail index.
    index('attendees_code_idx').on(t.code, t.eventId),
    index('attendees_event_email_idx').on(t.eventId, t.email),
    index('attendees_event_name_idx').on(t.eventId, t.lastName, t.firstName)
  ]
)

/** Append-only check-in facts; an undo is a new fact pointing at the check-in it reverses. */
export const checkins = sqliteTable(
  'checkins',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    attendeeId: text('attendee_id').notNull(),
    kind: text('kind').notNull(), // 'in' | 'undo'
    refId: text('ref_id'),
    at: text('at').notNull(),
    deskId: text('desk_id').notNull(),
    staffId: text('staff_id').notNull(),
    method: text('method').notNull()
  },
  (t) => [
    index('checkins_attendee_idx').on(t.attendeeId, t.at),
    // Partial: only undo facts have a ref_id, so check-ins (the hot write) skip this index.
    index('checkins_ref_idx')
      .on(t.refId)
      .where(sql`${t.refId} IS NOT NULL`)
  ]
)

export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  pinHash: text('pin_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  createdAt: text('created_at').notNull()
})

export const desks = sqliteTable('desks', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull()
})

// ---- local to this desk ----

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

/**
 * The change log: one record per row write, in HLC order. It is both what sync
 * ships to peers and the audit trail (who, when, which desk, through which action).
 */
export const changes = sqliteTable(
  'changes',
  {
    hlc: text('hlc').primaryKey(),
    deskId: text('desk_id').notNull(),
    staffId: text('staff_id'),
    action: text('action').notNull(),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    op: text('op').notNull(), // 'insert' | 'update'
    data: text('data').notNull() // JSON: { column: value } of the columns written
  },
  (t) => [index('changes_row_idx').on(t.tbl, t.rowId, t.hlc)]
)

export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  staffId: text('staff_id').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull()
})

/**
 * Derived (src/main/checkin/ticket-type-counts.ts and drizzle/0002_ticket_type_count_triggers.sql): per ticket type, how many
 * registrations are live (not cancelled) and how many of those are in. The live
 * counters on every screen read this instead of counting 100,000 rows.
 */
export const ticketTypeCounts = sqliteTable('ticket_type_counts', {
  ticketTypeId: text('ticket_type_id').primaryKey(),
  expected: integer('expected').notNull().default(0),
  checkedIn: integer('checked_in').notNull().default(0)
})

/** Derived from checkins by triggers: who is in right now. Rebuildable from the facts. */
export const attendeePresence = sqliteTable('attendee_presence', {
  attendeeId: text('attendee_id').primaryKey(),
  eventId: text('event_id').notNull(),
  checkinId: text('checkin_id').notNull(),
  at: text('at').notNull(),
  deskId: text('desk_id').notNull(),
  staffId: text('staff_id').notNull()
})
