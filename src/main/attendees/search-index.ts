/**
 * Keeps the attendee search index (attendees_fts) in step with attendee rows.
 * Text is folded here (accents, case, ł/ø/ß) so the FTS tokenizer and the
 * query side (shared/text.ts) agree. Registered as a projection of the write
 * path, so local edits and changes applied from peers are indexed alike.
 */
import { foldText } from '../../shared/text'
import type { Sqlite } from '../db/open'
import type { Projection } from '../core/mutator'

const INDEXED_COLUMNS = new Set(['first_name', 'last_name', 'email', 'company', 'code'])

interface IndexedRow {
  seq: number
  first_name: string
  last_name: string
  email: string | null
  company: string | null
  code: string
}

export function attendeeSearchIndex(sqlite: Sqlite): Projection {
  const read = sqlite.prepare<[string], IndexedRow>(
    'SELECT seq, first_name, last_name, email, company, code FROM attendees WHERE id = ?'
  )
  const remove = sqlite.prepare('DELETE FROM attendees_fts WHERE rowid = ?')
  const insert = sqlite.prepare('INSERT INTO attendees_fts (rowid, name, email, company, code) VALUES (?, ?, ?, ?, ?)')
  return ({ rowId, op, columns }) => {
    if (op === 'update' && !columns.some((c) => INDEXED_COLUMNS.has(c))) return
    const row = read.get(rowId)
    if (!row) return
    if (op === 'update') remove.run(row.seq)
    insert.run(
      row.seq,
      foldText(`${row.first_name} ${row.last_name}`),
      row.email === null ? null : foldText(row.email),
      row.company === null ? null : foldText(row.company),
      row.code
    )
  }
}
