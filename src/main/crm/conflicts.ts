/**
 * Duplicate leads: the same e-mail, or the same company and name, made by one
 * desk or by two apart. Kept in the kernel's conflicts table (kind
 * duplicate_lead); merged leads are out of them.
 */
import type { ConflictGroup, ConflictRule } from '../core/conflicts'
import type { SqlValue } from '../core/db'
import type { GuardedSql } from '../core/sql'

type Row = Record<string, SqlValue>
const live = (r: Row | null) => r !== null && r.status !== 'merged'

function group(read: GuardedSql, key: string): ConflictGroup | null {
  const [by, value] = [key.slice(0, 1), key.slice(2)]
  const column = by === 'e' ? 'email_key' : 'name_key'
  const ids = read.all<{ id: string }>(`SELECT id FROM leads WHERE ${column} = ? AND status != 'merged' ORDER BY id`, value)
  return ids.length > 1 ? { eventId: null, members: ids.map((r) => r.id), detail: { reason: by === 'e' ? 'email' : 'name', value } } : null
}

export const duplicateLeads: ConflictRule = {
  kind: 'duplicate_lead',
  follows: ['leads'],
  keys: (_table, row, before) =>
    [row, before].flatMap((r) =>
      r && live(r) ? [typeof r.email_key === 'string' ? `e:${r.email_key}` : null, typeof r.name_key === 'string' ? `n:${r.name_key}` : null] : []
    ),
  find: group,
  *all(read: GuardedSql) {
    for (const [by, column] of [['e', 'email_key'], ['n', 'name_key']] as const) {
      const keys = read.all<{ value: string }>(
        `SELECT ${column} AS value FROM leads WHERE ${column} IS NOT NULL AND status != 'merged' GROUP BY ${column} HAVING COUNT(*) > 1`
      )
      for (const { value } of keys) {
        const found = group(read, `${by}:${value}`)
        if (found) yield [`${by}:${value}`, found] as [string, ConflictGroup]
      }
    }
  }
}
