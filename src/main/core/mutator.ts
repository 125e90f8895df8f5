/**
 * The one write path for synced tables. Every insert/update goes through a
 * Writer, which in the same SQLite transaction changes the row and appends a
 * change record (HLC, desk, staff, action, table, row, columns written).
 * applyRemoteChange() merges a peer's record: idempotent, per-column
 * last-writer-wins for ordinary tables, insert-only for append-only facts.
 */
import { getTableColumns, getTableName } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { ApiError } from '../../shared/errors'
import type { Sqlite, Statement } from '../db/open'
import { attendees, checkins, desks, events, staff, ticketTypes } from '../db/schema'
import type { DeskClock } from './clock'

type SqlValue = string | number | null
type ColumnValue = SqlValue | boolean

const SYNCED = {
  events: { table: events, kind: 'lww' },
  ticket_types: { table: ticketTypes, kind: 'lww' },
  attendees: { table: attendees, kind: 'lww' },
  staff: { table: staff, kind: 'lww' },
  desks: { table: desks, kind: 'lww' },
  checkins: { table: checkins, kind: 'fact' }
} as const

export type SyncedTable = (typeof SYNCED)[keyof typeof SYNCED]['table']
type LwwTable = Exclude<SyncedTable, typeof checkins>
export type SyncedTableName = keyof typeof SYNCED

/** Columns a caller may write: every column but local-only ones (attendees.seq). */
type Row<T extends SyncedTable> = Omit<T['$inferInsert'], 'seq'>

interface TableInfo {
  name: SyncedTableName
  kind: 'lww' | 'fact'
  /** TS property name → SQL column name, local-only columns excluded. */
  columns: Map<string, string>
  sqlColumns: Set<string>
}

const LOCAL_COLUMNS = new Set(['seq'])

const tableInfo = new Map<SQLiteTable, TableInfo>()
const tableInfoByName = new Map<string, TableInfo>()
for (const [name, spec] of Object.entries(SYNCED)) {
  const columns = new Map<string, string>()
  for (const [key, col] of Object.entries(getTableColumns(spec.table))) {
    if (!LOCAL_COLUMNS.has(col.name)) columns.set(key, col.name)
  }
  if (getTableName(spec.table) !== name) throw new Error(`synced table name mismatch: ${name}`)
  const info: TableInfo = { name: name as SyncedTableName, kind: spec.kind, columns, sqlColumns: new Set(columns.values()) }
  tableInfo.set(spec.table, info)
  tableInfoByName.set(name, info)
}

export interface ChangeRecord {
  hlc: string
  deskId: string
  staffId: string | null
  action: string
  tbl: string
  rowId: string
  op: 'insert' | 'update'
  data: Record<string, SqlValue>
}

/**
 * A derived structure of this desk (e.g. the search index) kept in step with a
 * synced table, called in the same transaction after every row write — local
 * or applied from a peer.
 */
export type Projection = (write: RowWrite) => void

export interface RowWrite {
  rowId: string
  op: 'insert' | 'update'
  /** SQL columns written. */
  columns: string[]
  /** For updates, the values those columns had before. */
  previous: Record<string, SqlValue> | null
}

export interface Actor {
  staffId: string | null
  action: string
}

/** What a transaction touched, for "data changed" notifications after commit. */
export interface Touched {
  tables: Set<string>
  eventIds: Set<string>
}

