/**
 * The change log of one desk and the merge of changes made elsewhere.
 *
 * Every write to a synced table is a change record (HLC, origin desk, staff,
 * action, table, row, the columns written, schema level). A row's state is a
 * pure function of its records: per column, the value of the record with the
 * latest HLC wins; `_deleted` is a column like any other. Merging a peer's
 * records is therefore: keep the record, then settle the row to that fold.
 * Desks that hold the same records hold the same rows, whatever the order
 * the records arrived in and however often.
 */
import { Timestamp } from '@actual-app/crdt'
import type { DeskClock } from './clock'
import type { Sqlite, SqlValue, Statement } from './db'
import { DELETED, type SyncedTableInfo } from './tables'

export interface ChangeRecord {
  hlc: string
  deskId: string
  staffId: string | null
  action: string
  tbl: string
  rowId: string
  op: 'insert' | 'update'
  data: Record<string, SqlValue>
  /** Schema level of the desk that wrote it; a newer level may name columns or tables this desk does not know yet. */
  v: number
}

/** A row written (locally or by a merge), handed to the projections that keep derived tables in step. */
export interface RowWrite {
  rowId: string
  op: 'insert' | 'update' | 'delete'
  /** SQL columns written (all of them for insert and delete). */
  columns: string[]
  /** For updates and deletes, the values those columns had before. */
  previous: Record<string, SqlValue> | null
  /** For inserts: every value written and the row's local integer key, so projections need not read the row back. */
  inserted?: { values: Record<string, SqlValue>; rowid: number }
}

export type Projection = (write: RowWrite) => void

/** What a transaction touched, for "data changed" notifications after commit. */
export interface Touched {
  tables: Set<string>
  eventIds: Set<string>
  /** Local tables written (never pushed to screens; sessions ending are reported on their own). */
  local: Set<string>
}

export const newTouched = (): Touched => ({ tables: new Set(), eventIds: new Set(), local: new Set() })

export interface ApplyResult {
  applied: number
  duplicates: number
  /** Kept, to be applied once this desk is upgraded (columns or tables from a newer version). */
  deferred: number
  /** Refused and not kept: invalid values, forged tables or columns, records a peer may not make. */
  rejected: { hlc: string; reason: string }[]
}

const LIMIT = { id: 200, action: 100, columns: 200 }

/**
 * A row's records, to fold. For lww rows it names `fact = 0`, the condition of
 * the partial index (table, row, hlc): without it SQLite cannot use the index
 * and scans the whole log for every merged record — merging 100,000 records
 * took minutes instead of seconds. Fact rows (folded only when a newer version
 * deferred them) have no index; their records may predate knowing the table.
 */
export const FOLD_LWW = 'SELECT op, data, v FROM changes WHERE tbl = ? AND row_id = ? AND fact = 0 ORDER BY hlc'
const FOLD_ANY = 'SELECT op, data, v FROM changes WHERE tbl = ? AND row_id = ? ORDER BY hlc'

export class ChangeLog {
  /** Per origin desk, the newest record committed here: what this desk holds (its version vector). */
  private readonly committed = new Map<string, string>()
  /** What the open transaction adds to it; folded in on commit, dropped on rollback. */
  private readonly pending = new Map<string, string>()
  private readonly statements = new Map<string, Statement>()
  private readonly inserts = new Map<string, Statement>()
  private readonly insertChange: Statement
  private readonly projections = new Map<string, Projection[]>()

  constructor(
    readonly sqlite: Sqlite,
    readonly clock: DeskClock,
    readonly deskId: string,
    /** This desk's schema level (number of migrations applied). */
    readonly level: number,
    readonly tables: ReadonlyMap<string, SyncedTableInfo>
  ) {
    for (const r of sqlite.prepare('SELECT desk_id, max(hlc) AS hlc FROM changes GROUP BY desk_id').all() as { desk_id: string; hlc: string }[]) {
      this.committed.set(r.desk_id, r.hlc)
    }
    this.insertChange = sqlite.prepare(
      'INSERT OR IGNORE INTO changes (hlc, desk_id, staff_id, action, tbl, row_id, op, data, v, fact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
    )
  }

