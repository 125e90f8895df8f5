/**
 * Conflicts are data: what desks working apart could not prevent (one code
 * minted twice, one e-mail registered twice, one person let in at two desks, a
 * ticket type over its capacity) is kept in one derived table, the same on
 * every desk that holds the same records. Domains declare the rules; the
 * kernel keeps the table in step with every row write, local or merged, and
 * can rebuild it from scratch.
 */
import type { RowWrite } from './changelog'
import type { SqlValue } from './db'
import type { GuardedSql } from './sql'

type Row = Record<string, SqlValue>

export interface ConflictGroup {
  eventId: string | null
  /** Ids of the rows in conflict, sorted: the same list on every desk. */
  members: string[]
  /** What a screen needs to explain it (a code, an e-mail, a count and a capacity…). */
  detail: Record<string, SqlValue>
}

export interface ConflictRule {
  /** Stable name, e.g. 'same_code'. */
  kind: string
  /** Synced tables whose row writes can start, change or end a conflict of this kind. */
  follows: readonly string[]
  /** The keys a write may affect, from the row as it is now (null once deleted) and as it was (null when new). */
  keys(table: string, row: Row | null, before: Row | null): (string | null)[]
  /** The conflict under `key` as the data stands now, or null when there is none. */
  find(read: GuardedSql, key: string): ConflictGroup | null
  /** Every conflict of this kind, for a rebuild. */
  all(read: GuardedSql): Iterable<[key: string, group: ConflictGroup]>
}

/**
 * Above this many keys of one rule in one transaction, the rule's whole scan is
 * cheaper than a lookup per key (lookups ~4 µs each; a scan of 100,000 attendees
 * ~50 ms): a 50,000-row import scans, a peer's batch of 1,000 looks up.
 */
const BULK_KEYS = 10_000

const UPSERT = `INSERT INTO conflicts (id, kind, event_id, members, detail) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET event_id = excluded.event_id, members = excluded.members, detail = excluded.detail
  WHERE members != excluded.members OR detail != excluded.detail OR event_id IS NOT excluded.event_id`

/**
 * Keeps the conflicts table: one projection per followed table notes the keys
 * a write touched; `flush()`, run once before the transaction commits, judges
 * each key once (a 50,000-row import into one ticket type judges its capacity
 * once, not 50,000 times). And the rebuild.
 */
export class ConflictKeeper {
  /** Set when a write changed the conflicts table; read (and cleared) after each transaction. */
  changed = false
  private readonly pending = new Map<ConflictRule, Set<string>>()

  constructor(
    private readonly rules: readonly ConflictRule[],
    private readonly read: GuardedSql,
    private readonly sql: GuardedSql
  ) {}

  /** The tables some rule follows. */
  get followed(): string[] {
    return [...new Set(this.rules.flatMap((r) => r.follows))]
  }

  /** A projection for one table: notes the keys the write may have touched. */
  projection(table: string): (write: RowWrite) => void {
    const rules = this.rules.filter((r) => r.follows.includes(table))
    const rowById = this.read.prepare(`SELECT * FROM ${table} WHERE id = ?`)
    return ({ rowId, op, columns, previous, inserted }) => {
      const row = op === 'delete' ? null : (inserted?.values ?? (rowById.get(rowId) as Row | undefined) ?? null)
      const before = op === 'insert' ? null : op === 'delete' ? previous : row && { ...row, ...pick(previous, columns) }
      for (const rule of rules) {
        let keys = this.pending.get(rule)
        if (!keys) this.pending.set(rule, (keys = new Set()))
        for (const key of rule.keys(table, row, before)) if (key !== null) keys.add(key)
      }
    }
  }

  /**
   * Judges every key noted since the last flush. Run inside the transaction,
   * before it commits. Many keys of one rule (an import) are judged in one
   * scan of the rule's table rather than one lookup each: 50,000 lookups cost
   * ~0.8 s, the scan tens of milliseconds.
   */
  flush(): void {
    for (const [rule, keys] of this.pending) {
      if (keys.size > BULK_KEYS) this.refresh(rule)
      else for (const key of keys) this.settle(rule, key)
    }
    this.pending.clear()
  }

  /** Forgets the noted keys of a transaction that rolled back. */
  discard(): void {
    this.pending.clear()
  }

  rebuild(): void {
    this.pending.clear()
    this.sql.run('DELETE FROM conflicts')
    for (const rule of this.rules) for (const [key, group] of rule.all(this.read)) this.store(rule, key, group)
    this.changed = true
  }

  /** Every conflict of one rule judged afresh: what the scan finds is stored, what it no longer finds goes. */
  private refresh(rule: ConflictRule): void {
    const stale = new Set(this.read.all<{ id: string }>('SELECT id FROM conflicts WHERE kind = ?', rule.kind).map((r) => r.id))
    for (const [key, group] of rule.all(this.read)) {
      stale.delete(`${rule.kind}:${key}`)
      this.store(rule, key, group)
    }
    for (const id of stale) this.sql.run('DELETE FROM conflicts WHERE id = ?', id)
    if (stale.size > 0) this.changed = true
  }

  private settle(rule: ConflictRule, key: string): void {
    const group = rule.find(this.read, key)
    if (group) this.store(rule, key, group)
    else if (this.sql.run('DELETE FROM conflicts WHERE id = ?', `${rule.kind}:${key}`) > 0) this.changed = true
  }

  private store(rule: ConflictRule, key: string, group: ConflictGroup): void {
    const stored = this.sql.run(UPSERT, `${rule.kind}:${key}`, rule.kind, group.eventId, JSON.stringify(group.members), JSON.stringify(group.detail))
    if (stored > 0) this.changed = true
  }
}

function pick(values: Row | null, columns: string[]): Row {
  const out: Row = {}
  if (values) for (const c of columns) if (c in values) out[c] = values[c]!
  return out
}
