/**
 * Keeps the attendee search index (attendees_fts) in step with attendee rows.
 * Text is folded here (accents, case, ł/ø/ß) so the FTS tokenizer and the
 * query side (shared/text.ts) agree. A projection of the write path, so local
 * edits and changes applied from peers are indexed alike.
 */
import { deletions, foldText, otherSpellings, searchTokens, TYPO_MIN_LENGTH } from '../../shared/text'
import type { Projection } from '../core/changelog'
import type { DerivedTableSpec } from '../core/module'
import type { GuardedSql } from '../core/sql'

const INDEXED_COLUMNS = new Set(['first_name', 'last_name', 'email', 'invalid_email', 'company', 'code', 'external_ref', 'event_id'])

interface IndexedRow {
  seq: number
  event_id: string
  first_name: string
  last_name: string
  email: string | null
  invalid_email: string | null
  company: string | null
  code: string
  external_ref: string | null
}

const SELECT_INDEXED = 'SELECT seq, event_id, first_name, last_name, email, invalid_email, company, code, external_ref FROM attendees'
const INSERT = 'INSERT INTO attendees_fts (rowid, name, email, company, code, ev, alt, typo) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'

/** Name words a typo may hide: each word of four letters or more, and the deletions of the longer ones (see `deletions`). */
function typoForms(words: string[]): string | null {
  const forms = new Set<string>()
  for (const word of words) {
    if (word.length < TYPO_MIN_LENGTH - 1) continue
    forms.add(word)
    if (word.length >= TYPO_MIN_LENGTH) for (const d of deletions(word)) forms.add(d)
  }
  return forms.size === 0 ? null : [...forms].join(' ')
}

const tokens = new Map<string, string>()

/**
 * The one token of an event in the `ev` column: a private-use character (a
 * token character to FTS5, never a letter or digit of a typed query) and the
 * id in hex, so no search word can match or prefix it.
 */
export function eventToken(eventId: string): string {
  let token = tokens.get(eventId)
  if (token === undefined) {
    token = `\uE000${Buffer.from(eventId, 'utf8').toString('hex')}`
    tokens.set(eventId, token)
  }
  return token
}

function index(sql: GuardedSql, row: IndexedRow): void {
  // An e-mail the file got wrong is still what the organizer searches for to fix it.
  const email = row.email ?? row.invalid_email
  const name = `${row.first_name} ${row.last_name}`
  const spellings = otherSpellings(name)
  sql.run(
    INSERT,
    row.seq,
    foldText(name),
    email === null ? null : foldText(email),
    row.company === null ? null : foldText(row.company),
    // The other system's barcode or order code finds the person too.
    row.external_ref === null ? row.code : `${row.code} ${foldText(row.external_ref)}`,
    eventToken(row.event_id),
    spellings.length === 0 ? null : spellings.join(' '),
    typoForms(searchTokens(name, 32))
  )
}

export function attendeeSearchIndex(sql: GuardedSql): Projection {
  const read = sql.prepare(`${SELECT_INDEXED} WHERE id = ?`)
  return ({ rowId, op, columns, previous, inserted }) => {
    if (inserted) {
      // seq is the rowid; a row inserted without some columns has them empty.
      const v = inserted.values
      const text = (column: string) => (typeof v[column] === 'string' ? (v[column] as string) : null)
      index(sql, {
        seq: inserted.rowid,
        event_id: text('event_id') ?? '',
        first_name: text('first_name') ?? '',
        last_name: text('last_name') ?? '',
        email: text('email'),
        invalid_email: text('invalid_email'),
        company: text('company'),
        code: text('code') ?? '',
        external_ref: text('external_ref')
      })
      return
    }
    if (op === 'delete') {
      // The row is gone; its seq came with the values it had.
      if (previous?.seq !== undefined) sql.run('DELETE FROM attendees_fts WHERE rowid = ?', previous.seq)
      return
    }
    if (op === 'update' && !columns.some((c) => INDEXED_COLUMNS.has(c))) return
    const row = read.get(rowId) as IndexedRow | undefined
    if (!row) return
    if (op === 'update') sql.run('DELETE FROM attendees_fts WHERE rowid = ?', row.seq)
    index(sql, row)
  }
}

export const searchIndexTable: DerivedTableSpec = {
  name: 'attendees_fts',
  rebuild(sql) {
    sql.run("INSERT INTO attendees_fts (attendees_fts) VALUES ('delete-all')")
    for (const row of sql.all<IndexedRow>(SELECT_INDEXED)) index(sql, row)
  }
}
