/**
 * Check-in rules. A check-in is an append-only fact; undo is another fact.
 * Who is "in" is derived (attendee_presence, kept by triggers), so a check-in
 * made on another desk while apart is never overwritten.
 */
import type { AttendeeRow, CheckinInfo, CheckinMethod, CheckinResult, Counters } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import type { Core } from '../core/core'
import { newId } from '../core/ids'
import type { Writer } from '../core/mutator'
import { attendees, checkins } from '../db/schema'
import { getAttendee } from '../attendees/queries'

interface InfoRow {
  checkin_id: string
  at: string
  desk_id: string
  desk_name: string | null
  staff_id: string
  staff_name: string | null
}

const INFO_COLUMNS = `d.name AS desk_name, s.name AS staff_name`
const INFO_JOINS = (alias: string) =>
  `LEFT JOIN desks d ON d.id = ${alias}.desk_id LEFT JOIN staff s ON s.id = ${alias}.staff_id`

function toInfo(r: InfoRow): CheckinInfo {
  return {
    checkinId: r.checkin_id,
    at: r.at,
    deskId: r.desk_id,
    deskName: r.desk_name,
    staffId: r.staff_id,
    staffName: r.staff_name
  }
}

export function currentPresence(core: Core, attendeeId: string): CheckinInfo | null {
  const row = core.statement(
      `SELECT p.checkin_id, p.at, p.desk_id, p.staff_id, ${INFO_COLUMNS}
       FROM attendee_presence p ${INFO_JOINS('p')} WHERE p.attendee_id = ?`
    )
    .get(attendeeId) as InfoRow | undefined
  return row ? toInfo(row) : null
}

export function checkInAttendee(
  core: Core,
  write: Writer,
  attendee: AttendeeRow,
  method: CheckinMethod,
  staffId: string
): CheckinResult {
  if (attendee.status === 'cancelled') return { outcome: 'cancelled', attendee }
  const previous = currentPresence(core, attendee.id)
  if (previous) return { outcome: 'already_checked_in', attendee, previous }
  // A "no-show" who turns up late is simply here.
  if (attendee.status === 'no_show') write.update(attendees, attendee.id, { status: 'registered' })
  const checkinId = newId()
  write.insert(checkins, {
    id: checkinId,
    eventId: attendee.eventId,
    attendeeId: attendee.id,
    kind: 'in',
    refId: null,
    at: new Date().toISOString(),
    deskId: core.deskId,
    staffId,
    method
  })
  const updated = getAttendee(core, attendee.id)
  return { outcome: 'admitted', attendee: updated, checkin: currentPresence(core, attendee.id)! }
}

export function undoCheckin(core: Core, write: Writer, checkinId: string, staffId: string): AttendeeRow {
  const target = core.statement(
      `SELECT c.id, c.attendee_id, c.event_id, c.kind,
              EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo' AND u.ref_id = c.id) AS undone
       FROM checkins c WHERE c.id = ?`
    )
    .get(checkinId) as { id: string; attendee_id: string; event_id: string; kind: string; undone: number } | undefined
  if (!target || target.kind !== 'in') throw new ApiError('not_found', 'No such check-in', { key: 'notFound' })
  if (target.undone) throw new ApiError('conflict', 'This check-in was already undone', { key: 'alreadyUndone' })
  write.insert(checkins, {
    id: newId(),
    eventId: target.event_id,
    attendeeId: target.attendee_id,
    kind: 'undo',
    refId: target.id,
    at: new Date().toISOString(),
    deskId: core.deskId,
    staffId,
    method: 'undo'
  })
  return getAttendee(core, target.attendee_id)
}

export function checkinHistory(core: Core, attendeeId: string): (CheckinInfo & { kind: 'in' | 'undo'; method: string })[] {
  const rows = core.statement(
      `SELECT c.id AS checkin_id, c.at, c.desk_id, c.staff_id, c.kind, c.method, ${INFO_COLUMNS}
       FROM checkins c ${INFO_JOINS('c')} WHERE c.attendee_id = ? ORDER BY c.at DESC`
    )
    .all(attendeeId) as (InfoRow & { kind: 'in' | 'undo'; method: string })[]
  return rows.map((r) => ({ ...toInfo(r), kind: r.kind, method: r.method }))
}

export function counters(core: Core, eventId: string): Counters {
  const byTicketType = core.statement(
      `SELECT t.id AS ticketTypeId, t.name, t.color,
              COALESCE(c.expected, 0) AS expected, COALESCE(c.checked_in, 0) AS checkedIn
       FROM ticket_types t LEFT JOIN ticket_type_counts c ON c.ticket_type_id = t.id
       WHERE t.event_id = ? ORDER BY t.created_at, t.rowid`
    )
    .all(eventId) as Counters['byTicketType']
  return {
    eventId,
    expected: byTicketType.reduce((n, t) => n + t.expected, 0),
    checkedIn: byTicketType.reduce((n, t) => n + t.checkedIn, 0),
    byTicketType
  }
}
