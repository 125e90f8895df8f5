import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { BUDGET_CATEGORIES, BUDGET_CONTROLS, CONTRACT_STATUSES, PAYMENT_METHODS } from '../../shared/contract/contracts'

/** Contracts with a vendor for an event (lww; amendments are in the change log). `checklist` is JSON deliverables. */
export const contracts = sqliteTable(
  'contracts',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    vendorId: text('vendor_id').notNull(),
    rfqId: text('rfq_id'),
    budgetLineId: text('budget_line_id'),
    title: text('title').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    depositMinor: integer('deposit_minor').notNull(),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull(),
    signedOn: text('signed_on'),
    signedBy: text('signed_by'),
    cancellationTerms: text('cancellation_terms'),
    checklist: text('checklist').notNull(),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('contracts_event_idx').on(t.eventId), index('contracts_budget_line_idx').on(t.budgetLineId)]
)

/** Payment milestones: a fixed amount or a percentage of the contract amount. */
export const contractMilestones = sqliteTable(
  'contract_milestones',
  {
    id: text('id').primaryKey(),
    contractId: text('contract_id').notNull(),
    eventId: text('event_id').notNull(),
    label: text('label').notNull(),
    dueOn: text('due_on').notNull(),
    amountMinor: integer('amount_minor'),
    percent: integer('percent'),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('contract_milestones_contract_idx').on(t.contractId)]
)

/**
 * Payments (append-only facts) against one milestone; a void is another fact
 * naming the payment it cancels. Two desks paying one milestone apart both
 * keep theirs; a milestone paid beyond its amount shows as a conflict.
 */
export const contractPayments = sqliteTable(
  'contract_payments',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    contractId: text('contract_id').notNull(),
    milestoneId: text('milestone_id').notNull(),
    kind: text('kind', { enum: ['payment', 'void'] }).notNull(),
    refId: text('ref_id'),
    amountMinor: integer('amount_minor').notNull(),
    paidOn: text('paid_on').notNull(),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    reference: text('reference'),
    at: text('at').notNull(),
    deskId: text('desk_id').notNull(),
    staffId: text('staff_id').notNull()
  },
  (t) => [
    index('contract_payments_milestone_idx').on(t.milestoneId),
    index('contract_payments_contract_idx').on(t.contractId),
    // Partial: only voids have a ref_id; every sum of payments asks whether one names the payment.
    index('contract_payments_ref_idx')
      .on(t.refId)
      .where(sql`${t.refId} IS NOT NULL`)
  ]
)

/** Budget lines per event and category, each with its control when an award or contract would exceed it. */
export const budgetLines = sqliteTable(
  'budget_lines',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    category: text('category', { enum: BUDGET_CATEGORIES }).notNull(),
    name: text('name').notNull(),
    plannedMinor: integer('planned_minor').notNull(),
    currency: text('currency').notNull(),
    control: text('control', { enum: BUDGET_CONTROLS }).notNull(),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('budget_lines_event_idx').on(t.eventId)]
)

/** An organizer's override of a budget stop (facts): who let which contract go over which line, by how much, why. */
export const budgetOverrides = sqliteTable('budget_overrides', {
  id: text('id').primaryKey(),
  eventId: text('event_id').notNull(),
  budgetLineId: text('budget_line_id').notNull(),
  contractId: text('contract_id').notNull(),
  overMinor: integer('over_minor').notNull(),
  reason: text('reason').notNull(),
  at: text('at').notNull(),
  deskId: text('desk_id').notNull(),
  staffId: text('staff_id').notNull()
})
