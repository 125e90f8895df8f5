import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { PRODUCTS, SPONSOR_LEVELS } from '../../shared/contract/pipeline'
import { STAGES } from '../../shared/sales/stages'

/** Deals: what an account may buy for an event, at a stage of the pipeline. */
export const opportunities = sqliteTable(
  'opportunities',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    accountId: text('account_id').notNull(),
    contactId: text('contact_id'),
    leadId: text('lead_id'),
    name: text('name').notNull(),
    product: text('product', { enum: PRODUCTS }).notNull(),
    sponsorLevel: text('sponsor_level', { enum: SPONSOR_LEVELS }),
    boothSize: text('booth_size'),
    boothLocation: text('booth_location'),
    ticketCount: integer('ticket_count'),
    /** Minor units of `currency`; totals are only ever added per currency. */
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    stage: text('stage', { enum: STAGES }).notNull(),
    /** Overrides the stage's probability; null: the stage's (sales settings). */
    probability: integer('probability'),
    closeDate: text('close_date').notNull(),
    ownerId: text('owner_id'),
    nextStep: text('next_step'),
    lostReason: text('lost_reason'),
    notes: text('notes'),
    createdAt: text('created_at').notNull()
  },
  (t) => [
    // Cards: the first N of a stage by close date.
    index('opportunities_stage_idx').on(t.stage, t.closeDate),
    // Covering the board's and the forecast's sums: the aggregates read these narrow indexes, not the wide rows.
    index('opportunities_totals_idx').on(t.stage, t.currency, t.amountCents, t.probability),
    index('opportunities_close_idx').on(t.closeDate, t.stage, t.currency, t.amountCents, t.probability),
    index('opportunities_owner_idx').on(t.ownerId, t.stage)
  ]
)
