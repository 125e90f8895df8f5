/** Read side of attendees: the row shape every screen gets, search and filtered lists. */
import type { AttendeeFilter } from '../../shared/contract'
import type { AttendeeRow } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import { searchTokens } from '../../shared/text'
import type { Core } from '../core/core'

const ROW_COLUMNS = `
  a.id, a.event_id, a.code, a.first_name, a.last_name, a.email, a.company, a.job_title, a.phone,
  a.ticket_type_id, a.status, a.payment_method, a.amount_cents, a.preferred_language, a.notes,
  a.external_ref, a.created_at, p.at AS checked_in_at`
const SELECT_ROW = `SELECT ${ROW_COLUMNS} FROM attendees a LEFT JOIN attendee_presence p ON p.attendee_id = a.id`

interface RawRow {
  id: string
  event_id: string
  code: string
  first_name: string
  last_name: string
  email: string | null
  company: string | null
  job_title: string | null
  phone: string | null
  ticket_type_id: string
  status: string
  payment_method: string | null
  amount_cents: number | null
  preferred_language: string | null
  notes: string | null
  external_ref: string | null
  created_at: string
  checked_in_at: string | null
}

export function toAttendeeRow(r: RawRow): AttendeeRow {
  return {
    id: r.id,
    eventId: r.event_id,
    code: r.code,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    company: r.company,
    jobTitle: r.job_title,
    phone: r.phone,
    ticketTypeId: r.ticket_type_id,
    status: r.status as AttendeeRow['status'],
    paymentMethod: r.payment_method as AttendeeRow['paymentMethod'],
    amountCents: r.amount_cents,
    preferredLanguage: r.preferred_language as AttendeeRow['preferredLanguage'],
    notes: r.notes,
    externalRef: r.external_ref,
    createdAt: r.created_at,
    checkedInAt: r.checked_in_at
  }
}

/**
 * An FTS5 MATCH expression from free text: only letter/number runs survive,
 * each quoted as a prefix term, so quotes, `*`, `AND`, `-`, emoji or
 * brackets in what the operator typed can never be FTS syntax.
 */
export function ftsQuery(text: string): string | null {
  const tokens = searchTokens(text)
  return tokens.length === 0 ? null : tokens.map((t) => `"${t}"*`).join(' ')
}

export function getAttendee(core: Core, id: string): AttendeeRow {
  const row = core.statement(`${SELECT_ROW} WHERE a.id = ?`).get(id) as RawRow | undefined
  if (!row) throw new ApiError('not_found', 'No such attendee', { key: 'notFound' })
  return toAttendeeRow(row)
}

export function findByCode(core: Core, eventId: string, code: string): AttendeeRow | null {
  const row = core.statement(`${SELECT_ROW} WHERE a.code = ? AND a.event_id = ?`).get(code, eventId) as
    | RawRow
    | undefined
  return row ? toAttendeeRow(row) : null
}

export function findByEmail(core: Core, eventId: string, email: string): AttendeeRow | null {
  const row = core.statement(`${SELECT_ROW} WHERE a.event_id = ? AND a.email = ? ORDER BY a.seq LIMIT 1`)
    .get(eventId, email) as RawRow | undefined
  return row ? toAttendeeRow(row) : null
}

/**
 * A query of only one- or two-letter words ("e", "ex") can match everyone, and
 * bm25 costs ~1 µs a match: the first keystroke took 80 ms at 100,000 attendees.
 * Such queries rank only the first matches; any word of 3+ letters is ranked exactly.
 */
const BROAD_WORD_LENGTH = 2
const BROAD_RANKED_MATCHES = 2000

/** Desk search: ranked, name/e-mail/company/code, prefix, accent- and case-insensitive. */
export function searchAttendees(core: Core, eventId: string, text: string, limit: number): AttendeeRow[] {
  const match = ftsQuery(text)
  if (!match) {
    const rows = core.statement(`${SELECT_ROW} WHERE a.event_id = ? ORDER BY a.last_name, a.first_name LIMIT ?`).all(eventId, limit)
    return (rows as RawRow[]).map(toAttendeeRow)
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
  return (core.statement(sql).all(match, eventId, limit) as RawRow[]).map(toAttendeeRow)
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
  const match = filter.query ? ftsQuery(filter.query) : null
  if (match) {
    parts.push('a.seq IN (SELECT rowid FROM attendees_fts WHERE attendees_fts MATCH ?)')
    params.push(match)
  }
  return { where: parts.join(' AND '), params }
}

/** The attendee table: filters, name order, paging, and the total for the scroll bar. */
export function listAttendees(
  core: Core,
  filter: AttendeeFilter,
  offset: number,
  limit: number
): { total: number; rows: AttendeeRow[] } {
  const { where, params } = filterClause(filter)
  const total = (
    core.statement(`SELECT COUNT(*) AS n FROM attendees a LEFT JOIN attendee_presence p ON p.attendee_id = a.id WHERE ${where}`)
      .get(...params) as { n: number }
  ).n
  const rows = core.statement(`${SELECT_ROW} WHERE ${where} ORDER BY a.last_name, a.first_name, a.seq LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as RawRow[]
  return { total, rows: rows.map(toAttendeeRow) }
}

/** Every attendee matching a filter, streamed in name order (exports). */
export function* iterateAttendees(core: Core, filter: AttendeeFilter): Generator<AttendeeRow> {
  const { where, params } = filterClause(filter)
  const stmt = core.sqlite.prepare(`${SELECT_ROW} WHERE ${where} ORDER BY a.last_name, a.first_name, a.seq`)
  for (const row of stmt.iterate(...params)) yield toAttendeeRow(row as RawRow)
}
