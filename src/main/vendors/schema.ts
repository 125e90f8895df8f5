import { sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { VENDOR_STATUSES } from '../../shared/contract/vendors'

/**
 * The vendor directory, shared by every event (synced lww, organizers' desks).
 * Categories, contacts and tags are JSON arrays: each is edited as one list on
 * one form, so a column merging as a whole is what a user expects.
 */
export const vendors = sqliteTable('vendors', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  categories: text('categories').notNull(),
  contacts: text('contacts').notNull(),
  taxId: text('tax_id'),
  website: text('website'),
  notes: text('notes'),
  tags: text('tags').notNull(),
  status: text('status', { enum: VENDOR_STATUSES }).notNull(),
  blockedReason: text('blocked_reason'),
  createdAt: text('created_at').notNull()
})
