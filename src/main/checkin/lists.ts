/**
 * Check-in lists: their rows, the scan decided on one (rules in
 * list-rules.ts, facts in list_scans, who is inside in list_inside) and a
 * supervisor's override of a refusal.
 */
import type { AttendeeRow } from '../../shared/contract/attendees'
import type { CheckinListFields, CheckinListRow, ScanDirection, ScanInfo, ScanOutcome, ScanResult } from '../../shared/contract/checkin-lists'
import { ApiError } from '../../shared/errors'
import { eventHoldingCode, findByCode, findByExternalRef, getAttendee } from '../attendees/queries'
import { normaliseCode } from '../core/ids'
import type { Desk, WriteCtx } from '../core/module'
import type { GuardedSql } from '../core/sql'
import { checkoutBefore, decideScan, type Decision } from './list-rules'
import { checkinLists, listScans } from './schema'
import { scannedCandidates } from './scanned'
import { checkInAttendee } from './service'

type ListRecord = typeof checkinLists.$inferSelect & { timeZone: string }
type ScanCtx = Pick<WriteCtx, 'read' | 'write'> & { desk: Desk; staffId: string }

const LIST_ROW = `SELECT l.*, COALESCE(e.timezone, 'UTC') AS timeZone FROM checkin_lists l LEFT JOIN events e ON e.id = l.event_id`

function listRecord(read: GuardedSql, listId: string): ListRecord {
  const r = read.get<Record<string, unknown>>(`${LIST_ROW} WHERE l.id = ?`, listId)
  if (!r) throw new ApiError('not_found', 'No such check-in list', { key: 'notFound' })
  return {
    id: r.id as string,
    eventId: r.event_id as string,
    name: r.name as string,
    ticketTypeIds: r.ticket_type_ids as string,
    days: r.days as string,
    opensAt: r.opens_at as string | null,
    closesAt: r.closes_at as string | null,
    toleranceMinutes: r.tolerance_minutes as number,
    mode: r.mode as ListRecord['mode'],
    reentry: r.reentry === 1,
    capacity: r.capacity as number | null,
    autoCheckoutAt: r.auto_checkout_at as string | null,
    createdAt: r.created_at as string,
    timeZone: r.timeZone as string
  }
}

const fieldsOf = (l: ListRecord): CheckinListFields => ({
  name: l.name,
  ticketTypeIds: JSON.parse(l.ticketTypeIds) as string[],
  days: JSON.parse(l.days) as string[],
  opensAt: l.opensAt,
  closesAt: l.closesAt,
  toleranceMinutes: l.toleranceMinutes,
  mode: l.mode,
  reentry: l.reentry,
  capacity: l.capacity,
  autoCheckoutAt: l.autoCheckoutAt
})

/** People inside on a list at `now`: entries whose automatic check-out has not come. */
export function insideCount(read: GuardedSql, listId: string, now: Date): number {
  return read.get<{ n: number }>('SELECT COALESCE(SUM(inside), 0) AS n FROM list_inside_counts WHERE list_id = ? AND until > ?', listId, now.toISOString())!.n
}

export function getCheckinList(read: GuardedSql, listId: string, now = new Date()): CheckinListRow {
  const l = listRecord(read, listId)
  const admitted = read.get<{ n: number }>(
    `SELECT COUNT(DISTINCT attendee_id) AS n FROM list_scans WHERE list_id = ? AND direction = 'in' AND outcome = 'admitted'`,
    listId
  )!.n
  return { id: l.id, eventId: l.eventId, ...fieldsOf(l), inside: insideCount(read, listId, now), admitted }
}

export function listCheckinLists(read: GuardedSql, eventId: string): CheckinListRow[] {
  const now = new Date()
  return read
    .all<{ id: string }>('SELECT id FROM checkin_lists WHERE event_id = ? ORDER BY created_at, id', eventId)
    .map((r) => getCheckinList(read, r.id, now))
}

export const listColumns = (f: CheckinListFields) => ({
  ...f,
  ticketTypeIds: JSON.stringify([...new Set(f.ticketTypeIds)].sort()),
  days: JSON.stringify([...new Set(f.days)].sort())
})

