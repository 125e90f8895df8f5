/** The audit trail is the change log read with names: who, when, which desk, what. */
import type { ChangeEntry } from '../../shared/contract/audit'
import type { Desk } from '../core/module'
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

interface Description {
  subject: string | null
  currency: string | null
}

const NONE: Description = { subject: null, currency: null }

/** Names rows as their modules describe them (SyncedTableSpec.describe), each row once per page. */
function describer(read: GuardedSql, desk: Desk): (table: string, rowId: string) => Description {
  const seen = new Map<string, Description>()
  return (table, rowId) => {
    const sql = desk.describeSql(table)
    if (!sql) return NONE
    const key = `${table}\u0000${rowId}`
    let found = seen.get(key)
    if (!found) {
      const row = read.get<Partial<Description>>(sql, rowId)
      found = { subject: row?.subject ?? null, currency: row?.currency ?? null }
      seen.set(key, found)
    }
    return found
  }
}

function toEntry(c: RawChange, describe: (table: string, rowId: string) => Description): ChangeEntry {
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
    data,
    ...describe(c.tbl, c.row_id)
  }
}

/** The newest changes first, before an HLC (paging). */
export function recentChanges(read: GuardedSql, desk: Desk, before: string | undefined, limit: number): ChangeEntry[] {
  const describe = describer(read, desk)
  return read
    .all<RawChange>(`${SELECT_CHANGES} WHERE c.hlc < ? ORDER BY c.hlc DESC LIMIT ?`, before ?? '\uffff', limit)
    .map((c) => toEntry(c, describe))
}

/** Every change of one row, newest first. */
export function rowChanges(read: GuardedSql, desk: Desk, table: string, rowId: string): ChangeEntry[] {
  const describe = describer(read, desk)
  return read
    // Rows of lww tables (the ones with a history): `fact = 0` lets SQLite use the row index.
    .all<RawChange>(`${SELECT_CHANGES} WHERE c.tbl = ? AND c.row_id = ? AND c.fact = 0 ORDER BY c.hlc DESC`, table, rowId)
    .map((c) => toEntry(c, describe))
}
