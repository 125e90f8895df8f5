/**
 * booth_leads: one lead per exhibitor and attendee, folded from the booth
 * facts — it exists once a scan does; first and last scan time and the number
 * of scans; per field (rating, tags, notes) the latest fact by (time, id) that
 * said something. A deterministic answer from the facts alone, so the same
 * badge scanned on two devices apart is one lead on every desk.
 */
import type { Projection } from '../core/changelog'
import type { DerivedTableSpec } from '../core/module'
import type { GuardedSql } from '../core/sql'

const LATEST = (column: string) =>
  `(SELECT f.${column} FROM booth_scans f WHERE f.exhibitor_id = s.exhibitor_id AND f.attendee_id = s.attendee_id
    AND f.${column} IS NOT NULL ORDER BY f.at DESC, f.id DESC LIMIT 1)`

const FOLD = `SELECT s.exhibitor_id, s.attendee_id, MIN(s.event_id), MIN(s.at), MAX(s.at), COUNT(*), ${LATEST('rating')}, ${LATEST('tags')}, ${LATEST('notes')}
  FROM booth_scans s WHERE s.kind = 'scan'`

const INSERT = 'INSERT INTO booth_leads (exhibitor_id, attendee_id, event_id, first_scan_at, last_scan_at, scans, rating, tags, notes)'

/** Folds the facts of one lead again (its row goes while no scan exists). */
export function boothLeads(sql: GuardedSql): Projection {
  const remove = sql.prepare('DELETE FROM booth_leads WHERE exhibitor_id = ? AND attendee_id = ?')
  const fold = sql.prepare(`${INSERT} ${FOLD} AND s.exhibitor_id = ? AND s.attendee_id = ? GROUP BY s.exhibitor_id, s.attendee_id`)
  return ({ inserted }) => {
    if (!inserted) return
    const { exhibitor_id: exhibitorId, attendee_id: attendeeId } = inserted.values
    remove.run(exhibitorId, attendeeId)
    fold.run(exhibitorId, attendeeId)
  }
}

export const boothLeadsTable: DerivedTableSpec = {
  name: 'booth_leads',
  rebuild(sql) {
    sql.run('DELETE FROM booth_leads')
    sql.run(`${INSERT} ${FOLD} GROUP BY s.exhibitor_id, s.attendee_id`)
  }
}