/**
 * The people a scan stands for: the scan as it is, then what a URL or JSON in it
 * carries; for each, our own code first, then the barcode or secret of the
 * system the attendee was imported from. The one lookup of every door path.
 */
export function findScanned(read: GuardedSql, eventId: string, scanned: string): AttendeeRow[] {
  for (const candidate of scannedCandidates(scanned)) {
    const code = normaliseCode(candidate)
    const found = code ? findByCode(read, eventId, code) : []
    if (found.length > 0) return found
    const external = candidate.trim() ? findByExternalRef(read, eventId, candidate.trim()) : null
    if (external) return [external]
  }
  return []
}

/** Another event of this desk that holds a scan nobody of this event holds ("this ticket is for …"). */
export function eventHoldingScan(read: GuardedSql, eventId: string, scanned: string): string | null {
  for (const candidate of scannedCandidates(scanned)) {
    const elsewhere = eventHoldingCode(read, eventId, normaliseCode(candidate), candidate)
    if (elsewhere) return elsewhere
  }
  return null
}

const SCAN_INFO = `SELECT s.id AS scanId, s.at, s.desk_id AS deskId, s.staff_id AS staffId, d.name AS deskName, st.name AS staffName
  FROM list_scans s LEFT JOIN desks d ON d.id = s.desk_id LEFT JOIN staff st ON st.id = s.staff_id WHERE s.id = ?`

function insideEntry(read: GuardedSql, listId: string, attendeeId: string, now: Date): ScanInfo | null {
  const row = read.get<{ scan_id: string }>('SELECT scan_id FROM list_inside WHERE list_id = ? AND attendee_id = ? AND until > ?', listId, attendeeId, now.toISOString())
  return row ? (read.get<ScanInfo>(SCAN_INFO, row.scan_id) ?? null) : null
}

type StoredScan = typeof listScans.$inferSelect

function storedScan(read: GuardedSql, id: string): StoredScan | null {
  const r = read.get<Record<string, unknown>>('SELECT * FROM list_scans WHERE id = ?', id)
  if (!r) return null
  return {
    id: r.id as string,
    listId: r.list_id as string,
    eventId: r.event_id as string,
    attendeeId: r.attendee_id as string | null,
    code: r.code as string,
    direction: r.direction as ScanDirection,
    outcome: r.outcome as ScanOutcome,
    detail: r.detail as string,
    at: r.at as string,
    deskId: r.desk_id as string,
    staffId: r.staff_id as string,
    overrideOf: r.override_of as string | null,
    supervisorId: r.supervisor_id as string | null,
    reason: r.reason as string | null
  }
}

/** The answer a stored scan gave (a retry gets it again; the attendee and the count as they are now). */
function answerOf(read: GuardedSql, scan: StoredScan, now: Date): ScanResult {
  const detail = JSON.parse(scan.detail) as Partial<ScanResult> & { matchIds?: string[] }
  const { matchIds, ...given } = detail
  const result: ScanResult = {
    ...given,
    scanId: scan.id,
    listId: scan.listId,
    direction: scan.direction,
    outcome: scan.outcome,
    attendee: scan.attendeeId ? getAttendee(read, scan.attendeeId) : null,
    inside: insideCount(read, scan.listId, now)
  }
  if (matchIds) result.matches = matchIds.map((id) => getAttendee(read, id))
  if (scan.overrideOf) {
    const supervisor = read.get<{ name: string }>('SELECT name FROM staff WHERE id = ?', scan.supervisorId)
    result.override = { of: scan.overrideOf, supervisorName: supervisor?.name ?? null, reason: scan.reason ?? '' }
  }
  return result
}

