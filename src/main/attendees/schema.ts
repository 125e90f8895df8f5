import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
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
    // What a file gave as the e-mail when it is no address at all ("jose(at)example.org"):
    // kept for the organizer to fix, never used as an address or an identity.
    invalidEmail: text('invalid_email'),
    company: text('company'),
    jobTitle: text('job_title'),
    phone: text('phone'),
    ticketTypeId: text('ticket_type_id').notNull(),
    status: text('status', { enum: ATTENDEE_RECORD_STATUSES }).notNull(),
    // Set when this registration was merged into another one of the same person (status 'merged').
    mergedInto: text('merged_into'),
    paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }),
    amountCents: integer('amount_cents'),
    // Why a walk-up paid other than the ticket type's price (asked at the desk whenever it differs).
    priceReason: text('price_reason'),
    preferredLanguage: text('preferred_language', { enum: LANGUAGES }),
    notes: text('notes'),
    // For the door: the person needs attention (accessibility, allergy, unpaid order…) and what to know.
    attention: integer('attention', { mode: 'boolean' }).notNull().default(false),
    doorNote: text('door_note'),
    // The ticket barcode/secret (or order code) of the system the attendee was imported from:
    // a scan of it checks them in like their own code.
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
    index('attendees_event_email_idx').on(t.eventId, t.email),
    index('attendees_external_ref_idx').on(t.externalRef, t.eventId)
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

/**
 * What each committed chunk of a running import did, so a failed or killed
 * import can be undone: the attendees it created (a range of the local `seq`:
 * nothing else inserts attendees inside the chunk's transaction), the rows it
 * merged (their values before) and the ticket types it created. Local to this
 * desk; emptied when the import finishes or is undone.
 */
export const importJournal = sqliteTable(
  'import_journal',
  {
    importId: text('import_id').notNull(),
    chunk: integer('chunk').notNull(),
    firstSeq: integer('first_seq'),
    lastSeq: integer('last_seq'),
    undo: text('undo').notNull()
  },
  (t) => [primaryKey({ columns: [t.importId, t.chunk] })]
)
