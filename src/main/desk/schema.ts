import { sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** The desks of the fleet and their names (synced; a desk's row is written by that desk only). */
export const desks = sqliteTable('desks', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull()
})
