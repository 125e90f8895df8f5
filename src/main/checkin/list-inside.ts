/**
 * Keeps list_inside (and its per-period counts, list_inside_counts), who is inside on each list, from the scan facts: for a
 * person and a list, the latest admitting scan (by its time, then its id)
 * decides — an entry puts them inside until the list's next automatic
 * check-out, an exit takes them out. Judged from all the facts each time, so
 * scans merged late or out of order end in the same state on every desk; a
 * list whose rules change has its "until" recomputed.
 */
import type { Projection } from '../core/changelog'
import type { DerivedTableSpec } from '../core/module'
import type { GuardedSql } from '../core/sql'
import { checkoutAfter } from './list-rules'

const LATEST = `SELECT id, direction, at FROM list_scans
  WHERE list_id = ? AND attendee_id = ? AND outcome IN ('admitted', 'exited') ORDER BY at DESC, id DESC LIMIT 1`
const LIST = `SELECT l.auto_checkout_at AS autoCheckoutAt, COALESCE(e.timezone, 'UTC') AS timeZone
  FROM checkin_lists l LEFT JOIN events e ON e.id = l.event_id WHERE l.id = ?`
const PUT = `INSERT INTO list_inside (list_id, attendee_id, scan_id, at, until) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (list_id, attendee_id) DO UPDATE SET scan_id = excluded.scan_id, at = excluded.at, until = excluded.until`

type ListClock = { autoCheckoutAt: string | null; timeZone: string }

const COUNT = `INSERT INTO list_inside_counts (list_id, until, inside) VALUES (?, ?, ?)
  ON CONFLICT (list_id, until) DO UPDATE SET inside = inside + excluded.inside`

function settlePerson(sql: GuardedSql, listId: string, attendeeId: string): void {
  const latest = sql.get<{ id: string; direction: string; at: string }>(LATEST, listId, attendeeId)
  // Scans of a list this desk does not hold (yet, or any more) put nobody inside; the list's arrival settles them.
  const list = latest && latest.direction === 'in' ? sql.get<ListClock>(LIST, listId) : undefined
  const before = sql.get<{ until: string }>('SELECT until FROM list_inside WHERE list_id = ? AND attendee_id = ?', listId, attendeeId)
  if (before) sql.run(COUNT, listId, before.until, -1)
  if (!latest || !list) {
    if (before) sql.run('DELETE FROM list_inside WHERE list_id = ? AND attendee_id = ?', listId, attendeeId)
    return
  }
  const until = checkoutAfter(list.autoCheckoutAt, new Date(latest.at), list.timeZone)
  sql.run(PUT, listId, attendeeId, latest.id, latest.at, until)
  sql.run(COUNT, listId, until, 1)
}

/** A list arrived, changed its automatic check-out or went: everyone on it judged again. */
function settleList(sql: GuardedSql, listId: string): void {
  sql.run('DELETE FROM list_inside WHERE list_id = ?', listId)
  sql.run('DELETE FROM list_inside_counts WHERE list_id = ?', listId)
  const people = sql.all<{ attendee_id: string }>(
    `SELECT DISTINCT attendee_id FROM list_scans WHERE list_id = ? AND attendee_id IS NOT NULL AND outcome IN ('admitted', 'exited')`,
    listId
  )
  for (const p of people) settlePerson(sql, listId, p.attendee_id)
}

export function listInsideFromScans(sql: GuardedSql): Projection {
  return ({ rowId, inserted }) => {
    const values = inserted?.values ?? sql.get<Record<string, unknown>>('SELECT list_id, attendee_id FROM list_scans WHERE id = ?', rowId)
    if (!values || typeof values.attendee_id !== 'string') return
    settlePerson(sql, values.list_id as string, values.attendee_id)
  }
}

export function listInsideFromLists(sql: GuardedSql): Projection {
  return ({ rowId, op, columns }) => {
    if (op !== 'update' || columns.includes('auto_checkout_at')) settleList(sql, rowId)
  }
}

/** Both derived tables are filled by one rebuild (the counts follow the rows). */
export const listInsideCountsTable: DerivedTableSpec = { name: 'list_inside_counts', rebuild() {} }

export const listInsideTable: DerivedTableSpec = {
  name: 'list_inside',
  rebuild(sql) {
    sql.run('DELETE FROM list_inside')
    sql.run('DELETE FROM list_inside_counts')
    for (const l of sql.all<{ id: string }>('SELECT id FROM checkin_lists')) settleList(sql, l.id)
  }
}
