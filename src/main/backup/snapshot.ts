/**
 * A consistent copy of a desk's database, taken with SQLite's online backup
 * API while the desk keeps working, with everything that belongs to this
 * desk alone taken out (sessions, throttles, backup settings and secrets,
 * `meta`: desk id, fleet key).
 *
 * The copy reads through a connection of its own that first opens a read
 * transaction: every backup step then reads that one WAL snapshot, so writes
 * made meanwhile (check-ins go on) neither restart the copy nor leak into it
 * half-done, and an import committing in chunks is either all in or not at all.
 */
import Database from 'better-sqlite3'
import type { Core } from '../core/core'

// Pages per backup step (4 KiB each): ~16 MiB, a few milliseconds of copying between turns of the event loop.
const PAGES_PER_STEP = 4096

export interface SnapshotFacts {
  deskName: string
  counts: Record<string, number>
  lastHlc: string | null
  bytes: number
}

export async function takeSnapshot(core: Core, file: string): Promise<SnapshotFacts> {
  const source = new Database(core.sqlite.name, { readonly: true })
  let facts: Omit<SnapshotFacts, 'bytes'>
  try {
    source.pragma('busy_timeout = 5000')
    source.exec('BEGIN')
    // The first read pins the snapshot the whole copy reads.
    const count = (table: string) => (source.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n
    const counts: Record<string, number> = { changes: count('changes') }
    const present = new Set((source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name))
    for (const table of core.changeLog.tables.keys()) if (present.has(table)) counts[table] = count(table)
    const lastHlc = (source.prepare('SELECT max(hlc) AS hlc FROM changes').get() as { hlc: string | null }).hlc
    const deskName = (source.prepare('SELECT name FROM desks WHERE id = ?').get(core.id) as { name: string } | undefined)?.name ?? core.id
    facts = { deskName, counts, lastHlc }
    await source.backup(file, { progress: () => PAGES_PER_STEP })
    source.exec('COMMIT')
  } finally {
    source.close()
  }
  const bytes = stripLocal(file, core.localTables)
  return { ...facts, bytes }
}

/**
 * Empties this desk's own tables in the copy; secure_delete overwrites what
 * they held, so no token hash or secret survives in a free page. Returns the
 * copy's size.
 */
function stripLocal(file: string, localTables: ReadonlySet<string>): number {
  const copy = new Database(file)
  try {
    copy.pragma('secure_delete = ON')
    copy.transaction(() => {
      for (const table of localTables) copy.prepare(`DELETE FROM "${table}"`).run()
      // Kept: requests to rebuild a derived table, which belong to the data.
      copy.prepare("DELETE FROM meta WHERE key NOT LIKE 'rebuild:%'").run()
    })()
    // A file of its own: no -wal beside it.
    copy.pragma('journal_mode = DELETE')
    const { n } = copy.prepare('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()').get() as { n: number }
    return n
  } finally {
    copy.close()
  }
}
