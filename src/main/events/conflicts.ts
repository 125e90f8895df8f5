/** Two ticket types of one event created with the same code on desks apart. */
import type { ConflictRule } from '../core/conflicts'
import type { SqlValue } from '../core/db'

const SEP = '\u0000'
const keyOf = (r: Record<string, SqlValue> | null) => (r && typeof r.code === 'string' ? `${r.event_id}${SEP}${r.code.toLowerCase()}` : null)

export const sameTicketCode: ConflictRule = {
  kind: 'same_ticket_code',
  follows: ['ticket_types'],
  keys: (_table, row, before) => [keyOf(row), keyOf(before)],
  find(read, key) {
    const [eventId, code] = key.split(SEP) as [string, string]
    const ids = read.all<{ id: string }>('SELECT id FROM ticket_types WHERE event_id = ? AND lower(code) = ? ORDER BY id', eventId, code)
    return ids.length > 1 ? { eventId, members: ids.map((r) => r.id), detail: { code } } : null
  },
  *all(read) {
    const groups = read.all<{ event_id: string; code: string; ids: string }>(
      `SELECT event_id, lower(code) AS code, group_concat(id, ' ') AS ids FROM ticket_types
       GROUP BY event_id, lower(code) HAVING COUNT(*) > 1`
    )
    for (const g of groups) yield [`${g.event_id}${SEP}${g.code}`, { eventId: g.event_id, members: g.ids.split(' ').sort(), detail: { code: g.code } }]
  }
}
