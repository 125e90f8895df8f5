/** The audit trail is the change log read with names: who, when, which desk, what. */
import type { ChangeEntry } from '../../shared/contract/audit'
import type { GuardedSql } from '../core/sql'

interface RawChange {
  hlc: string
  desk_id: string
  staff_id: string | null
  action: string
  tbl: string
  row_id: string
  op: ChangeEntry['op']
  data: string
  staff_name: string | null
  desk_name: string | null
}

const SELECT_CHANGES = `SELECT c.hlc, c.desk_id, c.staff_id, c.action, c.tbl, c.row_id, c.op, c.data, s.name AS staff_name, d.name AS desk_name
  FROM changes c LEFT JOIN staff s ON s.id = c.staff_id LEFT JOIN desks d ON d.id = c.desk_id`

function toEntry(c: RawChange): ChangeEntry {
  const data = JSON.parse(c.data) as Record<string, unknown>
  // PIN hashes never leave the desk through the audit view.
  if ('pin_hash' in data) data.pin_hash = '••••'
  return {
    hlc: c.hlc,
    at: c.hlc.slice(0, 24),
    deskId: c.desk_id,
    deskName: c.desk_name,
    staffId: c.staff_id,
    staffName: c.staff_name,
    action: c.action,
    table: c.tbl,
    rowId: c.row_id,
    op: c.op,
    data
  }
}

/** The newest changes first, before an HLC (paging). */
export function recentChanges(read: GuardedSql, before: string | undefined, limit: number): ChangeEntry[] {
  return read
    .all<RawChange>(`${SELECT_CHANGES} WHERE c.hlc < ? ORDER BY c.hlc DESC LIMIT ?`, before ?? '\uffff', limit)
    .map(toEntry)
}

/** Every change of one row, newest first. */
export function rowChanges(read: GuardedSql, table: string, rowId: string): ChangeEntry[] {
  return read.all<RawChange>(`${SELECT_CHANGES} WHERE c.tbl = ? AND c.row_id = ? ORDER BY c.hlc DESC`, table, rowId).map(toEntry)
}
