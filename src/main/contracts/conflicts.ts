/**
 * A milestone paid beyond its amount: two desks apart each recorded the
 * payment (both facts are kept; neither desk could know). One conflict per
 * contract, its members the payments of the milestones paid too much.
 */
import type { ConflictGroup, ConflictRule } from '../core/conflicts'
import type { GuardedSql } from '../core/sql'
import { milestoneAmount } from './queries'

const OVERPAID = `SELECT m.id AS milestone_id, m.event_id, m.amount_minor, m.percent, c.amount_minor AS contract_amount,
    SUM(p.amount_minor) AS paid, group_concat(p.id, ' ') AS payment_ids
  FROM contract_milestones m JOIN contracts c ON c.id = m.contract_id
  JOIN contract_payments p ON p.milestone_id = m.id AND p.kind = 'payment'
    AND NOT EXISTS (SELECT 1 FROM contract_payments v WHERE v.kind = 'void' AND v.ref_id = p.id)`

type Row = { milestone_id: string; event_id: string; amount_minor: number | null; percent: number | null; contract_amount: number; paid: number; payment_ids: string }

function group(rows: Row[]): ConflictGroup | null {
  const over = rows.filter((r) => r.paid > milestoneAmount(r.amount_minor, r.percent, r.contract_amount))
  if (over.length === 0) return null
  return {
    eventId: over[0]!.event_id,
    members: over.flatMap((r) => r.payment_ids.split(' ')).sort(),
    detail: { milestones: over.map((r) => r.milestone_id).sort().join(' ') }
  }
}

export const milestoneOverpaid: ConflictRule = {
  kind: 'milestone_overpaid',
  follows: ['contract_payments', 'contract_milestones', 'contracts'],
  keys: (table, row, before) => {
    const r = row ?? before
    if (!r) return []
    return [(table === 'contracts' ? r.id : r.contract_id) as string | null]
  },
  find(read: GuardedSql, contractId: string) {
    return group(read.all<Row>(`${OVERPAID} WHERE m.contract_id = ? GROUP BY m.id ORDER BY m.id`, contractId))
  },
  *all(read) {
    const rows = read.all<Row & { contract_id: string }>(`${OVERPAID.replace('SELECT m.id', 'SELECT m.contract_id, m.id')} GROUP BY m.id ORDER BY m.contract_id, m.id`)
    const byContract = new Map<string, Row[]>()
    for (const r of rows) byContract.set(r.contract_id, [...(byContract.get(r.contract_id) ?? []), r])
    for (const [contractId, list] of byContract) {
      const g = group(list)
      if (g) yield [contractId, g]
    }
  }
}
