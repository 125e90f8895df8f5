/**
 * What the kernel knows of the tables the modules declare: synced tables (lww
 * rows merged per column, or append-only facts), local tables (this desk only)
 * and how to check a value a peer sends for a column.
 */
import { getTableColumns, getTableName } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { SqlValue } from './db'

export type SyncKind = 'lww' | 'fact'
/**
 * Which desks hold a synced table: every desk of the fleet, only desks
 * organizers work on, desks where the sales team (or organizers) sign in, or
 * those plus exhibitors' booth devices. Declared per table; the sync engine
 * does not filter by scope yet (every paired desk still receives every record).
 */
export type SyncScope = 'fleet' | 'organizers' | 'sales' | 'booth'

export interface SyncedTableSpec {
  table: SQLiteTable
  kind: SyncKind
  scope: SyncScope
  /** Columns that belong to this desk alone (never in a change record), e.g. a local integer key. */
  localColumns?: readonly string[]
  /** A record a peer may not make, whatever its values (e.g. renaming another desk). */
  refuseFromPeer?: (change: { deskId: string; rowId: string; data: Record<string, SqlValue> }) => string | null
  /**
   * How the audit names a row to a person: a read taking the row id (?) and
   * giving `subject` ("Anna Smith (K7PX3M)") and, for rows holding amounts,
   * their `currency`. Read with the module's own knowledge of its rows.
   */
  describe?: string
}

export interface LocalTableSpec {
  table: SQLiteTable
  kind: 'local'
}

export type TableSpec = SyncedTableSpec | LocalTableSpec

/** The pseudo-column of a deletion: a per-column change like any other, so a later edit or restore merges by time. */
export const DELETED = '_deleted'

/** Longest text a peer may send for one value (the largest field a form allows is far below). */
const MAX_TEXT = 100_000

export interface SyncedTableInfo {
  name: string
  kind: SyncKind
  scope: SyncScope
  /** TS property name → SQL column name, local columns excluded. */
  columns: Map<string, string>
  sqlColumns: Set<string>
  /** Columns an inserted row must have (not null, no default). */
  required: string[]
  /** Null when `value` is acceptable for `column`, else why not. */
  invalid(column: string, value: unknown): string | null
  refuseFromPeer?: SyncedTableSpec['refuseFromPeer']
}

function columnCheck(col: SQLiteColumn): (value: unknown) => string | null {
  const enumValues = (col as { enumValues?: readonly string[] }).enumValues
  return (value) => {
    if (value === null) return col.notNull ? 'must not be empty' : null
    switch (col.dataType) {
      case 'boolean':
        return value === 0 || value === 1 ? null : 'must be 0 or 1'
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number'
      default:
        if (typeof value !== 'string') return 'must be text'
        if (value.length > MAX_TEXT) return 'is too long'
        if (enumValues && enumValues.length > 0 && !enumValues.includes(value)) return `must be one of ${enumValues.join(', ')}`
        return null
    }
  }
}

export function syncedTableInfo(spec: SyncedTableSpec): SyncedTableInfo {
  const local = new Set(spec.localColumns ?? [])
  const columns = new Map<string, string>()
  const checks = new Map<string, (value: unknown) => string | null>()
  const required: string[] = []
  for (const [key, col] of Object.entries(getTableColumns(spec.table))) {
    if (local.has(col.name)) continue
    columns.set(key, col.name)
    checks.set(col.name, columnCheck(col))
    if (col.notNull && !col.hasDefault) required.push(col.name)
  }
  checks.set(DELETED, (v) => (v === 0 || v === 1 ? null : 'must be 0 or 1'))
  return {
    name: getTableName(spec.table),
    kind: spec.kind,
    scope: spec.scope,
    columns,
    sqlColumns: new Set(columns.values()),
    required,
    invalid: (column, value) => checks.get(column)?.(value) ?? null,
    refuseFromPeer: spec.refuseFromPeer
  }
}
