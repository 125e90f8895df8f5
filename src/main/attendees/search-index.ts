/**
 * Keeps the attendee search index (attendees_fts) in step with attendee rows.
 * Text is folded here (accents, case, ł/ø/ß) so the FTS tokenizer and the
 * query side (shared/text.ts) agree. A projection of the write path, so local
 * edits and changes applied from peers are indexed alike.
 */
import { foldText } from '../../shared/text'
import type { Projection } from '../core/changelog'
import type { DerivedTableSpec } from '../core/module'
import type { GuardedSql } from '../core/sql'

const INDEXED_COLUMNS = new Set(['first_name', 'last_name', 'email', 'company', 'code'])

interface IndexedRow {
  seq: number
  first_name: string
  last_name: string
  email: string | null
  company: string | null
  code: string
}

const INSERT = 'INSERT INTO attendees_fts (rowid, name, email, company, code) VALUES (?, ?, ?, ?, ?)'

function index(sql: GuardedSql, row: IndexedRow): void {
  sql.run(
    INSERT,
    row.seq,
    foldText(`${row.first_name} ${row.last_name}`),
    row.email === null ? null : foldText(row.email),
    row.company === null ? null : foldText(row.company),
    row.code
  )
}

export function attendeeSearchIndex(sql: GuardedSql): Projection {
  const read = sql.prepare('SELECT seq, first_name, last_name, email, company, code FROM attendees WHERE id = ?')
  return ({ rowId, op, columns, previous, inserted }) => {
    if (inserted) return index(sql, { ...(inserted.values as unknown as IndexedRow), seq: inserted.rowid })
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
    for (const row of sql.all<IndexedRow>('SELECT seq, first_name, last_name, email, company, code FROM attendees')) index(sql, row)
  }
}
