/** Conflicts as screens list them: the derived table, named members, acknowledged or open. */
import type { Conflict, ConflictKind, ConflictMember } from '../../shared/contract/conflicts'
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'
import { paymentMember } from '../contracts/queries'
import { awardMember } from '../procurement/queries'

interface Stored {
  id: string
  kind: ConflictKind
  event_id: string | null
  members: string
  detail: string
  acked: string | null
}

const SELECT = `SELECT c.id, c.kind, c.event_id, c.members, c.detail, a.members AS acked
  FROM conflicts c LEFT JOIN conflict_acks a ON a.id = c.id`

function attendeeMember(read: GuardedSql, id: string): ConflictMember {
  const a = read.get<{ first_name: string; last_name: string; code: string; created_at: string }>(
    'SELECT first_name, last_name, code, created_at FROM attendees WHERE id = ?',
    id
  )
  return { id, label: a ? `${`${a.first_name} ${a.last_name}`.trim()} (${a.code})` : id, attendeeId: id, at: a?.created_at ?? null, deskName: null }
}

function checkinMember(read: GuardedSql, id: string): ConflictMember {
  const c = read.get<{ attendee_id: string; at: string; desk: string | null; staff: string | null }>(
    `SELECT c.attendee_id, c.at, d.name AS desk, s.name AS staff FROM checkins c
     LEFT JOIN desks d ON d.id = c.desk_id LEFT JOIN staff s ON s.id = c.staff_id WHERE c.id = ?`,
    id
  )
  return { id, label: c?.staff ?? '', attendeeId: c?.attendee_id ?? null, at: c?.at ?? null, deskName: c?.desk ?? null }
}

function ticketTypeMember(read: GuardedSql, id: string): ConflictMember {
  const t = read.get<{ name: string; code: string }>('SELECT name, code FROM ticket_types WHERE id = ?', id)
  return { id, label: t ? `${t.name} (${t.code})` : id, attendeeId: null, at: null, deskName: null }
}

/** What is over its capacity: a ticket type or a check-in list. */
function capacityMember(read: GuardedSql, id: string): ConflictMember {
  const list = read.get<{ name: string }>('SELECT name FROM checkin_lists WHERE id = ?', id)
  return list ? { id, label: list.name, attendeeId: null, at: null, deskName: null } : ticketTypeMember(read, id)
}

const MEMBER: Record<ConflictKind, (read: GuardedSql, id: string) => ConflictMember> = {
  same_code: attendeeMember,
  same_email: attendeeMember,
  double_checkin: checkinMember,
  over_capacity: capacityMember,
  same_ticket_code: ticketTypeMember,
  contended_award: awardMember,
  milestone_overpaid: paymentMember
}

function toConflict(read: GuardedSql, row: Stored): Conflict {
  return {
    id: row.id,
    kind: row.kind,
    eventId: row.event_id,
    members: (JSON.parse(row.members) as string[]).map((id) => MEMBER[row.kind](read, id)),
    detail: JSON.parse(row.detail) as Conflict['detail'],
    acknowledged: row.acked === row.members
  }
}

export function listConflicts(read: GuardedSql, eventId: string | undefined, includeAcknowledged: boolean): Conflict[] {
  const rows = eventId
    ? read.all<Stored>(`${SELECT} WHERE c.event_id = ? ORDER BY c.kind, c.id`, eventId)
    : read.all<Stored>(`${SELECT} ORDER BY c.kind, c.id`)
  // Other domains keep conflicts of their own kinds in the same table (duplicate leads): they list those themselves.
  return rows.filter((r) => r.kind in MEMBER && (includeAcknowledged || r.acked !== r.members)).map((r) => toConflict(read, r))
}

export function countOpen(read: GuardedSql, eventId: string): number {
  return read.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM conflicts c LEFT JOIN conflict_acks a ON a.id = c.id
     WHERE c.event_id = ? AND (a.members IS NULL OR a.members != c.members)`,
    eventId
  )!.n
}

/** The stored conflict (ids only), or a 404 when it has been resolved meanwhile. */
export function getConflict(read: GuardedSql, id: string): { kind: ConflictKind; members: string[]; membersJson: string } {
  const row = read.get<{ kind: ConflictKind; members: string }>('SELECT kind, members FROM conflicts WHERE id = ?', id)
  if (!row) throw new ApiError('not_found', 'This conflict is no longer there', { key: 'conflictGone' })
  return { kind: row.kind, members: JSON.parse(row.members) as string[], membersJson: row.members }
}
