import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { INVITE_STATUSES, RFQ_STATUSES } from '../../shared/contract/procurement'

/** Requests for quotation (lww). `closed` is written by an award; who won is the award facts' answer. */
export const rfqs = sqliteTable(
  'rfqs',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    title: text('title').notNull(),
    currency: text('currency').notNull(),
    deadline: text('deadline').notNull(),
    status: text('status', { enum: RFQ_STATUSES }).notNull(),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('rfqs_event_idx').on(t.eventId)]
)

export const rfqLines = sqliteTable(
  'rfq_lines',
  {
    id: text('id').primaryKey(),
    rfqId: text('rfq_id').notNull(),
    eventId: text('event_id').notNull(),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    quantity: real('quantity').notNull(),
    unit: text('unit').notNull(),
    wantedOn: text('wanted_on')
  },
  (t) => [index('rfq_lines_rfq_idx').on(t.rfqId)]
)

/** One row per RFQ and vendor; its id is `<rfq>:<vendor>`, so two desks inviting the same vendor make one row. */
export const rfqInvites = sqliteTable(
  'rfq_invites',
  {
    id: text('id').primaryKey(),
    rfqId: text('rfq_id').notNull(),
    eventId: text('event_id').notNull(),
    vendorId: text('vendor_id').notNull(),
    status: text('status', { enum: INVITE_STATUSES }).notNull(),
    declineReason: text('decline_reason')
  },
  (t) => [index('rfq_invites_rfq_idx').on(t.rfqId)]
)

/** A vendor's quote for an RFQ (id `<rfq>:<vendor>`, one per vendor); `prices` is JSON: line id → unit price. */
export const quotes = sqliteTable(
  'quotes',
  {
    id: text('id').primaryKey(),
    rfqId: text('rfq_id').notNull(),
    eventId: text('event_id').notNull(),
    vendorId: text('vendor_id').notNull(),
    prices: text('prices').notNull(),
    taxBp: integer('tax_bp').notNull(),
    discountMinor: integer('discount_minor').notNull(),
    validUntil: text('valid_until').notNull(),
    paymentTerms: text('payment_terms'),
    notes: text('notes')
  },
  (t) => [index('quotes_rfq_idx').on(t.rfqId)]
)

/**
 * Award facts (append-only): one per awarded line (or one for the whole RFQ,
 * `line_id` null), grouped by the award step (`round_id`). Two desks awarding
 * the same RFQ apart both keep their facts; the earliest round by (at, round
 * id) is the award on every desk, and the other shows as a conflict.
 */
export const rfqAwards = sqliteTable(
  'rfq_awards',
  {
    id: text('id').primaryKey(),
    rfqId: text('rfq_id').notNull(),
    eventId: text('event_id').notNull(),
    roundId: text('round_id').notNull(),
    vendorId: text('vendor_id').notNull(),
    lineId: text('line_id'),
    at: text('at').notNull(),
    deskId: text('desk_id').notNull(),
    staffId: text('staff_id').notNull()
  },
  (t) => [index('rfq_awards_rfq_idx').on(t.rfqId, t.at)]
)
