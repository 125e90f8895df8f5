import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { ROLES } from '../../shared/roles'

/** Staff who may sign in on the desks of this fleet (synced, lww). */
export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  pinHash: text('pin_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  createdAt: text('created_at').notNull(),
  // Raised by a deactivation, re-activation or PIN reset on any desk: sessions opened under an
  // earlier value end everywhere. A counter, not a time, so desks whose clocks differ agree.
  sessionEpoch: integer('session_epoch').notNull().default(0)
})

/** Signed-in sessions of this desk (local: a token never leaves the desk that issued it). */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  staffId: text('staff_id').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  /** The member's session_epoch when the session opened: valid while the two are equal. */
  staffEpoch: integer('staff_epoch').notNull().default(0)
})

/**
 * Sign-in failure counters of this desk (local, bounded: throttle.ts). `key` is
 * the counter — one caller on one member, one caller, all unknown callers — or
 * a caller that signed in successfully before.
 */
export const signInThrottle = sqliteTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    kind: text('kind', { enum: ['pair', 'client', 'global', 'known'] }).notNull(),
    failures: integer('failures').notNull(),
    /** Epoch ms: when the current counting window began. */
    windowStart: integer('window_start').notNull(),
    /** Epoch ms: refused until then (0: not locked). */
    lockedUntil: integer('locked_until').notNull(),
    updatedAt: integer('updated_at').notNull()
  },
  (t) => [index('sign_in_throttle_kind_idx').on(t.kind, t.updatedAt)]
)
