/**
 * SQL for domain code. Domain code never holds a writable connection: it gets a
 * GuardedSql that refuses any statement that writes, except to the tables it
 * was opened for (a module's local or derived tables). Synced tables are only
 * ever written by the Writer, so nothing reaches them around the change log.
 */
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import type { Sqlite, Statement } from './db'

// The table a writing statement targets (INSERT/REPLACE/UPDATE/DELETE; WITH … prefixes are not allowed).
const WRITE_TARGET = /^\s*(?:(?:INSERT|REPLACE)(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+["`]?(\w+)/i

export class GuardedSql {
  private readonly cache = new Map<string, Statement>()
  /** Drizzle's query builder over the same guard, for typed reads (and writes to the allowed tables). */
  readonly db: BetterSQLite3Database

  constructor(
    private readonly sqlite: Sqlite,
    private readonly writable: ReadonlySet<string> = new Set()
  ) {
    this.db = drizzle({ client: { prepare: (sql: string) => this.check(sqlite.prepare(sql)) } as unknown as Sqlite })
  }

  /** A prepared statement, compiled once and reused (hot paths run thousands a second). */
  prepare(sql: string): Statement {
    let stmt = this.cache.get(sql)
    if (!stmt) {
      stmt = this.check(this.sqlite.prepare<unknown[]>(sql))
      this.cache.set(sql, stmt)
    }
    return stmt
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.prepare(sql).get(...params) as T | undefined
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.prepare(sql).all(...params) as T[]
  }

  /** Streams rows; a statement of its own, so two iterations never share one. */
  iterate<T>(sql: string, ...params: unknown[]): IterableIterator<T> {
    return this.check(this.sqlite.prepare<unknown[]>(sql)).iterate(...params) as IterableIterator<T>
  }

  run(sql: string, ...params: unknown[]): number {
    return this.prepare(sql).run(...params).changes
  }

  /** The table a writing statement targets, or null for a read. */
  static writeTarget(sql: string): string | null {
    return WRITE_TARGET.exec(sql)?.[1] ?? null
  }

  private check(stmt: Statement): Statement {
    if (stmt.readonly) return stmt
    const target = GuardedSql.writeTarget(stmt.source)
    if (target && this.writable.has(target)) return stmt
    throw new Error(`This code may only read${this.writable.size ? ` and write ${[...this.writable].join(', ')}` : ''}: ${stmt.source.slice(0, 80)}`)
  }
}
