import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema>
export type Sqlite = Database.Database
export type Statement = Database.Statement<unknown[], unknown>

export interface OpenedDatabase {
  sqlite: Sqlite
  db: Db
  schemaVersion: string
}

/** Opens (creating if needed) a desk database and applies pending migrations. */
export function openDatabase(file: string, migrationsFolder: string): OpenedDatabase {
  const sqlite = new Database(file)
  // WAL: readers never block the writer; NORMAL sync survives a killed process
  // (the WAL is in the OS cache), which is the crash we design for.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  // Statement journals (statements that fire triggers, e.g. a check-in) stay in memory.
  sqlite.pragma('temp_store = MEMORY')
  const db = drizzle(sqlite, { schema })
  migrate(db, { migrationsFolder })
  return { sqlite, db, schemaVersion: latestMigrationTag(migrationsFolder) }
}

function latestMigrationTag(migrationsFolder: string): string {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[]
  }
  return journal.entries.at(-1)?.tag ?? 'none'
}
