/** Read side of check-in: who is in (presence), an attendee's check-in history, and the live counters. */
import type { CheckinHistoryEntry, CheckinInfo, Counters } from '../../shared/contract/checkin'
import type { GuardedSql } from '../core/sql'

const NAMES = `d.name AS deskName, s.name AS staffName`
const NAME_JOINS = (alias: string) => `LEFT JOIN desks d ON d.id = ${alias}.desk_id LEFT JOIN staff s ON s.id = ${alias}.staff_id`

/** The check-in that counts for this attendee right now, or null while they are not in. */
export function currentPresence(read: GuardedSql, attendeeId: string): CheckinInfo | null {
  return (
    read.get<CheckinInfo>(
      `SELECT p.checkin_id AS checkinId, p.at, p.desk_id AS deskId, p.staff_id AS staffId, ${NAMES}
       FROM attendee_presence p ${NAME_JOINS('p')} WHERE p.attendee_id = ?`,
      attendeeId
    ) ?? null
  )
}

export function checkinHistory(read: GuardedSql, attendeeId: string): CheckinHistoryEntry[] {
  return read.all<CheckinHistoryEntry>(
    `SELECT c.id AS checkinId, c.at, c.desk_id AS deskId, c.staff_id AS staffId, c.kind, c.method, ${NAMES}
     FROM checkins c ${NAME_JOINS('c')} WHERE c.attendee_id = ? ORDER BY c.at DESC, c.id DESC`,
    attendeeId
  )
}

export function counters(read: GuardedSql, eventId: string): Counters {
  const byTicketType = read.all<Counters['byTicketType'][number]>(
    `SELECT t.id AS ticketTypeId, t.name, t.color,
            COALESCE(c.expected, 0) AS expected, COALESCE(c.checked_in, 0) AS checkedIn
     FROM ticket_types t LEFT JOIN ticket_type_counts c ON c.ticket_type_id = t.id
     WHERE t.event_id = ? ORDER BY t.created_at, t.id`,
    eventId
  )
  return {
    eventId,
    expected: byTicketType.reduce((n, t) => n + t.expected, 0),
    checkedIn: byTicketType.reduce((n, t) => n + t.checkedIn, 0),
    byTicketType
  }
}
