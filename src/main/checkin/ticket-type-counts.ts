/**
 * Keeps ticket_type_counts (the live counters) in step with attendee rows: a
 * registration counts while it is live (not cancelled, not merged into another), and as checked in while it has
 * a presence row. The presence side is kept by SQL triggers
 * (drizzle/0002_ticket_type_count_triggers.sql); this side is a projection of the
 * write path because any trigger on `attendees` makes SQLite open a statement
 * journal per row, which flushes FTS5's buffer every row: a 50,000-row import
 * went from 2.0 s to 3.3 s with the trigger version.
 */
import type { Projection } from '../core/changelog'
import type { DerivedTableSpec } from '../core/module'
import type { GuardedSql } from '../core/sql'

const COUNTED_COLUMNS = new Set(['status', 'ticket_type_id'])
const live = (status: unknown) => status === 'registered' || status === 'no_show'
const ADD = `INSERT INTO ticket_type_counts (ticket_type_id, expected, checked_in) VALUES (?, ?, ?)
  ON CONFLICT (ticket_type_id) DO UPDATE SET
    expected = expected + excluded.expected, checked_in = checked_in + excluded.checked_in`

export function ticketTypeCounts(sql: GuardedSql): Projection {
  const read = sql.prepare(
    `SELECT a.ticket_type_id, a.status, EXISTS (SELECT 1 FROM attendee_presence p WHERE p.attendee_id = a.id) AS present
     FROM attendees a WHERE a.id = ?`
  )
  const add = sql.prepare(ADD)
  const presentStmt = sql.prepare('SELECT EXISTS (SELECT 1 FROM attendee_presence WHERE attendee_id = ?) AS present')
  return ({ rowId, op, columns, previous, inserted }) => {
    if (inserted) {
      // A new registration: nobody can be in for it yet but through a check-in merged before it.
      const { status, ticket_type_id: ticketTypeId } = inserted.values
      if (!live(status) || typeof ticketTypeId !== 'string') return
      add.run(ticketTypeId, 1, (presentStmt.get(rowId) as { present: number }).present)
      return
    }
    if (op === 'delete') {
      if (previous && live(previous.status)) {
        const { present } = presentStmt.get(rowId) as { present: number }
        add.run(previous.ticket_type_id, -1, -present)
      }
      return
    }
    if (op === 'update' && !columns.some((c) => COUNTED_COLUMNS.has(c))) return
    const row = read.get(rowId) as { ticket_type_id: string; status: string; present: number } | undefined
    if (!row) return
    const before = op === 'update' ? { ...row, ...previous } : null
    if (before && live(before.status)) add.run(before.ticket_type_id, -1, -row.present)
    if (live(row.status)) add.run(row.ticket_type_id, 1, row.present)
  }
}

export const ticketTypeCountsTable: DerivedTableSpec = {
  name: 'ticket_type_counts',
  rebuild(sql) {
    sql.run('DELETE FROM ticket_type_counts')
    sql.run(
      `INSERT INTO ticket_type_counts (ticket_type_id, expected, checked_in)
       SELECT a.ticket_type_id, COUNT(*), COUNT(p.attendee_id)
       FROM attendees a LEFT JOIN attendee_presence p ON p.attendee_id = a.id
       WHERE a.status IN ('registered', 'no_show') GROUP BY a.ticket_type_id`
    )
  }
}
