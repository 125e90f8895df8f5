/** Read side of attendees: the row shape every screen gets, search and filtered lists. */
import type { AttendeeFilter, AttendeeRow } from '../../shared/contract/attendees'
import { ApiError } from '../../shared/errors'
import { searchTokens } from '../../shared/text'
import type { GuardedSql } from '../core/sql'
import { eventToken } from './search-index'

// checkedInAt comes from attendee_presence, the check-in domain's derived table
// of who is in: a read of it by name (check-in builds on attendees, not the reverse).
const ROW_COLUMNS = `
  a.id, a.event_id AS eventId, a.code, a.first_name AS firstName, a.last_name AS lastName, a.email, a.company,
  a.job_title AS jobTitle, a.phone, a.ticket_type_id AS ticketTypeId, a.status, a.payment_method AS paymentMethod,
  a.amount_cents AS amountCents, a.preferred_language AS preferredLanguage, a.notes, a.external_ref AS externalRef,
  a.invalid_email AS invalidEmail, a.attention, a.door_note AS doorNote, a.created_at AS createdAt, p.at AS checkedInAt`
const SELECT_ROW = `SELECT ${ROW_COLUMNS} FROM attendees a LEFT JOIN attendee_presence p ON p.attendee_id = a.id`

/** A row as SQLite returns it: flags are 0/1. */
type StoredRow = Omit<AttendeeRow, 'attention'> & { attention: number | boolean }

function toRow(row: StoredRow): AttendeeRow {
  return { ...row, attention: row.attention === 1 || row.attention === true }
}

function rowsOf(read: GuardedSql, sql: string, ...params: unknown[]): AttendeeRow[] {
  return read.all<StoredRow>(sql, ...params).map(toRow)
}

function rowOf(read: GuardedSql, sql: string, ...params: unknown[]): AttendeeRow | null {
  const row = read.get<StoredRow>(sql, ...params)
  return row ? toRow(row) : null
}

/**
 * An FTS5 MATCH expression from free text: only letter/number runs survive,
 * each quoted as a prefix term, so quotes, `*`, `AND`, `-`, emoji or
 * brackets in what the operator typed can never be FTS syntax. With an event,
 * the match is that event's attendees only (its token in the `ev` column).
 */
export function ftsQuery(text: string, eventId?: string): string | null {
  const tokens = searchTokens(text)
  if (tokens.length === 0) return null
  const words = tokens.map((t) => `"${t}"*`).join(' ')
  return eventId === undefined ? words : `ev : "${eventToken(eventId)}" AND {name email company code} : (${words})`
}

