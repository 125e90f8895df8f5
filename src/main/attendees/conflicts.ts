/**
 * What desks apart can do to attendees that no desk could prevent: mint one
 * code for two people, or register one e-mail twice in an event. Registrations
 * merged into another are out of both.
 */
import type { ConflictGroup, ConflictRule } from '../core/conflicts'
import type { SqlValue } from '../core/db'
import type { GuardedSql } from '../core/sql'

const SEP = '\u0000'

function sameValueRule(kind: string, column: 'code' | 'email'): ConflictRule {
  const keyOf = (r: Record<string, SqlValue> | null) =>
    r && r.status !== 'merged' && typeof r[column] === 'string' ? `${r.event_id}${SEP}${r[column]}` : null
  return {
    kind,
    follows: ['attendees'],
    keys: (_table, row, before) => [keyOf(row), keyOf(before)],
    find(read: GuardedSql, key: string): ConflictGroup | null {
      const [eventId, value] = key.split(SEP) as [string, string]
      const ids = read.all<{ id: string }>(
        `SELECT id FROM attendees WHERE ${column} = ? AND event_id = ? AND status != 'merged' ORDER BY id`,
        value,
        eventId
      )
      return ids.length > 1 ? { eventId, members: ids.map((r) => r.id), detail: { [column]: value } } : null
    },
    *all(read: GuardedSql) {
      const groups = read.all<{ event_id: string; value: string; ids: string }>(
        `SELECT event_id, ${column} AS value, group_concat(id, ' ') AS ids FROM attendees
         WHERE ${column} IS NOT NULL AND status != 'merged' GROUP BY event_id, ${column} HAVING COUNT(*) > 1`
      )
      for (const g of groups) {
        yield [`${g.event_id}${SEP}${g.value}`, { eventId: g.event_id, members: g.ids.split(' ').sort(), detail: { [column]: g.value } }]
      }
    }
  }
}

export const attendeeConflicts = [sameValueRule('same_code', 'code'), sameValueRule('same_email', 'email')]
