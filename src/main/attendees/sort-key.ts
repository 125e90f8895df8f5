/**
 * Keeps each attendee's name-order key (attendee_sort_keys, drizzle/0005) in
 * step with the attendee rows: a projection of the write path, so local edits
 * and changes applied from peers are keyed alike. The key comes from synced
 * columns only (names and id), so every desk lists the same people in the
 * same order. The table is keyed by (event_id, sort_key); a row's old key is
 * made again from the values it had.
 */
import { nameSortKey } from '../../shared/text'
import type { SqlValue } from '../core/db'
import type { Projection } from '../core/changelog'
import type { DerivedTableSpec } from '../core/module'
import type { GuardedSql } from '../core/sql'

const KEYED_COLUMNS = ['first_name', 'last_name', 'event_id'] as const

interface KeyedRow {
  seq: number
  id: string
  event_id: string
  first_name: string
  last_name: string
}

const SELECT = 'SELECT seq, id, event_id, first_name, last_name FROM attendees'
const INSERT = 'INSERT OR REPLACE INTO attendee_sort_keys (event_id, sort_key, seq) VALUES (?, ?, ?)'
const DELETE = 'DELETE FROM attendee_sort_keys WHERE event_id = ? AND sort_key = ?'

const keyOf = (row: KeyedRow) => nameSortKey(row.last_name, row.first_name, row.id)

/** The row as it was before a write: `previous` holds the old values of the columns written. */
function before(row: KeyedRow, previous: Record<string, SqlValue>): KeyedRow {
  const old = { ...row }
  for (const column of KEYED_COLUMNS) if (typeof previous[column] === 'string') old[column] = previous[column]
  return old
}

export function attendeeSortKeys(sql: GuardedSql): Projection {
  const read = sql.prepare(`${SELECT} WHERE id = ?`)
  return ({ rowId, op, columns, previous, inserted }) => {
    if (inserted) {
      const row = { ...(inserted.values as unknown as KeyedRow), seq: inserted.rowid }
      return void sql.run(INSERT, row.event_id, keyOf(row), row.seq)
    }
    if (op === 'delete') {
      // The row is gone; `previous` is all it had.
      const old = previous as unknown as KeyedRow | null
      if (old) sql.run(DELETE, old.event_id, keyOf(old))
      return
    }
    if (op === 'update' && !columns.some((c) => (KEYED_COLUMNS as readonly string[]).includes(c))) return
    const row = read.get(rowId) as KeyedRow | undefined
    if (!row) return
    if (op === 'update' && previous) {
      const old = before(row, previous)
      sql.run(DELETE, old.event_id, keyOf(old))
    }
    sql.run(INSERT, row.event_id, keyOf(row), row.seq)
  }
}

export const sortKeysTable: DerivedTableSpec = {
  name: 'attendee_sort_keys',
  rebuild(sql) {
    sql.run('DELETE FROM attendee_sort_keys')
    for (const row of sql.all<KeyedRow>(SELECT)) sql.run(INSERT, row.event_id, keyOf(row), row.seq)
  }
}
