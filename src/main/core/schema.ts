/**
 * The kernel's own tables: desk identity and the change log. Domain tables live
 * in each domain's schema.ts; drizzle-kit reads them all (drizzle.config.ts).
 */
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

/**
 * The change log: one record per row write, in HLC order. It is both what sync
 * ships to peers and the audit trail (who, when, which desk, through which action).
 * WITHOUT ROWID (migration 0008): keyed by its HLC alone, one b-tree fewer to write
 * per change. drizzle-kit cannot say so: a migration that rebuilds this table must
 * keep it.
 */
export const changes = sqliteTable(
  'changes',
  {
    hlc: text('hlc').primaryKey(),
    deskId: text('desk_id').notNull(),
    staffId: text('staff_id'),
    action: text('action').notNull(),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    op: text('op').notNull(), // 'insert' | 'update'
    data: text('data').notNull(), // JSON: { column: value } of the columns written
    // Schema level of the desk that wrote it (how many migrations it had applied).
    v: integer('v').notNull().default(1),
    // 1 for a record of an append-only fact: complete in itself, never folded with others.
    fact: integer('fact').notNull().default(0)
  },
  // Only lww rows are folded from all their records; facts (the hot check-in write) skip this index.
  (t) => [index('changes_row_idx').on(t.tbl, t.rowId, t.hlc).where(sql`${t.fact} = 0`)]
)

/** Rows that received records naming columns or tables of a newer version: settled again after an upgrade. */
export const pendingChanges = sqliteTable(
  'pending_changes',
  {
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull()
  },
  (t) => [primaryKey({ columns: [t.tbl, t.rowId] })]
)

/**
 * Derived (core/conflicts.ts): the conflicts the data holds right now, by rule
 * and key. No timestamps: desks holding the same records hold the same rows.
 */
export const conflicts = sqliteTable('conflicts', {
  id: text('id').primaryKey(), // `${kind}:${key}`
  kind: text('kind').notNull(),
  eventId: text('event_id'),
  members: text('members').notNull(), // JSON: sorted row ids
  detail: text('detail').notNull() // JSON
})
