import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * The sales team's settings, one row per setting (id: 'probabilities',
 * 'scoring', 'qualifyThreshold', 'commitMin'), its value as JSON: two desks
 * changing different settings apart both keep their change.
 */
export const salesSettings = sqliteTable('sales_settings', {
  id: text('id').primaryKey(),
  value: text('value').notNull()
})

/**
 * An owner's quota for a month in one currency. The id is made from the three
 * (owner, month, currency), so two desks setting the same quota apart write
 * one row and the later edit wins.
 */
export const salesQuotas = sqliteTable(
  'sales_quotas',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    period: text('period').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull()
  },
  (t) => [index('sales_quotas_period_idx').on(t.period, t.ownerId)]
)
