import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export type Sqlite = Database.Database
export type Statement = Database.Statement<unknown[], unknown>
export type SqlValue = string | number | null

export interface OpenedDatabase {
  /** The one connection that writes; owned by the kernel. */
  writer: Sqlite
  /**
   * A read-only connection for reads outside a write: in WAL mode it sees the
   * last committed state, so rows of a write still in progress (an import
   * committing in chunks) stay invisible to every other screen until it commits.
   */
  reader: Sqlite
  schemaVersion: string
  /** How many migrations this desk has applied: the schema level its change records carry. */
  level: number
}

function tune(sqlite: Sqlite): void {
  sqlite.pragma('busy_timeout = 5000')
  // Statement journals (statements that fire triggers, e.g. a check-in) stay in memory.
  sqlite.pragma('temp_store = MEMORY')
}

/** Opens (creating if needed) a desk database and applies pending migrations. */
export function openDatabase(file: string, migrationsFolder: string): OpenedDatabase {
  const writer = new Database(file)
  // WAL: readers never block the writer; NORMAL sync survives a killed process
  // (the WAL is in the OS cache), which is the crash we design for.
  writer.pragma('journal_mode = WAL')
  writer.pragma('synchronous = NORMAL')
  writer.pragma('foreign_keys = ON')
  tune(writer)
  migrate(drizzle(writer), { migrationsFolder })
  const reader = new Database(file, { readonly: true })
  tune(reader)
  const { entries } = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
  return { writer, reader, schemaVersion: entries.at(-1)?.tag ?? 'none', level: entries.length }
}
