/**
 * The one write path for synced tables. Every insert/update/delete goes
 * through a Writer, which in the same SQLite transaction changes the row,
 * runs the projections that keep derived tables in step, and appends a change
 * record (HLC, desk, staff, action, table, row, the columns written).
 */
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { ApiError } from '../../shared/errors'
import type { ChangeLog, Touched } from './changelog'
import type { SqlValue } from './db'
import type { GuardedSql } from './sql'
import { DELETED, type SyncedTableInfo } from './tables'

type ColumnValue = SqlValue | boolean

export interface Actor {
  staffId: string | null
  action: string
}

function toSql(value: ColumnValue | undefined): SqlValue {
  if (value === undefined) return null
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

export class Writer {
  constructor(
    private readonly log: ChangeLog,
    private readonly infoOf: (table: SQLiteTable) => SyncedTableInfo,
    private readonly actor: Actor,
    readonly touched: Touched,
    /** Writes to this desk's local tables (sessions, throttles): no change record, never synced. */
    readonly local: GuardedSql
  ) {}

  insert<T extends SQLiteTable>(table: T, values: T['$inferInsert']): void {
    const info = this.infoOf(table)
    const data: Record<string, SqlValue> = {}
    for (const [key, value] of Object.entries(values as Record<string, ColumnValue>)) {
      const col = info.columns.get(key)
      if (!col) throw new Error(`${info.name} has no synced column ${key}`)
      data[col] = toSql(value)
    }
    const rowId = data.id
    if (typeof rowId !== 'string') throw new Error(`${info.name} insert without id`)
    const { lastInsertRowid } = this.log.insertStatement(info.name, Object.keys(data)).run(data)
    this.log.rowWritten(info.name, { rowId, op: 'insert', columns: Object.keys(data), previous: null, inserted: { values: data, rowid: Number(lastInsertRowid) } })
    this.append(info, rowId, 'insert', data)
  }

  /**
   * Writes the fields of `patch` that differ from the stored row. Returns false
   * when nothing changed (no change record is made for a no-op edit).
   */
  update<T extends SQLiteTable>(table: T, id: string, patch: Partial<Omit<T['$inferInsert'], 'id'>>): boolean {
    const info = this.lww(table)
    const entries = Object.entries(patch as Record<string, ColumnValue | undefined>).filter(([, v]) => v !== undefined)
    const cols = entries.map(([key]) => {
      const col = info.columns.get(key)
      if (!col || col === 'id') throw new Error(`${info.name} has no writable column ${key}`)
      return col
    })
    const current = this.current(info, id, cols)
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
    this.log.rowWritten(info.name, { rowId: id, op: 'update', columns: changed, previous: current })
    this.append(info, id, 'update', data)
    return true
  }

  /** Deletes a row: gone from every read, kept in the log as a `_deleted` change that merges like any other. */
  delete<T extends SQLiteTable>(table: T, id: string): void {
    const info = this.lww(table)
    // Every column, local ones too: projections of a deleted row need all it had (e.g. its search index key).
    const current = this.current(info, id, ['*'])
    this.log.statement(`DELETE FROM ${info.name} WHERE id = ?`).run(id)
    if (typeof current.event_id === 'string') this.touched.eventIds.add(current.event_id)
    this.log.rowWritten(info.name, { rowId: id, op: 'delete', columns: [...info.sqlColumns], previous: current })
    this.append(info, id, 'update', { [DELETED]: 1 })
  }

  private lww(table: SQLiteTable): SyncedTableInfo {
    const info = this.infoOf(table)
    if (info.kind !== 'lww') throw new Error(`${info.name} is append-only`)
    return info
  }

  private current(info: SyncedTableInfo, id: string, cols: string[]): Record<string, SqlValue> {
    const selected = new Set(['id', ...(info.sqlColumns.has('event_id') ? ['event_id'] : []), ...cols])
    const row = this.log.statement(`SELECT ${[...selected].join(', ')} FROM ${info.name} WHERE id = ?`).get(id) as
      | Record<string, SqlValue>
      | undefined
    if (!row) throw new ApiError('not_found', `No ${info.name.replace(/_/g, ' ')} with id ${id}`, { key: 'notFound' })
    return row
  }

  private append(info: SyncedTableInfo, rowId: string, op: 'insert' | 'update', data: Record<string, SqlValue>): void {
    this.log.record({
      hlc: this.log.clock.now(),
      deskId: this.log.deskId,
      staffId: this.actor.staffId,
      action: this.actor.action,
      tbl: info.name,
      rowId,
      op,
      data,
      v: this.log.level
    })
    this.touched.tables.add(info.name)
    if (typeof data.event_id === 'string') this.touched.eventIds.add(data.event_id)
  }
}

