import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * The desks of this fleet and the certificates they are pinned by (synced, lww):
 * every desk learns each newcomer from whichever desk admitted it. A desk
 * writes where it can be reached (addresses, port) on its own row only.
 */
export const fleetDesks = sqliteTable('fleet_desks', {
  id: text('id').primaryKey(),
  /** SHA-256 of the desk's certificate (DER), hex. */
  fingerprint: text('fingerprint').notNull(),
  certificate: text('certificate').notNull(),
  admittedAt: text('admitted_at').notNull(),
  /** The desk that admitted it (itself for the desk that founded the fleet). */
  admittedBy: text('admitted_by').notNull(),
  via: text('via', { enum: ['founder', 'invitation', 'fleet_key'] }).notNull(),
  /** JSON array of the addresses it listens on for peers (written by the desk itself). */
  addresses: text('addresses').notNull().default('[]'),
  port: integer('port').notNull().default(0)
})

/** A desk removed from the fleet (synced fact: a removal is never undone; the desk must be paired anew). */
export const deskRemovals = sqliteTable('desk_removals', {
  id: text('id').primaryKey(),
  deskId: text('desk_id').notNull(),
  fingerprint: text('fingerprint').notNull(),
  removedAt: text('removed_at').notNull(),
  removedByStaff: text('removed_by_staff'),
  /** The fleet key generation that replaced the one the removed desk held. */
  keyEpoch: integer('key_epoch').notNull()
})

/**
 * Addresses this desk dials (local): typed by a person, learned at pairing or
 * given with --peer, with the certificate seen there once it is trusted.
 */
export const knownPeers = sqliteTable('known_peers', {
  address: text('address').primaryKey(),
  source: text('source', { enum: ['manual', 'pairing'] }).notNull(),
  deskId: text('desk_id'),
  fingerprint: text('fingerprint'),
  certificate: text('certificate'),
  addedAt: text('added_at').notNull()
})
