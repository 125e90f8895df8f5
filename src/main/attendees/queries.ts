/** Read side of attendees: the row shape every screen gets, search and filtered lists. */
import type { AttendeeFilter, AttendeeRow } from '../../shared/contract/attendees'
import { ApiError } from '../../shared/errors'
import { deletions, searchTokens, TYPO_MIN_LENGTH } from '../../shared/text'
import type { GuardedSql } from '../core/sql'
import { eventToken } from './search-index'

// checkedInAt comes from attendee_presence, the check-in domain's derived table
// of who is in: a read of it by name (check-in builds on attendees, not the reverse).
const ROW_COLUMNS = `
  a.id, a.event_id AS eventId, a.code, a.first_name AS firstName, a.last_name AS lastName, a.email, a.company,
  a.job_title AS jobTitle, a.phone, a.ticket_type_id AS ticketTypeId, a.status, a.payment_method AS paymentMethod,
  a.amount_cents AS amountCents, a.price_reason AS priceReason, a.preferred_language AS preferredLanguage, a.notes, a.external_ref AS externalRef,
  a.invalid_email AS invalidEmail, a.attention, a.door_note AS doorNote, a.created_at AS createdAt, a.merged_into AS mergedInto,
  p.at AS checkedInAt`
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
  // Only the fields as written: other spellings and typo forms are for the forgiving search alone.
  const fields = `{name email company code} : (${words})`
  return eventId === undefined ? fields : `ev : "${eventToken(eventId)}" AND ${fields}`
}

export function getAttendee(read: GuardedSql, id: string): AttendeeRow {
  const row = rowOf(read, `${SELECT_ROW} WHERE a.id = ?`, id)
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
  const people = new Map<string, AttendeeRow>()
  for (const row of rowsOf(read, `${SELECT_ROW} WHERE a.code = ? AND a.event_id = ? ORDER BY a.id`, code, eventId)) {
    const person = row.status === 'merged' && row.mergedInto ? getAttendee(read, row.mergedInto) : row
    people.set(person.id, person)
  }
  return [...people.values()]
}

/** The attendee whose ticket in the system they were imported from carries this barcode or secret. */
export function findByExternalRef(read: GuardedSql, eventId: string, ref: string): AttendeeRow | null {
  return rowOf(read, `${SELECT_ROW} WHERE a.external_ref = ? AND a.event_id = ? ORDER BY a.id LIMIT 1`, ref, eventId)
}

/** Another event on this desk whose attendee holds this code or external barcode (by index on code / external_ref). */
export function eventHoldingCode(read: GuardedSql, notEventId: string, code: string | null, ref: string): string | null {
  const row = read.get<{ eventId: string }>(
    `SELECT event_id AS eventId FROM attendees WHERE code = ? AND event_id <> ?
     UNION ALL SELECT event_id FROM attendees WHERE external_ref = ? AND event_id <> ? LIMIT 1`,
    code ?? '',
    notEventId,
    ref,
    notEventId
  )
  return row?.eventId ?? null
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

/** A query word this long can be another spelling's start ("mue" → Müller); shorter ones match plenty as they are. */
const TOLERANT_MIN_LENGTH = 3

/**
 * The forgiving MATCH of an event's attendees: every word as typed or as
 * another spelling of a name (`alt`), and words of TYPO_MIN_LENGTH or more
 * also one typo away from a name word (`typo`: the word and its deletions).
 */
export function tolerantFtsQuery(text: string, eventId: string): string | null {
  const tokens = searchTokens(text)
  if (tokens.length === 0) return null
  const terms = tokens.map((t) => {
    const asTyped = `({name email company code alt} : "${t}"*)`
    if (t.length < TYPO_MIN_LENGTH) return asTyped
    return `(${asTyped} OR (typo : (${[t, ...deletions(t)].map((d) => `"${d}"`).join(' OR ')})))`
  })
  return `ev : "${eventToken(eventId)}" AND ${terms.join(' AND ')}`
}

/**
 * Desk search: ranked, name/e-mail/company/code, prefix, accent- and
 * case-insensitive; when that finds fewer than `limit`, people under another
 * spelling (mueller → Müller) or one typo away (muler → Müller) follow, below
 * every exact match.
 */
export function searchAttendees(read: GuardedSql, eventId: string, text: string, limit: number): AttendeeRow[] {
  const exact = exactMatches(read, eventId, text, limit)
  if (exact.length >= limit || !searchTokens(text).some((t) => t.length >= TOLERANT_MIN_LENGTH)) return exact
  const found = new Set(exact.map((r) => r.id))
  // The forgiving match includes the exact ones: ask for enough to fill the page after them.
  const forgiven = rowsOf(
    read,
    `${SELECT_ROW} JOIN attendees_fts f ON f.rowid = a.seq
     WHERE attendees_fts MATCH ? AND a.event_id = ? ORDER BY f.rank LIMIT ?`,
    tolerantFtsQuery(text, eventId),
    eventId,
    limit + exact.length
  ).filter((r) => !found.has(r.id))
  return [...exact, ...forgiven].slice(0, limit)
}

function exactMatches(read: GuardedSql, eventId: string, text: string, limit: number): AttendeeRow[] {
  const words = ftsQuery(text)
  if (!words) {
    return pageInNameOrder(read, { eventId }, 0, limit)
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

/**
 * How many attendees of the event a search matches (as the search's word
 * matches, before its ranking cap), counted no further than `cap` + 1 so a
 * one-letter search stays cheap on a large event.
 */
export function countSearchMatches(read: GuardedSql, eventId: string, text: string, cap: number): number {
  const match = ftsQuery(text, eventId)
  if (!match) return read.get<{ n: number }>('SELECT COUNT(*) AS n FROM (SELECT 1 FROM attendees WHERE event_id = ? LIMIT ?)', eventId, cap + 1)!.n
  return read.get<{ n: number }>('SELECT COUNT(*) AS n FROM (SELECT 1 FROM attendees_fts WHERE attendees_fts MATCH ? LIMIT ?)', match, cap + 1)!.n
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
  if (filter.invalidEmail !== undefined) parts.push(filter.invalidEmail ? 'a.invalid_email IS NOT NULL' : 'a.invalid_email IS NULL')
  if (filter.attention !== undefined) parts.push(filter.attention ? 'a.attention = 1' : 'a.attention = 0')
  const match = filter.query ? ftsQuery(filter.query) : null
  if (match) {
    parts.push(`${driver}.seq IN (SELECT rowid FROM attendees_fts WHERE attendees_fts MATCH ?)`)
    params.push(match)
  }
  const readsRow =
    readsPresence || Boolean(filter.status) || Boolean(filter.ticketTypeId) || filter.invalidEmail !== undefined || filter.attention !== undefined
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
  return rowsOf(
    read,
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
export function* iterateAttendees(read: GuardedSql, filter: AttendeeFilter): IterableIterator<AttendeeRow> {
  const { where, params } = filterSql(filter, 'k')
  const rows = read.iterate<StoredRow>(
    `SELECT ${ROW_COLUMNS} FROM attendee_sort_keys k ${ROW_JOIN} ${PRESENCE_JOIN} WHERE ${where} ORDER BY k.event_id, k.sort_key`,
    ...params
  )
  for (const row of rows) yield toRow(row)
}
