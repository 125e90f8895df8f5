/**
 * All or nothing for an import that commits in chunks: each chunk records in
 * its own transaction what it did (import_journal, a local table), and an
 * import that fails — or a desk killed half-way, at its next start — is undone
 * from that record: the attendees it created are deleted, the ones it merged
 * get their values back, the ticket types it created go. Peers that received
 * chunks receive the undo as ordinary changes.
 */
import type { AttendeeRow } from '../../shared/contract/attendees'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { deleteTicketType } from '../events/service'
import { attendees } from './schema'

interface Undo {
  merged: { id: string; previous: Partial<AttendeeRow> }[]
  ticketTypes: string[]
}

const MAX_SEQ = 'SELECT COALESCE(MAX(seq), 0) AS seq FROM attendees'

export class ChunkJournal {
  private chunk = 0
  private seqBefore = 0
  private undo: Undo = { merged: [], ticketTypes: [] }

  constructor(
    private readonly read: GuardedSql,
    private readonly write: Writer,
    private readonly importId: string
  ) {}

  /** Call at the start of each chunk's transaction. */
  begin(): void {
    this.seqBefore = this.read.get<{ seq: number }>(MAX_SEQ)!.seq
    this.undo = { merged: [], ticketTypes: [] }
  }

  merged(id: string, previous: Partial<AttendeeRow>): void {
    this.undo.merged.push({ id, previous })
  }

  ticketTypeCreated(id: string): void {
    this.undo.ticketTypes.push(id)
  }

  /** Call before the chunk commits: the record goes in the same transaction as the rows. */
  end(): void {
    const seqAfter = this.read.get<{ seq: number }>(MAX_SEQ)!.seq
    const created = seqAfter > this.seqBefore
    if (!created && this.undo.merged.length === 0 && this.undo.ticketTypes.length === 0) return
    this.write.local.run(
      'INSERT INTO import_journal (import_id, chunk, first_seq, last_seq, undo) VALUES (?, ?, ?, ?, ?)',
      this.importId,
      this.chunk++,
      created ? this.seqBefore + 1 : null,
      created ? seqAfter : null,
      JSON.stringify(this.undo)
    )
  }

  /** The import finished: nothing to undo any more (in its last transaction). */
  finish(): void {
    this.write.local.run('DELETE FROM import_journal WHERE import_id = ?', this.importId)
  }
}

/** Imports that committed chunks but neither finished nor were undone (the desk stopped half-way). */
export function unfinishedImports(read: GuardedSql): string[] {
  return read.all<{ import_id: string }>('SELECT DISTINCT import_id FROM import_journal').map((r) => r.import_id)
}

/** Undoes what the committed chunks of an import did, newest first; returns the attendees removed. */
export function undoImport(read: GuardedSql, write: Writer, importId: string): number {
  const chunks = read.all<{ first_seq: number | null; last_seq: number | null; undo: string }>(
    'SELECT first_seq, last_seq, undo FROM import_journal WHERE import_id = ? ORDER BY chunk DESC',
    importId
  )
  let removed = 0
  for (const chunk of chunks) {
    const undo = JSON.parse(chunk.undo) as Undo
    if (chunk.first_seq !== null) {
      const created = read.all<{ id: string }>('SELECT id FROM attendees WHERE seq BETWEEN ? AND ?', chunk.first_seq, chunk.last_seq)
      for (const { id } of created) write.delete(attendees, id)
      removed += created.length
    }
    for (const { id, previous } of [...undo.merged].reverse()) {
      if (read.get('SELECT 1 FROM attendees WHERE id = ?', id)) write.update(attendees, id, previous)
    }
    for (const id of undo.ticketTypes) {
      if (!read.get('SELECT 1 FROM attendees WHERE ticket_type_id = ? LIMIT 1', id)) deleteTicketType(read, write, id)
    }
  }
  write.local.run('DELETE FROM import_journal WHERE import_id = ?', importId)
  return removed
}
