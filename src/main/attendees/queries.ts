/** Read side of attendees: the row shape every screen gets, search and filtered lists. */
import type { AttendeeFilter, AttendeeRow } from '../../shared/contract/attendees'
import { ApiError } from '../../shared/errors'
import { searchTokens } from '../../shared/text'
import type { GuardedSql } from '../core/sql'

// checkedInAt comes from attendee_presence, the check-in domain's derived table
// of who is in: a read of it by name (check-in builds on attendees, not the reverse).
const ROW_COLUMNS = `
  a.id, a.event_id AS eventId, a.code, a.first_name AS firstName, a.last_name AS lastName, a.email, a.company,
  a.job_title AS jobTitle, a.phone, a.ticket_type_id AS ticketTypeId, a.status, a.payment_method AS paymentMethod,
  a.amount_cents AS amountCents, a.preferred_language AS preferredLanguage, a.notes, a.external_ref AS externalRef,
  a.created_at AS createdAt, a.merged_into AS mergedInto, p.at AS checkedInAt`
const SELECT_ROW = `SELECT ${ROW_COLUMNS} FROM attendees a LEFT JOIN attendee_presence p ON p.attendee_id = a.id`

/**
 * An FTS5 MATCH expression from free text: only letter/number runs survive,
 * each quoted as a prefix term, so quotes, `*`, `AND`, `-`, emoji or
 * brackets in what the operator typed can never be FTS syntax.
 */
export function ftsQuery(text: string): string | null {
  const tokens = searchTokens(text)
  return tokens.length === 0 ? null : tokens.map((t) => `"${t}"*`).join(' ')
}

