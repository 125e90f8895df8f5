/**
 * Check-in conflicts: one person let in at two desks that could not see each
 * other (both facts are kept; presence shows the earliest), and a ticket type
 * holding more live registrations than its capacity, or a check-in list more
 * people inside than its capacity (two desks apart each let in the last place).
 */
import type { ConflictGroup, ConflictRule } from '../core/conflicts'
import type { GuardedSql } from '../core/sql'

const ACTIVE_CHECKINS = `SELECT c.id, c.event_id FROM checkins c
  WHERE c.kind = 'in' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = c.id)`

export const doubleCheckin: ConflictRule = {
  kind: 'double_checkin',
  follows: ['checkins'],
  keys: (_table, row) => [typeof row?.attendee_id === 'string' ? row.attendee_id : null],
  find(read, attendeeId) {
    const rows = read.all<{ id: string; event_id: string }>(`${ACTIVE_CHECKINS} AND c.attendee_id = ? ORDER BY c.id`, attendeeId)
    return rows.length > 1 ? { eventId: rows[0]!.event_id, members: rows.map((r) => r.id), detail: { attendeeId } } : null
  },
  *all(read) {
    const groups = read.all<{ attendee_id: string; event_id: string; ids: string }>(
      `SELECT c.attendee_id, c.event_id, group_concat(c.id, ' ') AS ids FROM checkins c
       WHERE c.kind = 'in' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = c.id)
       GROUP BY c.attendee_id HAVING COUNT(*) > 1`
    )
    for (const g of groups) yield [g.attendee_id, { eventId: g.event_id, members: g.ids.split(' ').sort(), detail: { attendeeId: g.attendee_id } }]
  }
}

const OVER_CAPACITY = `SELECT t.id, t.event_id, t.capacity, COALESCE(c.expected, 0) AS expected
  FROM ticket_types t LEFT JOIN ticket_type_counts c ON c.ticket_type_id = t.id
  WHERE t.capacity IS NOT NULL AND COALESCE(c.expected, 0) > t.capacity`

type Over = { id: string; event_id: string; capacity: number; expected: number }
const overGroup = (r: Over): ConflictGroup => ({ eventId: r.event_id, members: [r.id], detail: { count: r.expected, capacity: r.capacity } })

/** Inside counts per period of a list (entries ended by the same automatic check-out) above its capacity: the fullest period. */
const LIST_OVER = `SELECT l.id, l.event_id, l.capacity, MAX(n.inside) AS expected
  FROM checkin_lists l JOIN list_inside_counts n ON n.list_id = l.id
  WHERE l.capacity IS NOT NULL AND n.inside > l.capacity`
const LIST = 'list:'

/**
 * Counts come from ticket_type_counts and list_inside_counts, which the kernel
 * has updated before judging conflicts. A ticket type is keyed by its id, a list by `list:` and its id.
 */
export const overCapacity: ConflictRule = {
  kind: 'over_capacity',
  follows: ['attendees', 'ticket_types', 'checkin_lists', 'list_scans'],
  keys(table, row, before) {
    if (table === 'ticket_types') return [(row?.id ?? before?.id) as string | null]
    if (table === 'checkin_lists') return [`${LIST}${(row?.id ?? before?.id) as string}`]
    // Only a scan that let someone in or out moves a count.
    if (table === 'list_scans') return row && (row.outcome === 'admitted' || row.outcome === 'exited') ? [`${LIST}${row.list_id as string}`] : []
    return [(row?.ticket_type_id ?? null) as string | null, (before?.ticket_type_id ?? null) as string | null]
  },
  find(read: GuardedSql, key: string) {
    const row = key.startsWith(LIST)
      ? read.get<Over | { id: null }>(`${LIST_OVER} AND l.id = ?`, key.slice(LIST.length))
      : read.get<Over>(`${OVER_CAPACITY} AND t.id = ?`, key)
    return row && row.id !== null ? overGroup(row) : null
  },
  *all(read) {
    for (const row of read.all<Over>(OVER_CAPACITY)) yield [row.id, overGroup(row)]
    for (const row of read.all<Over>(`${LIST_OVER} GROUP BY l.id`)) yield [`${LIST}${row.id}`, overGroup(row)]
  }
}

export const checkinConflicts = [doubleCheckin, overCapacity]
