import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { BOOTH_FACT_KINDS } from '../../shared/contract/booth'

/** Exhibitors of an event, with the attendee fields the organizer lets them see. */
export const exhibitors = sqliteTable(
  'exhibitors',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    name: text('name').notNull(),
    booth: text('booth'),
    /** JSON array of VISIBLE_FIELDS the exhibitor sees of a scanned attendee. */
    fields: text('fields').notNull(),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('exhibitors_event_idx').on(t.eventId)]
)

/** Which exhibitor a staff member with the exhibitor role scans for (id: the staff id). */
export const exhibitorMembers = sqliteTable('exhibitor_members', {
  id: text('id').primaryKey(),
  exhibitorId: text('exhibitor_id').notNull()
})

/**
 * Booth scans and later edits of a lead: append-only facts. `at` is when the
 * badge was scanned on the device (kept apart from when the record reached this
 * desk); a rating, tags or notes left null say nothing (they keep what an
 * earlier fact said).
 */
export const boothScans = sqliteTable(
  'booth_scans',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    exhibitorId: text('exhibitor_id').notNull(),
    attendeeId: text('attendee_id').notNull(),
    kind: text('kind', { enum: BOOTH_FACT_KINDS }).notNull(),
    at: text('at').notNull(),
    recordedAt: text('recorded_at').notNull(),
    rating: integer('rating'),
    /** JSON array of the exhibitor's tags. */
    tags: text('tags'),
    notes: text('notes'),
    deskId: text('desk_id').notNull(),
    staffId: text('staff_id').notNull()
  },
  (t) => [index('booth_scans_lead_idx').on(t.exhibitorId, t.attendeeId)]
)

/**
 * Derived (booth/leads.ts): one lead per exhibitor and attendee, folded from the
 * facts in (at, id) order — first scan, last scan, and per field the latest
 * fact that said something. Every desk holding the same facts holds the same rows.
 */
export const boothLeads = sqliteTable(
  'booth_leads',
  {
    exhibitorId: text('exhibitor_id').notNull(),
    attendeeId: text('attendee_id').notNull(),
    eventId: text('event_id').notNull(),
    firstScanAt: text('first_scan_at').notNull(),
    lastScanAt: text('last_scan_at').notNull(),
    scans: integer('scans').notNull(),
    rating: integer('rating'),
    tags: text('tags'),
    notes: text('notes')
  },
  (t) => [primaryKey({ columns: [t.exhibitorId, t.attendeeId] }), index('booth_leads_first_idx').on(t.exhibitorId, t.firstScanAt)]
)