  project(table: string, projection: Projection): void {
    this.projections.set(table, [...(this.projections.get(table) ?? []), projection])
  }

  /** Runs the projections of a table after one of its rows was written. */
  rowWritten(table: string, write: RowWrite): void {
    for (const projection of this.projections.get(table) ?? []) projection(write)
  }

  statement(sql: string): Statement {
    let stmt = this.statements.get(sql)
    if (!stmt) {
      stmt = this.sqlite.prepare<unknown[]>(sql)
      this.statements.set(sql, stmt)
    }
    return stmt
  }

  /** A cached `INSERT INTO table (cols) VALUES (@cols)` taking the row object itself. */
  insertStatement(table: string, columns: string[]): Statement {
    // Keyed by the column list alone: building the SQL text for every row of an import costs more than the lookup.
    const key = `${table}:${columns.join(',')}`
    let stmt = this.inserts.get(key)
    if (!stmt) {
      stmt = this.sqlite.prepare<unknown[]>(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
      this.inserts.set(key, stmt)
    }
    return stmt
  }

  /** Appends a change record; false if this exact record (same HLC) is already here. */
  record(change: ChangeRecord): boolean {
    const { hlc, deskId, staffId, action, tbl, rowId, op, data, v } = change
    const fact = this.tables.get(tbl)?.kind === 'fact' ? 1 : 0
    const added = this.insertChange.run(hlc, deskId, staffId, action, tbl, rowId, op, JSON.stringify(data), v, fact).changes > 0
    if (added && hlc > (this.pending.get(deskId) ?? '')) this.pending.set(deskId, hlc)
    return added
  }

  /** The version vector as committed (a copy). */
  vector(): Map<string, string> {
    return new Map(this.committed)
  }

  /** The transaction committed: what it recorded now counts. */
  committedTransaction(): void {
    for (const [desk, hlc] of this.pending) if (hlc > (this.committed.get(desk) ?? '')) this.committed.set(desk, hlc)
    this.pending.clear()
  }

  /** The transaction rolled back: what it recorded never happened. */
  rolledBack(): void {
    this.pending.clear()
  }

  /**
   * Merges records made on other desks, in one transaction (the caller's).
   * Idempotent and order-free. Invalid records are refused one by one, so one
   * bad record never blocks the rest of a batch.
   */
  applyBatch(batch: readonly unknown[], touched: Touched): ApplyResult {
    const vectorBefore = new Map(this.pending)
    try {
      // Fast path: the whole batch under one savepoint.
      return this.sqlite.transaction(() => this.applyEach(batch, touched, false))()
    } catch {
      // Some record could not be applied: again, each under its own savepoint, refusing just that one.
      this.pending.clear()
      for (const [desk, hlc] of vectorBefore) this.pending.set(desk, hlc)
      return this.applyEach(batch, touched, true)
    }
  }

  private applyEach(batch: readonly unknown[], touched: Touched, guarded: boolean): ApplyResult {
    const result: ApplyResult = { applied: 0, duplicates: 0, deferred: 0, rejected: [] }
    for (const raw of batch) {
      const checked = this.check(raw)
      if (typeof checked === 'string') {
        result.rejected.push({ hlc: hlcOf(raw), reason: checked })
        continue
      }
      const { change, info, later } = checked
      const apply = () => {
        if (!this.record(change)) return 'duplicates' as const
        if (later) this.statement('INSERT OR IGNORE INTO pending_changes (tbl, row_id) VALUES (?, ?)').run(change.tbl, change.rowId)
        if (info?.kind === 'fact' && !later) this.settleFact(info, change, touched)
        else if (info) this.settle(info, change.rowId, touched)
        return later ? ('deferred' as const) : ('applied' as const)
      }
      if (!guarded) {
        result[apply()]++
        this.clock.receive(change.hlc)
        continue
      }
      const pendingBefore = this.pending.get(change.deskId)
      try {
        result[this.sqlite.transaction(apply)()]++
        this.clock.receive(change.hlc)
      } catch (err) {
        // The savepoint undid the record: so must the vector.
        if (pendingBefore === undefined) this.pending.delete(change.deskId)
        else this.pending.set(change.deskId, pendingBefore)
        result.rejected.push({ hlc: change.hlc, reason: `could not be applied: ${(err as Error).message}` })
      }
    }
    return result
  }

  /**
   * Rows that received records from a newer version: now that this desk may
   * know their columns or tables, settle them again. Run at start-up.
   */
  settlePending(touched: Touched): number {
    const pending = this.statement('SELECT tbl, row_id FROM pending_changes').all() as { tbl: string; row_id: string }[]
    let settled = 0
    for (const { tbl, row_id } of pending) {
      const info = this.tables.get(tbl)
      if (!info) continue
      this.settle(info, row_id, touched)
      const unknown = (this.statement(`SELECT data FROM changes WHERE tbl = ? AND row_id = ? AND fact = ${info.kind === 'fact' ? 1 : 0}`).all(tbl, row_id) as { data: string }[])
        .some((r) => Object.keys(JSON.parse(r.data) as object).some((c) => c !== DELETED && !info.sqlColumns.has(c)))
      if (!unknown) this.statement('DELETE FROM pending_changes WHERE tbl = ? AND row_id = ?').run(tbl, row_id)
      settled++
    }
    return settled
  }

  /** A fact's one record is the whole row: inserted once, never changed. */
  private settleFact(info: SyncedTableInfo, change: ChangeRecord, touched: Touched): void {
    if (this.statement(`SELECT 1 FROM ${info.name} WHERE id = ?`).get(change.rowId)) return
    const cols = Object.keys(change.data).filter((c) => info.sqlColumns.has(c))
    const values = Object.fromEntries(cols.map((c) => [c, change.data[c] ?? null]))
    const { lastInsertRowid } = this.insertStatement(info.name, cols).run(values)
    this.rowWritten(info.name, { rowId: change.rowId, op: 'insert', columns: [...info.sqlColumns], previous: null, inserted: { values, rowid: Number(lastInsertRowid) } })
    touched.tables.add(info.name)
    if (typeof change.data.event_id === 'string') touched.eventIds.add(change.data.event_id)
  }

  /** Brings one row to the fold of its change records: inserted, updated, deleted or left as it is. */
  settle(info: SyncedTableInfo, rowId: string, touched: Touched): void {
    const records = this.statement(info.kind === 'lww' ? FOLD_LWW : FOLD_ANY).all(info.name, rowId) as {
      op: string
      data: string
      v: number
    }[]
    if (!records.some((r) => r.op === 'insert')) return // wait for the insert to arrive
    const folded: Record<string, SqlValue> = {}
    for (const r of records) {
      const data = JSON.parse(r.data) as Record<string, SqlValue>
      // Values of a newer version this desk cannot hold yet wait in the log (pending_changes) until it is upgraded.
      if (r.v > this.level) for (const [col, value] of Object.entries(data)) if (info.invalid(col, value)) delete data[col]
      Object.assign(folded, data)
    }
    const cols = [...info.sqlColumns].filter((c) => c in folded)
    const current = this.statement(`SELECT * FROM ${info.name} WHERE id = ?`).get(rowId) as
      | Record<string, SqlValue>
      | undefined
    const deleted = folded[DELETED] === 1
    if (!current) {
      if (deleted) return
      const values = Object.fromEntries(cols.map((c) => [c, folded[c] ?? null]))
      const { lastInsertRowid } = this.insertStatement(info.name, cols).run(values)
      this.rowWritten(info.name, { rowId, op: 'insert', columns: [...info.sqlColumns], previous: null, inserted: { values, rowid: Number(lastInsertRowid) } })
    } else if (deleted) {
      this.statement(`DELETE FROM ${info.name} WHERE id = ?`).run(rowId)
      this.rowWritten(info.name, { rowId, op: 'delete', columns: [...info.sqlColumns], previous: current })
    } else {
      if (info.kind === 'fact') return
      const changed = cols.filter((c) => c !== 'id' && current[c] !== folded[c])
      if (changed.length === 0) return
      this.statement(`UPDATE ${info.name} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
        ...changed.map((c) => folded[c] ?? null),
        rowId
      )
      this.rowWritten(info.name, { rowId, op: 'update', columns: changed, previous: Object.fromEntries(changed.map((c) => [c, current[c] ?? null])) })
    }
    touched.tables.add(info.name)
    const eventId = folded.event_id ?? current?.event_id
    if (typeof eventId === 'string') touched.eventIds.add(eventId)
  }

  /** A peer's record, checked: its shape, its table and columns, every value, and what peers may not do. */
  private check(raw: unknown): { change: ChangeRecord; info: SyncedTableInfo | undefined; later: boolean } | string {
    if (typeof raw !== 'object' || raw === null) return 'not a change record'
    const c = raw as Partial<ChangeRecord>
    if (typeof c.hlc !== 'string' || !Timestamp.parse(c.hlc)) return 'invalid timestamp'
    for (const key of ['deskId', 'tbl', 'rowId', 'action'] as const) {
      const value = c[key]
      if (typeof value !== 'string' || value.length === 0 || value.length > LIMIT.id) return `invalid ${key}`
    }
    if (c.staffId !== null && (typeof c.staffId !== 'string' || c.staffId.length > LIMIT.id)) return 'invalid staffId'
    if (c.op !== 'insert' && c.op !== 'update') return 'invalid op'
    if (typeof c.v !== 'number' || !Number.isInteger(c.v) || c.v < 1) return 'invalid schema level'
    if (typeof c.data !== 'object' || c.data === null || Array.isArray(c.data)) return 'invalid data'
    const columns = Object.keys(c.data)
    if (columns.length === 0 || columns.length > LIMIT.columns) return 'invalid data'
    const change = c as ChangeRecord
    const newer = change.v > this.level
    const info = this.tables.get(change.tbl)
    if (!info) return newer ? { change, info, later: true } : `unknown table ${change.tbl}`
    if (info.kind === 'fact' && change.op !== 'insert') return `${info.name} records are append-only`
    if (change.op === 'insert') {
      if (change.data.id !== change.rowId) return 'the inserted id differs from the row id'
      const missing = info.required.find((col) => change.data[col] === undefined)
      if (missing) return `${info.name}.${missing} is missing`
    }
    let later = false
    for (const col of columns) {
      const value = change.data[col]
      if (col === DELETED && info.kind === 'fact') return `${info.name} rows cannot be deleted`
      if (col !== DELETED && !info.sqlColumns.has(col)) {
        if (!newer) return `unknown column ${info.name}.${col}`
        if (value !== null && typeof value !== 'string' && typeof value !== 'number') return `invalid ${info.name}.${col}`
        later = true
        continue
      }
      const problem = info.invalid(col, value)
      // A newer desk may allow what this one does not know yet (a new status): kept, applied after the upgrade.
      if (problem && newer) later = true
      else if (problem) return `${info.name}.${col} ${problem}`
    }
    const refused = info.refuseFromPeer?.(change)
    if (refused) return refused
    return { change, info, later }
  }
}

function hlcOf(raw: unknown): string {
  const hlc = (raw as { hlc?: unknown } | null)?.hlc
  return typeof hlc === 'string' ? hlc.slice(0, 64) : ''
}
