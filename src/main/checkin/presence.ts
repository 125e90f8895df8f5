/**
 * Who is in: for each attendee, the earliest check-in (by its time, then its
 * id) that has not been undone. Kept by SQL triggers on `checkins`
 * (drizzle/0001 and 0004), so local and merged check-ins update it alike.
 * "Earliest" is the check-in's own wall-clock time, the moment the person was
 * let in as the door saw it; equal times fall to the smaller id, so every desk
 * picks the same fact.
 */
import type { DerivedTableSpec } from '../core/module'

export const presenceTable: DerivedTableSpec = {
  name: 'attendee_presence',
  rebuild(sql) {
    sql.run('DELETE FROM attendee_presence')
    sql.run(
      `INSERT INTO attendee_presence (attendee_id, event_id, checkin_id, at, desk_id, staff_id)
       SELECT attendee_id, event_id, id, at, desk_id, staff_id FROM (
         SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.attendee_id ORDER BY c.at, c.id) AS n FROM checkins c
         WHERE c.kind = 'in' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = c.id)
       ) WHERE n = 1`
    )
  }
}
