import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { ATTENDEE_RECORD_STATUSES, EXPORT_FORMATS, PAYMENT_METHODS } from '../../shared/contract/attendees'
import { LANGUAGES } from '../../shared/fields'

export const attendees = sqliteTable(
  'attendees',
  {
    // Local integer key: the FTS index is keyed by it (a text primary key would
    // leave the implicit rowid free to change on VACUUM). Never synced.
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
    status: text('status', { enum: ATTENDEE_RECORD_STATUSES }).notNull(),
    // Set when this registration was merged into another one of the same person (status 'merged').
    mergedInto: text('merged_into'),
    paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }),
    amountCents: integer('amount_cents'),
    preferredLanguage: text('preferred_language', { enum: LANGUAGES }),
    notes: text('notes'),
    // Order/ticket code from the system the attendee was imported from.
    externalRef: text('external_ref'),
    source: text('source', { enum: ['walkup', 'import', 'manual', 'demo'] }).notNull(),
    createdAt: text('created_at').notNull()
  },
  (t) => [
    uniqueIndex('attendees_id_idx').on(t.id),
    // Not unique: two desks apart may create the same code or e-mail; those
    // surface as conflicts instead of breaking the merge.
    // (code, event_id): with both equalities the planner can't prefer the e-mail index.
    index('attendees_code_idx').on(t.code, t.eventId),
    // Also the event's index (counts); name order lives in attendee_sort_keys.
    index('attendees_event_email_idx').on(t.eventId, t.email)
  ]
)

/**
 * Every export of attendees' personal data (append-only facts, synced to every
 * desk): who, when, where, how many rows, which format and filter. The audit
 * log shows them with the rest of the change log.
 */
export const attendeeExports = sqliteTable('attendee_exports', {
  id: text('id').primaryKey(),
  eventId: text('event_id').notNull(),
  staffId: text('staff_id').notNull(),
  deskId: text('desk_id').notNull(),
  at: text('at').notNull(),
  format: text('format', { enum: EXPORT_FORMATS }).notNull(),
  rows: integer('rows').notNull(),
  /** The list's filter as JSON (query, status, ticket type, checked in). */
  filter: text('filter').notNull()
})