/** Decides a scan on a list and records it, admitted or refused. A retry of a recorded scan answers as it did. */
export function scanOnList(ctx: ScanCtx, input: { id: string; listId: string; code: string; direction: ScanDirection }, now = new Date()): ScanResult {
  const { read, write } = ctx
  const earlier = storedScan(read, input.id)
  if (earlier) return answerOf(read, earlier, now)
  const list = listRecord(read, input.listId)
  if (input.direction === 'out' && list.mode !== 'entry_exit') {
    throw new ApiError('invalid_input', 'This list counts entries only', { key: 'listEntryOnly' })
  }
  const rules = fieldsOf(list)
  const matches = findScanned(read, list.eventId, input.code)
  const person = matches.length === 1 ? matches[0]! : null
  const previous = person ? insideEntry(read, list.id, person.id, now) : null
  const periodStart = checkoutBefore(list.autoCheckoutAt, now, list.timeZone)
  const exitedThisPeriod =
    person !== null &&
    list.mode === 'entry_exit' &&
    !list.reentry &&
    read.get(
      `SELECT 1 FROM list_scans WHERE list_id = ? AND attendee_id = ? AND at > ? AND direction = 'out' AND outcome = 'exited' LIMIT 1`,
      list.id,
      person.id,
      periodStart
    ) !== undefined
  const decision: Decision = decideScan(rules, {
    direction: input.direction,
    matches,
    inside: previous !== null,
    exitedThisPeriod,
    insideCount: list.capacity === null ? 0 : insideCount(read, list.id, now),
    now,
    timeZone: list.timeZone
  })
  const { outcome, ...given } = decision
  const detail: Record<string, unknown> = { ...given }
  if (outcome === 'already_checked_in') detail.previous = previous
  if (outcome === 'ambiguous_code') detail.matchIds = matches.map((m) => m.id)
  if (outcome === 'list_full') detail.capacity = list.capacity
  write.insert(listScans, {
    id: input.id,
    listId: list.id,
    eventId: list.eventId,
    attendeeId: person?.id ?? null,
    code: input.code.slice(0, 64),
    direction: input.direction,
    outcome,
    detail: JSON.stringify(detail),
    at: now.toISOString(),
    deskId: ctx.desk.id,
    staffId: ctx.staffId,
    overrideOf: null,
    supervisorId: null,
    reason: null
  })
  // Let in on a list is let in to the event: the event's own check-in (and its counters) follow.
  if (outcome === 'admitted' && person) checkInAttendee(ctx, person, 'scan', input.id)
  return answerOf(read, storedScan(read, input.id)!, now)
}

/** The refused scan a supervisor may override, or why not. */
export function overridable(read: GuardedSql, scanId: string): StoredScan {
  const scan = storedScan(read, scanId)
  if (!scan) throw new ApiError('not_found', 'No such scan', { key: 'notFound' })
  if (scan.outcome === 'admitted' || scan.outcome === 'exited' || scan.outcome === 'cancelled' || !scan.attendeeId || scan.direction !== 'in') {
    throw new ApiError('invalid_input', 'Only a refused entry of a known, not cancelled person can be overridden', { key: 'notOverridable' })
  }
  return scan
}

/** Lets in the person of a refused scan on a supervisor's word (already checked: their PIN). A retried id answers as the first attempt. */
export function overrideScan(ctx: ScanCtx, input: { id: string; scanId: string; supervisorId: string; reason: string }, now = new Date()): ScanResult {
  const { read, write } = ctx
  const earlier = storedScan(read, input.id)
  if (earlier) return answerOf(read, earlier, now)
  const refused = overridable(read, input.scanId)
  const already = read.get<{ id: string }>('SELECT id FROM list_scans WHERE override_of = ? ORDER BY id LIMIT 1', refused.id)
  if (already) return answerOf(read, storedScan(read, already.id)!, now)
  const person = getAttendee(read, refused.attendeeId!)
  write.insert(listScans, {
    id: input.id,
    listId: refused.listId,
    eventId: refused.eventId,
    attendeeId: person.id,
    code: refused.code,
    direction: 'in',
    outcome: 'admitted',
    detail: '{}',
    at: now.toISOString(),
    deskId: ctx.desk.id,
    staffId: ctx.staffId,
    overrideOf: refused.id,
    supervisorId: input.supervisorId,
    reason: input.reason
  })
  checkInAttendee(ctx, person, 'scan', input.id)
  return answerOf(read, storedScan(read, input.id)!, now)
}
