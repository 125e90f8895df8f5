import { sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * An organizer's "seen, leave it" on a conflict (synced, lww). It holds the
 * members it was given for: when the conflict grows a new member it is open again.
 */
export const conflictAcks = sqliteTable('conflict_acks', {
  id: text('id').primaryKey(), // the conflict's id
  members: text('members').notNull(), // JSON, as the conflict had them
  acknowledgedAt: text('acknowledged_at').notNull()
})
