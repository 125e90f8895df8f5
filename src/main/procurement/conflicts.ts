/**
 * An RFQ awarded on two desks that could not see each other (two award
 * rounds), or awarded on one while cancelled on another. Both are kept; the
 * earliest round is the award everywhere, and organizers settle the rest
 * (cancel the other round's contracts, then acknowledge).
 */
import type { ConflictGroup, ConflictRule } from '../core/conflicts'
import type { GuardedSql } from '../core/sql'

type Row = { rfq_id: string; event_id: string; status: string; rounds: number; ids: string }

const CONTENDED = `SELECT a.rfq_id, a.event_id, r.status, COUNT(DISTINCT a.round_id) AS rounds, group_concat(a.id, ' ') AS ids
  FROM rfq_awards a JOIN rfqs r ON r.id = a.rfq_id`

const group = (r: Row): ConflictGroup => ({
  eventId: r.event_id,
  members: r.ids.split(' ').sort(),
  detail: { rfqId: r.rfq_id, rounds: r.rounds, cancelled: r.status === 'cancelled' ? 1 : 0 }
})

const contended = (r: Row | undefined): r is Row => r !== undefined && r.ids !== null && (r.rounds > 1 || r.status === 'cancelled')

export const contendedAward: ConflictRule = {
  kind: 'contended_award',
  follows: ['rfq_awards', 'rfqs'],
  keys: (table, row, before) => {
    const r = row ?? before
    return r ? [(table === 'rfqs' ? r.id : r.rfq_id) as string | null] : []
  },
  find(read: GuardedSql, rfqId: string) {
    const row = read.get<Row>(`${CONTENDED} WHERE a.rfq_id = ? GROUP BY a.rfq_id`, rfqId)
    return contended(row) ? group(row) : null
  },
  *all(read) {
    for (const row of read.all<Row>(`${CONTENDED} GROUP BY a.rfq_id ORDER BY a.rfq_id`)) if (contended(row)) yield [row.rfq_id, group(row)]
  }
}
