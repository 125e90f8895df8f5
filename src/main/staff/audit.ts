/** The audit trail is the change log read with names: who, when, which desk, what. */
import { desc, eq, type SQL } from 'drizzle-orm'
import type { ChangeEntry } from '../../shared/domain'
import type { Core } from '../core/core'
import { changes, desks, staff } from '../db/schema'

export function queryChanges(core: Core, where: SQL | undefined, limit?: number): ChangeEntry[] {
  const query = core.db
    .select({ change: changes, staffName: staff.name, deskName: desks.name })
    .from(changes)
    .leftJoin(staff, eq(staff.id, changes.staffId))
    .leftJoin(desks, eq(desks.id, changes.deskId))
    .where(where)
    .orderBy(desc(changes.hlc))
  return (limit ? query.limit(limit) : query).all().map(({ change: c, staffName, deskName }) => {
    const data = JSON.parse(c.data) as Record<string, unknown>
    // PIN hashes never leave the desk through the audit view.
    if ('pin_hash' in data) data.pin_hash = '••••'
    return {
      hlc: c.hlc,
      at: c.hlc.slice(0, 24),
      deskId: c.deskId,
      deskName,
      staffId: c.staffId,
      staffName,
      action: c.action,
      table: c.tbl,
      rowId: c.rowId,
      op: c.op as ChangeEntry['op'],
      data
    }
  })
}