export function getAttendee(read: GuardedSql, id: string): AttendeeRow {
  const row = read.get<AttendeeRow>(`${SELECT_ROW} WHERE a.id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such attendee', { key: 'notFound' })
  return row
}

export function attendeeExists(read: GuardedSql, id: string): boolean {
  return read.get('SELECT 1 FROM attendees WHERE id = ?', id) !== undefined
}

/**
 * Everyone a code stands for in an event: normally one person; two when desks
 * apart minted the same code (a conflict). A registration merged into another
 * stands for the one it was merged into.
 */
export function findByCode(read: GuardedSql, eventId: string, code: string): AttendeeRow[] {
  const found = read.all<AttendeeRow>(
    `${SELECT_ROW} WHERE a.code = ? AND a.event_id = ? ORDER BY a.id`,
    code,
    eventId
  )
  const people = new Map<string, AttendeeRow>()
  for (const row of found) {
    const person = row.status === 'merged' && row.mergedInto ? getAttendee(read, row.mergedInto) : row
    people.set(person.id, person)
  }
  return [...people.values()]
}

/** The first registration (by id: the same answer on every desk) with this e-mail in the event. */
export function findByEmail(read: GuardedSql, eventId: string, email: string): AttendeeRow | null {
  return read.get<AttendeeRow>(`${SELECT_ROW} WHERE a.event_id = ? AND a.email = ? ORDER BY a.id LIMIT 1`, eventId, email) ?? null
}

/** E-mail → the first attendee id with it, for every e-mail already in the event. */
export function emailsOfEvent(read: GuardedSql, eventId: string): Map<string, string> {
  const rows = read.all<{ email: string; id: string }>(
    'SELECT email, id FROM attendees WHERE event_id = ? AND email IS NOT NULL ORDER BY id DESC',
    eventId
  )
  return new Map(rows.map((r) => [r.email, r.id]))
}

/**
 * A query of only one- or two-letter words ("e", "ex") can match everyone, and
 * bm25 costs ~1 µs a match: the first keystroke took 80 ms at 100,000 attendees.
 * Such queries rank only the first matches; any word of 3+ letters is ranked exactly.
 */
const BROAD_WORD_LENGTH = 2
const BROAD_RANKED_MATCHES = 2000

/** Desk search: ranked, name/e-mail/company/code, prefix, accent- and case-insensitive. */
export function searchAttendees(read: GuardedSql, eventId: string, text: string, limit: number): AttendeeRow[] {
  const match = ftsQuery(text)
  if (!match) {
    return pageInNameOrder(read, { eventId }, 0, limit)
  }
  const broad = searchTokens(text).every((t) => t.length <= BROAD_WORD_LENGTH)
  const sql = broad
    ? // CROSS JOIN keeps the capped match list as the outer loop.
      `WITH f AS MATERIALIZED (SELECT rowid AS seq, rank FROM attendees_fts WHERE attendees_fts MATCH ? LIMIT ${BROAD_RANKED_MATCHES})
       SELECT ${ROW_COLUMNS} FROM f CROSS JOIN attendees a ON a.seq = f.seq
       LEFT JOIN attendee_presence p ON p.attendee_id = a.id
       WHERE a.event_id = ? ORDER BY f.rank LIMIT ?`
    : `${SELECT_ROW} JOIN attendees_fts f ON f.rowid = a.seq
       WHERE attendees_fts MATCH ? AND a.event_id = ? ORDER BY f.rank LIMIT ?`
  return read.all<AttendeeRow>(sql, match, eventId, limit)
}

interface FilterSql {
  where: string
  params: (string | number)[]
  /** Whether the conditions read the attendee row (a) or presence (p): each join costs a lookup per row. */
  readsRow: boolean
  readsPresence: boolean
}

const ROW_JOIN = 'JOIN attendees a ON a.seq = k.seq'
const PRESENCE_JOIN = 'LEFT JOIN attendee_presence p ON p.attendee_id = a.id'

/**
 * A filter as SQL over a driving table: `attendees a` (counts) or the sort
 * keys `attendee_sort_keys k` (lists in name order, so their index is used).
 */
function filterSql(filter: AttendeeFilter, driver: 'a' | 'k'): FilterSql {
  const parts = [`${driver}.event_id = ?`]
  const params: (string | number)[] = [filter.eventId]
  if (filter.status) {
    parts.push('a.status = ?')
    params.push(filter.status)
  }
  if (filter.ticketTypeId) {
    parts.push('a.ticket_type_id = ?')
    params.push(filter.ticketTypeId)
  }
  const readsPresence = filter.checkedIn !== undefined
  if (readsPresence) parts.push(filter.checkedIn ? 'p.at IS NOT NULL' : 'p.at IS NULL')
  const match = filter.query ? ftsQuery(filter.query) : null
  if (match) {
    parts.push(`${driver}.seq IN (SELECT rowid FROM attendees_fts WHERE attendees_fts MATCH ?)`)
    params.push(match)
  }
  const readsRow = readsPresence || Boolean(filter.status) || Boolean(filter.ticketTypeId)
  return { where: parts.join(' AND '), params, readsRow, readsPresence }
}

/**
 * The attendees of a filter in name order, `limit` from `offset`: the page is
 * picked on the sort keys (joining only what the filter reads), then only its
 * rows are read, so a page deep in the list costs little more than the first.
 */
function pageInNameOrder(read: GuardedSql, filter: AttendeeFilter, offset: number, limit: number): AttendeeRow[] {
  const { where, params, readsRow, readsPresence } = filterSql(filter, 'k')
  const page = `SELECT k.seq, k.sort_key FROM attendee_sort_keys k ${readsRow ? ROW_JOIN : ''} ${readsPresence ? PRESENCE_JOIN : ''}
    WHERE ${where} ORDER BY k.event_id, k.sort_key LIMIT ? OFFSET ?`
  return read.all<AttendeeRow>(
    `SELECT ${ROW_COLUMNS} FROM (${page}) page JOIN attendees a ON a.seq = page.seq ${PRESENCE_JOIN} ORDER BY page.sort_key`,
    ...params,
    limit,
    offset
  )
}

/** The attendee table: filters, name order, paging, and the total for the scroll bar. */
export function listAttendees(
  read: GuardedSql,
  filter: AttendeeFilter,
  offset: number,
  limit: number
): { total: number; rows: AttendeeRow[] } {
  const { where, params, readsPresence } = filterSql(filter, 'a')
  const total = read.get<{ n: number }>(`SELECT COUNT(*) AS n FROM attendees a ${readsPresence ? PRESENCE_JOIN : ''} WHERE ${where}`, ...params)!.n
  return { total, rows: pageInNameOrder(read, filter, offset, limit) }
}

/** Every attendee matching a filter, streamed in name order (exports). */
export function iterateAttendees(read: GuardedSql, filter: AttendeeFilter): IterableIterator<AttendeeRow> {
  const { where, params } = filterSql(filter, 'k')
  return read.iterate<AttendeeRow>(
    `SELECT ${ROW_COLUMNS} FROM attendee_sort_keys k ${ROW_JOIN} ${PRESENCE_JOIN} WHERE ${where} ORDER BY k.event_id, k.sort_key`,
    ...params
  )
}