export function getAttendee(read: GuardedSql, id: string): AttendeeRow {
  const row = rowOf(read, `${SELECT_ROW} WHERE a.id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such attendee', { key: 'notFound' })
  return row
}

export function attendeeExists(read: GuardedSql, id: string): boolean {
  return read.get('SELECT 1 FROM attendees WHERE id = ?', id) !== undefined
}

/** The attendee whose own code this is, in the event. */
export function findByCode(read: GuardedSql, eventId: string, code: string): AttendeeRow | null {
  return rowOf(read, `${SELECT_ROW} WHERE a.code = ? AND a.event_id = ? ORDER BY a.id LIMIT 1`, code, eventId)
}

/** The attendee whose ticket in the system they were imported from carries this barcode or secret. */
export function findByExternalRef(read: GuardedSql, eventId: string, ref: string): AttendeeRow | null {
  return rowOf(read, `${SELECT_ROW} WHERE a.external_ref = ? AND a.event_id = ? ORDER BY a.id LIMIT 1`, ref, eventId)
}

/** The first registration (by id: the same answer on every desk) with this e-mail in the event. */
export function findByEmail(read: GuardedSql, eventId: string, email: string): AttendeeRow | null {
  return rowOf(read, `${SELECT_ROW} WHERE a.event_id = ? AND a.email = ? ORDER BY a.id LIMIT 1`, eventId, email)
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
 * Such queries rank only the event's first matches; any word of 3+ letters is ranked exactly.
 */
const BROAD_WORD_LENGTH = 2
const BROAD_RANKED_MATCHES = 2000

/**
 * Whether the event holds at least half the registrations on this desk (the
 * usual desk: one large event). Its first matches are then found fastest by
 * skipping the few other events' matches; a smaller event's, by asking the
 * index for that event's alone (`ev`), which costs ~3 ms more on a large one.
 * From the live counters (ticket_type_counts, the check-in domain's derived table): microseconds.
 */
function holdsMostAttendees(read: GuardedSql, eventId: string): boolean {
  const { mine, total } = read.get<{ mine: number; total: number }>(
    `SELECT COALESCE(SUM(CASE WHEN t.event_id = ? THEN c.expected END), 0) AS mine, COALESCE(SUM(c.expected), 0) AS total
     FROM ticket_type_counts c JOIN ticket_types t ON t.id = c.ticket_type_id`,
    eventId
  )!
  return mine * 2 >= total
}

/** Desk search: ranked, name/e-mail/company/code, prefix, accent- and case-insensitive. */
export function searchAttendees(read: GuardedSql, eventId: string, text: string, limit: number): AttendeeRow[] {
  const words = ftsQuery(text)
  if (!words) {
    return rowsOf(read, `${SELECT_ROW} WHERE a.event_id = ? ORDER BY a.last_name, a.first_name, a.id LIMIT ?`, eventId, limit)
  }
  const broad = searchTokens(text).every((t) => t.length <= BROAD_WORD_LENGTH)
  if (!broad) {
    // Every match is ranked: no cap, so the event can be filtered after the match.
    return rowsOf(
      read,
      `${SELECT_ROW} JOIN attendees_fts f ON f.rowid = a.seq
       WHERE attendees_fts MATCH ? AND a.event_id = ? ORDER BY f.rank LIMIT ?`,
      words,
      eventId,
      limit
    )
  }
  // The cap counts this event's matches only (CROSS JOINs keep the match list as the outer loop).
  const mostHere = holdsMostAttendees(read, eventId)
  const capped = mostHere
    ? `SELECT f.rowid AS seq, f.rank FROM attendees_fts f CROSS JOIN attendees e ON e.seq = f.rowid
       WHERE attendees_fts MATCH @match AND e.event_id = @event LIMIT ${BROAD_RANKED_MATCHES}`
    : `SELECT rowid AS seq, rank FROM attendees_fts WHERE attendees_fts MATCH @match LIMIT ${BROAD_RANKED_MATCHES}`
  return rowsOf(
    read,
    `WITH f AS MATERIALIZED (${capped})
     SELECT ${ROW_COLUMNS} FROM f CROSS JOIN attendees a ON a.seq = f.seq
     LEFT JOIN attendee_presence p ON p.attendee_id = a.id
     WHERE a.event_id = @event ORDER BY f.rank LIMIT @limit`,
    { match: mostHere ? words : ftsQuery(text, eventId), event: eventId, limit }
  )
}

function filterClause(filter: AttendeeFilter): { where: string; params: (string | number)[] } {
  const parts = ['a.event_id = ?']
  const params: (string | number)[] = [filter.eventId]
  if (filter.status) {
    parts.push('a.status = ?')
    params.push(filter.status)
  }
  if (filter.ticketTypeId) {
    parts.push('a.ticket_type_id = ?')
    params.push(filter.ticketTypeId)
  }
  if (filter.checkedIn !== undefined) parts.push(filter.checkedIn ? 'p.at IS NOT NULL' : 'p.at IS NULL')
  if (filter.invalidEmail !== undefined) parts.push(filter.invalidEmail ? 'a.invalid_email IS NOT NULL' : 'a.invalid_email IS NULL')
  if (filter.attention !== undefined) parts.push(filter.attention ? 'a.attention = 1' : 'a.attention = 0')
  const match = filter.query ? ftsQuery(filter.query) : null
  if (match) {
    parts.push('a.seq IN (SELECT rowid FROM attendees_fts WHERE attendees_fts MATCH ?)')
    params.push(match)
  }
  return { where: parts.join(' AND '), params }
}

/** The attendee table: filters, name order, paging, and the total for the scroll bar. */
export function listAttendees(
  read: GuardedSql,
  filter: AttendeeFilter,
  offset: number,
  limit: number
): { total: number; rows: AttendeeRow[] } {
  const { where, params } = filterClause(filter)
  const total = read.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM attendees a LEFT JOIN attendee_presence p ON p.attendee_id = a.id WHERE ${where}`,
    ...params
  )!.n
  const rows = rowsOf(read, `${SELECT_ROW} WHERE ${where} ORDER BY a.last_name, a.first_name, a.id LIMIT ? OFFSET ?`, ...params, limit, offset)
  return { total, rows }
}

/** Every attendee matching a filter, streamed in name order (exports). */
export function* iterateAttendees(read: GuardedSql, filter: AttendeeFilter): IterableIterator<AttendeeRow> {
  const { where, params } = filterClause(filter)
  for (const row of read.iterate<StoredRow>(`${SELECT_ROW} WHERE ${where} ORDER BY a.last_name, a.first_name, a.id`, ...params)) yield toRow(row)
}