function toSql(value: ColumnValue | undefined): SqlValue {
  if (value === undefined) return null
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

/**
 * Owns the prepared statements of the write path for one database. Writers are
 * cheap views of it bound to one action and one staff member.
 */
export class ChangeLog {
  private readonly statements = new Map<string, Statement>()
  private readonly insertChange: Statement
  private readonly projections = new Map<string, Projection[]>()

  constructor(
    readonly sqlite: Sqlite,
    readonly clock: DeskClock,
    readonly deskId: string
  ) {
    this.insertChange = sqlite.prepare(
      'INSERT OR IGNORE INTO changes (hlc, desk_id, staff_id, action, tbl, row_id, op, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    )
  }

  project(table: SyncedTableName, projection: Projection): void {
    this.projections.set(table, [...(this.projections.get(table) ?? []), projection])
  }

  /** Runs the projections of a table after one of its rows was written. */
  rowWritten(table: string, write: RowWrite): void {
    for (const projection of this.projections.get(table) ?? []) projection(write)
  }

  writer(actor: Actor, touched: Touched = { tables: new Set(), eventIds: new Set() }): Writer {
    return new Writer(this, actor, touched)
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
    const key = `${table}:${columns.join(',')}`
    let stmt = this.statements.get(key)
    if (!stmt) {
      stmt = this.sqlite.prepare<unknown[]>(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`
      )
      this.statements.set(key, stmt)
    }
    return stmt
  }

  /** Appends a change record; false if this exact record (same HLC) is already here. */
  record(change: ChangeRecord): boolean {
    const result = this.insertChange.run(
      change.hlc,
      change.deskId,
      change.staffId,
      change.action,
      change.tbl,
      change.rowId,
      change.op,
      JSON.stringify(change.data)
    )
    return result.changes > 0
  }

  /**
   * Merges a change made on another desk. Idempotent: a record already applied
   * is ignored. For ordinary tables each column takes the value with the latest
   * HLC, so edits of different fields on different desks both survive. Facts
   * (check-ins) are only ever inserted.
   */
  applyRemoteChange(change: ChangeRecord): 'applied' | 'duplicate' {
    const info = tableInfoByName.get(change.tbl)
    if (!info) throw new ApiError('invalid_input', `Unknown table in change record: ${change.tbl}`)
    for (const col of Object.keys(change.data)) {
      if (!info.sqlColumns.has(col)) throw new ApiError('invalid_input', `Unknown column ${change.tbl}.${col}`)
    }
    if (info.kind === 'fact' && change.op !== 'insert') {
      throw new ApiError('invalid_input', `${change.tbl} records are append-only`)
    }
    return this.sqlite.transaction(() => {
      this.clock.receive(change.hlc)
      if (!this.record(change)) return 'duplicate' as const
      const exists = this.statement(`SELECT 1 FROM ${info.name} WHERE id = ?`).get(change.rowId) !== undefined
      if (!exists) {
        if (this.materialise(info, change.rowId)) {
          this.rowWritten(info.name, { rowId: change.rowId, op: 'insert', columns: [...info.sqlColumns], previous: null })
        }
        return 'applied' as const
      }
      if (info.kind === 'fact') return 'applied' as const
      const newer = this.statement(`SELECT data FROM changes WHERE tbl = ? AND row_id = ? AND hlc > ?`).all(
        change.tbl,
        change.rowId,
        change.hlc
      ) as { data: string }[]
      const shadowed = new Set(newer.flatMap((r) => Object.keys(JSON.parse(r.data) as object)))
      const cols = Object.keys(change.data).filter((c) => c !== 'id' && !shadowed.has(c))
      if (cols.length > 0) {
        const previous = this.statement(`SELECT ${cols.join(', ')} FROM ${info.name} WHERE id = ?`).get(change.rowId) as Record<
          string,
          SqlValue
        >
        this.statement(`UPDATE ${info.name} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
          ...cols.map((c) => change.data[c] ?? null),
          change.rowId
        )
        this.rowWritten(info.name, { rowId: change.rowId, op: 'update', columns: cols, previous })
      }
      return 'applied' as const
    })()
  }

  /** Builds a row that isn't here yet from all its change records (they may arrive in any order). */
  private materialise(info: TableInfo, rowId: string): boolean {
    const records = this.statement(`SELECT op, data FROM changes WHERE tbl = ? AND row_id = ? ORDER BY hlc`).all(
      info.name,
      rowId
    ) as { op: string; data: string }[]
    if (!records.some((r) => r.op === 'insert')) return false // wait for the insert to arrive
    const row: Record<string, SqlValue> = {}
    for (const r of records) Object.assign(row, JSON.parse(r.data) as Record<string, SqlValue>)
    const cols = Object.keys(row).filter((c) => info.sqlColumns.has(c))
    this.insertStatement(info.name, cols).run(Object.fromEntries(cols.map((c) => [c, row[c] ?? null])))
    return true
  }
}

export class Writer {
  constructor(
    private readonly log: ChangeLog,
    private readonly actor: Actor,
    readonly touched: Touched
  ) {}

  insert<T extends SyncedTable>(table: T, values: Row<T>): void {
    const info = infoOf(table)
    const data: Record<string, SqlValue> = {}
    for (const [key, value] of Object.entries(values as Record<string, ColumnValue>)) {
      const col = info.columns.get(key)
      if (!col) throw new Error(`${info.name} has no column ${key}`)
      data[col] = toSql(value)
    }
    const rowId = data.id
    if (typeof rowId !== 'string') throw new Error(`${info.name} insert without id`)
    this.log.insertStatement(info.name, Object.keys(data)).run(data)
    this.append(info, rowId, 'insert', data, null)
  }

  /**
   * Writes the fields of `patch` that differ from the stored row. Returns false
   * when nothing changed (no change record is made for a no-op edit).
   */
  update<T extends LwwTable>(table: T, id: string, patch: Partial<Omit<Row<T>, 'id'>>): boolean {
    const info = infoOf(table)
    const entries = Object.entries(patch as Record<string, ColumnValue | undefined>).filter(([, v]) => v !== undefined)
    const cols = entries.map(([key]) => {
      const col = info.columns.get(key)
      if (!col || col === 'id') throw new Error(`${info.name} has no writable column ${key}`)
      return col
    })
    const selected = info.sqlColumns.has('event_id') ? ['id', 'event_id', ...cols] : ['id', ...cols]
    const current = this.log
      .statement(`SELECT ${[...new Set(selected)].join(', ')} FROM ${info.name} WHERE id = ?`)
      .get(id) as Record<string, SqlValue> | undefined
    if (!current) throw new ApiError('not_found', `No ${info.name.replace(/_/g, ' ')} with id ${id}`, { key: 'notFound' })
    const data: Record<string, SqlValue> = {}
    entries.forEach(([, value], i) => {
      const col = cols[i]!
      const sqlValue = toSql(value)
      if (current[col] !== sqlValue) data[col] = sqlValue
    })
    const changed = Object.keys(data)
    if (changed.length === 0) return false
    this.log
      .statement(`UPDATE ${info.name} SET ${changed.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
      .run(...changed.map((c) => data[c] ?? null), id)
    if (typeof current.event_id === 'string') this.touched.eventIds.add(current.event_id)
    this.append(info, id, 'update', data, current)
    return true
  }

  private append(
    info: TableInfo,
    rowId: string,
    op: 'insert' | 'update',
    data: Record<string, SqlValue>,
    previous: Record<string, SqlValue> | null
  ): void {
    this.log.rowWritten(info.name, { rowId, op, columns: Object.keys(data), previous })
    this.log.record({
      hlc: this.log.clock.now(),
      deskId: this.log.deskId,
      staffId: this.actor.staffId,
      action: this.actor.action,
      tbl: info.name,
      rowId,
      op,
      data
    })
    this.touched.tables.add(info.name)
    if (typeof data.event_id === 'string') this.touched.eventIds.add(data.event_id)
  }
}

function infoOf(table: SQLiteTable): TableInfo {
  const info = tableInfo.get(table)
  if (!info) throw new Error(`${getTableName(table)} is not a synced table`)
  return info
}
