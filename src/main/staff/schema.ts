import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { ROLES } from '../../shared/roles'

/** Staff who may sign in on the desks of this fleet (synced, lww). */
export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  pinHash: text('pin_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  createdAt: text('created_at').notNull()
})

/** Signed-in sessions of this desk (local: a token never leaves the desk that issued it). */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  staffId: text('staff_id').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull()
})
