import { EventEmitter } from 'node:events'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { getTableName } from 'drizzle-orm'
import type { z } from 'zod'
import { contract, type ChangedEvent } from '../../shared/contract'
import type { AnyMethodSpec } from '../../shared/contract/method'
import { FIELD_MESSAGE_PARAMS, FIELD_MESSAGES, type FieldMessageKey } from '../../shared/fields'
import { ApiError, type FieldIssue } from '../../shared/errors'
import { ChangeLog, newTouched, type ApplyResult, type ChangeRecord, type Touched } from './changelog'
import { DeskClock } from './clock'
import { ConflictKeeper } from './conflicts'
import { openDatabase, type Sqlite } from './db'
import { newId } from './ids'
import type { ChunkedWriteCtx, Ctx, Desk, DeskModule, MethodHandler, Session, StepsCtx, WriteCtx } from './module'
import { GuardedSql } from './sql'
import { syncedTableInfo, type SyncedTableInfo } from './tables'
import { WriteLock } from './write-lock'
import { Writer, type Actor } from './writer'

export interface CoreOptions {
  /** Folder holding this desk's database. */
  dataDir: string
  /** Folder with the app's `drizzle/` migrations. */
  appRoot: string
  /** The domain modules this desk runs (src/main/modules.ts). */
  modules: readonly AnyModule[]
  /** Names this desk (shown in check-in outcomes and the audit); the host name by default. */
  deskName?: string
  appVersion?: string
}

// Modules of different slices in one list: each was checked against its own slice by defineModule.
type AnyModule = DeskModule<any>

interface Method {
  spec: AnyMethodSpec
  handler: MethodHandler<unknown, unknown>
}

export interface CallOptions {
  /**
   * Where the call comes from: a network address (station mode) or 'local',
   * this desk's own window and in-process callers (the default).
   */
  client?: string
}

/** A method call let through the door: the method exists, and the caller may call it. */
export interface Admitted {
  name: string
  spec: AnyMethodSpec
  session: Session | null
}

const KERNEL_TOPICS = ['changes', 'conflicts']

/** Who calls: the context every handler kind shares. */
type Caller = Pick<Ctx, 'session' | 'method' | 'client'>
/** How often a chunked write tells screens what it changed so far (each chunk would flood them). */
const CHUNK_NOTICE_MS = 1000

/**
 * One desk: its database, its clock, its change log, and the methods of the
 * modules it runs. It knows no domain: the modules declare what they bring.
 */
export class Core implements Desk {
  /** The writing connection: the kernel's, and tests' and benchmarks' for inspection. */
  readonly sqlite: Sqlite
  readonly schemaVersion: string
  readonly databaseFile: string
  readonly id: string
  readonly appVersion: string
  readonly clock: DeskClock
  readonly changeLog: ChangeLog
  /** Tables that belong to this desk alone (sessions, throttles, settings): never synced, left out of backups. */
  readonly localTables: ReadonlySet<string>
  private readonly readConnection: Sqlite
  private readonly reader: GuardedSql
  private readonly inWrite: GuardedSql
  private readonly local: GuardedSql
  private readonly tableInfo = new Map<SQLiteTable, SyncedTableInfo>()
  private readonly methods = new Map<string, Method>()
  private readonly derived: { name: string; rebuild: () => void }[] = []
  private readonly conflicts: ConflictKeeper
  private readonly descriptions = new Map<string, string>()
  private readonly authenticator: (token: string) => Session | null
  private readonly sessionTables = new Set<string>()
  private readonly modules: readonly AnyModule[]
  private readonly emitter = new EventEmitter()
  private readonly writeLock = new WriteLock()

  constructor(options: CoreOptions) {
    mkdirSync(options.dataDir, { recursive: true })
    this.databaseFile = join(options.dataDir, 'eventdesk.db')
    const opened = openDatabase(this.databaseFile, join(options.appRoot, 'drizzle'))
    this.sqlite = opened.writer
    this.schemaVersion = opened.schemaVersion
    this.appVersion = options.appVersion ?? '0.0.0'
    this.id = this.loadDeskId()
    const last = (this.sqlite.prepare('SELECT max(hlc) AS hlc FROM changes').get() as { hlc: string | null }).hlc
    this.clock = new DeskClock(this.id.replace(/-/g, '').slice(-16).toUpperCase(), last)

    this.modules = options.modules
    const synced = new Map<string, SyncedTableInfo>()
    const localTables = new Set<string>()
    const topics = new Set(KERNEL_TOPICS)
    for (const module of options.modules) {
      for (const topic of module.topics ?? []) {
        if (topics.has(topic)) throw new Error(`The topic ${topic} is declared twice`)
        topics.add(topic)
      }
      for (const spec of module.tables ?? []) {
        const name = getTableName(spec.table)
        if (topics.has(name)) throw new Error(`The table ${name} is declared twice`)
        topics.add(name)
        if (spec.kind === 'local') localTables.add(name)
        else {
          const info = syncedTableInfo(spec)
          synced.set(name, info)
          this.tableInfo.set(spec.table, info)
          if (spec.describe) this.descriptions.set(name, spec.describe)
        }
      }
    }
    this.changeLog = new ChangeLog(this.sqlite, this.clock, this.id, opened.level, synced)
    this.localTables = localTables
    this.readConnection = opened.reader
    this.reader = new GuardedSql(opened.reader)
    this.inWrite = new GuardedSql(this.sqlite)
    this.local = new GuardedSql(this.sqlite, localTables)

    let authenticate: AnyModule['authenticate']
    for (const module of options.modules) {
      const derivedTables = new Set((module.derived ?? []).map((d) => d.name))
      const derivedSql = new GuardedSql(this.sqlite, derivedTables)
      for (const d of module.derived ?? []) this.derived.push({ name: d.name, rebuild: () => d.rebuild(derivedSql) })
      for (const p of module.projections ?? []) {
        if (!synced.has(p.follows)) throw new Error(`${module.name} projects ${p.follows}, which is not a synced table`)
        this.changeLog.project(p.follows, p.create(derivedSql))
      }
      for (const [name, spec] of Object.entries(module.contract as Record<string, AnyMethodSpec>)) {
        if (this.methods.has(name)) throw new Error(`The method ${name} is handled by two modules`)
        const unknown = spec.reads.filter((t) => !topics.has(t))
        if (unknown.length > 0) throw new Error(`${name} reads ${unknown.join(', ')}, which no module declares`)
        const handler = (module.handlers as Record<string, MethodHandler<unknown, unknown> | undefined>)[name]
        if (!handler) throw new Error(`${module.name} has no handler for ${name}`)
        this.methods.set(name, { spec, handler })
      }
      if (module.authenticate) {
        if (authenticate) throw new Error('Two modules authenticate sessions')
        authenticate = module.authenticate
        for (const table of module.sessionTables ?? []) this.sessionTables.add(table)
      }
    }
    // Conflicts are judged last, once every other derived table (counters…) reflects the write.
    this.conflicts = new ConflictKeeper(
      options.modules.flatMap((m) => m.conflicts ?? []),
      this.inWrite,
      new GuardedSql(this.sqlite, new Set(['conflicts']))
    )
    for (const table of this.conflicts.followed) {
      if (!synced.has(table)) throw new Error(`A conflict rule follows ${table}, which is not a synced table`)
      this.changeLog.project(table, this.conflicts.projection(table))
    }
    this.derived.push({ name: 'conflicts', rebuild: () => this.conflicts.rebuild() })

    const missing = Object.keys(contract).filter((name) => !this.methods.has(name))
    if (missing.length > 0) throw new Error(`No module handles ${missing.join(', ')}`)
    const auth = authenticate
    this.authenticator = auth ? (token) => auth.call(null, this.reader, token) : () => null

    this.rebuildRequested()
    this.runWrite({ staffId: null, action: 'desk.start' }, (write) => {
      this.changeLog.settlePending(write.touched)
      const caller = { session: null, method: 'desk.start', client: 'local' }
      for (const module of options.modules) module.start?.({ deskName: options.deskName }, this.writeCtx(caller, write))
    })
  }

  clockWarning() {
    return this.clock.warning
  }

  describeSql(table: string): string | undefined {
    return this.descriptions.get(table)
  }

  /** The session behind a bearer token, or null. */
  authenticate(token: string): Session | null {
    return this.authenticator(token)
  }

  /**
   * The door of every call: the method exists, the token holds a session if
   * the method needs one, and its role may call it — checked before anything
   * of the request is read (station mode reads no body it would refuse).
   */
  admit(name: string, token: string | null): Admitted {
    const method = this.methods.get(name)
    if (!method) throw new ApiError('unknown_method', `Unknown method "${name.slice(0, 100)}"`)
    const { spec } = method
    const session = token ? this.authenticate(token) : null
    if (spec.roles !== 'public') {
      if (!session) throw new ApiError('unauthenticated', 'Sign in first', { key: 'signInFirst' })
      if (!spec.roles.includes(session.staff.role)) {
        throw new ApiError('forbidden', `The ${session.staff.role} role may not call ${name}`, { key: 'forbidden' })
      }
    }
    return { name, spec, session }
  }

  /**
   * Runs one API method as the holder of `token` (or anonymously for public
   * methods): unknown method, missing session, wrong role and invalid input
   * are refused before any handler runs.
   */
  async call(name: string, rawInput: unknown, token: string | null, options: CallOptions = {}): Promise<unknown> {
    const { spec, session } = this.admit(name, token)
    const { handler } = this.methods.get(name)!
    const client = options.client ?? 'local'
    const parsed = spec.input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const issues = parsed.error.issues.map(toFieldIssue)
      const first = issues[0]!
      throw new ApiError('invalid_input', `Invalid ${first.path}: ${first.message}`, { issues, key: 'invalidField' })
    }
    const input: unknown = parsed.data
    const caller: Caller = { session, method: name, client }
    const actor = { staffId: session?.staff.id ?? null, action: name }
    // Each kind's handler was typed for its own context; the interface names the widest one.
    type AnyCtx = ChunkedWriteCtx & StepsCtx
    switch (handler.kind) {
      case 'query': {
        const ctx: Ctx = { desk: this, read: this.reader, ...caller }
        return await handler.run(input, ctx as AnyCtx)
      }
      case 'steps': {
        const transact = <R>(work: (ctx: WriteCtx) => R): Promise<R> =>
          this.exclusive(() => this.runWrite(actor, (write) => work(this.writeCtx(caller, write))))
        const ctx: StepsCtx = { desk: this, read: this.reader, ...caller, transact }
        return await handler.run(input, ctx as AnyCtx)
      }
      case 'mutation':
        return await this.exclusive(() => this.runWrite(actor, (write) => handler.run(input, this.writeCtx(caller, write) as AnyCtx)))
      case 'chunked':
        return await this.exclusive(() => this.runChunked(actor, caller, handler, input))
    }
  }

  /**
   * The one entry for records made on other desks: in the write queue (never
   * inside another write's transaction), one transaction per batch; screens
   * are told what changed.
   */
  applyRemoteChanges(batch: readonly unknown[]): Promise<ApplyResult> {
    return this.exclusive(() => {
      const touched = newTouched()
      const result = this.inTransaction(() => this.changeLog.applyBatch(batch, touched))
      this.notify(touched)
      return result
    })
  }

  /**
   * A write made by the desk itself rather than a signed-in caller (demo data,
   * tests): the write queue, one transaction, the change log, like any method.
   */
  transact<R>(action: string, work: (ctx: WriteCtx) => R): Promise<R> {
    return this.exclusive(() =>
      this.runWrite({ staffId: null, action }, (write) => work(this.writeCtx({ session: null, method: action, client: 'local' }, write)))
    )
  }

  /** Change records after `since` (an HLC), oldest first. */
  changesSince(since: string, limit = 10_000): ChangeRecord[] {
    return this.changesAfter(new Map(), since, limit)
  }

  /**
   * What a peer holding `vector` (per origin desk, the newest record it has)
   * lacks, oldest first, from `from` on: records of each origin newer than the
   * peer's. Read on the read connection: sync never waits for a write.
   */
  changesAfter(vector: ReadonlyMap<string, string>, from: string, limit: number): ChangeRecord[] {
    const out: ChangeRecord[] = []
    let after = from
    while (out.length < limit) {
      const rows = this.reader.all<RawChange>(
        `SELECT ${CHANGE_COLUMNS} FROM changes WHERE hlc > ? ORDER BY hlc LIMIT ?`,
        after,
        Math.max(limit, 1000)
      )
      if (rows.length === 0) break
      for (const r of rows) if (r.hlc > (vector.get(r.desk_id) ?? '') && out.length < limit) out.push(toRecord(r))
      after = rows.at(-1)!.hlc
    }
    return out
  }

  /** Per origin desk, the newest record this desk holds (its version vector). */
  versionVector(): Map<string, string> {
    return this.changeLog.vector()
  }

  /** Empties and rebuilds every derived table from the synced tables (names of the tables rebuilt). */
  rebuildDerived(): Promise<string[]> {
    return this.exclusive(() => {
      this.sqlite.transaction(() => {
        for (const d of this.derived) d.rebuild()
      })()
      this.notify({ ...newTouched(), tables: new Set(this.derived.map((d) => d.name)) })
      return this.derived.map((d) => d.name)
    })
  }

  /**
   * A migration that recreates a derived table cannot fill it (its rows are
   * computed here, e.g. folded search text): it leaves `rebuild:<table>` in meta.
   */
  private rebuildRequested(): void {
    const requested = this.sqlite.prepare("SELECT key FROM meta WHERE key LIKE 'rebuild:%'").all() as { key: string }[]
    if (requested.length === 0) return
    const names = new Set(requested.map((r) => r.key.slice('rebuild:'.length)))
    this.sqlite.transaction(() => {
      for (const d of this.derived) if (names.has(d.name)) d.rebuild()
      this.sqlite.prepare("DELETE FROM meta WHERE key LIKE 'rebuild:%'").run()
    })()
  }

  /**
   * Runs `work` when every write queued before it has finished: writes never
   * interleave, even when one of them yields to the event loop mid-transaction.
   */
  exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    return this.writeLock.run(work)
  }

  /** Tells screens that live state under these topics (declared by a module) changed: no write, no change record. */
  announce(topics: readonly string[]): void {
    this.emitter.emit('changed', { tables: [...topics], eventIds: [] } satisfies ChangedEvent)
  }

  onChanged(listener: (event: ChangedEvent) => void): () => void {
    this.emitter.on('changed', listener)
    return () => this.emitter.off('changed', listener)
  }

  /**
   * After a write (here or merged from a peer) that may have ended sessions —
   * a sign-out, a deactivation, a PIN reset: holders of open connections
   * should be authenticated again.
   */
  onSessionsChanged(listener: () => void): () => void {
    this.emitter.on('sessions', listener)
    return () => this.emitter.off('sessions', listener)
  }

  close(): void {
    for (const module of this.modules) {
      void Promise.resolve(module.stop?.(this)).catch((err: unknown) => console.error(`${module.name}: stop failed`, err))
    }
    this.readConnection.close()
    this.sqlite.close()
  }

  private writer(actor: Actor, touched: Touched): Writer {
    return new Writer(this.changeLog, (table) => this.syncedInfo(table), actor, touched, this.local)
  }

  private syncedInfo(table: SQLiteTable): SyncedTableInfo {
    const info = this.tableInfo.get(table)
    if (!info) throw new Error(`${getTableName(table)} is not a synced table of any module`)
    return info
  }

  private writeCtx(caller: Caller, write: Writer): WriteCtx {
    return { desk: this, read: this.inWrite, ...caller, write }
  }

  private runWrite<R>(actor: Actor, work: (write: Writer) => R): R {
    const touched = newTouched()
    const result = this.inTransaction(() => work(this.writer(actor, touched)))
    this.notify(touched)
    return result
  }

  /** One transaction whose conflicts are judged before it commits. */
  private inTransaction<R>(work: () => R): R {
    try {
      const result = this.sqlite.transaction(() => {
        const result = work()
        this.conflicts.flush()
        return result
      })()
      this.changeLog.committedTransaction()
      return result
    } catch (err) {
      this.conflicts.discard()
      this.changeLog.rolledBack()
      throw err
    }
  }

  private async runChunked(actor: Actor, caller: Caller, handler: MethodHandler<unknown, unknown>, input: unknown): Promise<unknown> {
    const touched = newTouched()
    const write = this.writer(actor, touched)
    let noticed = Date.now()
    let committed = false
    const commit = (): void => {
      this.conflicts.flush()
      this.sqlite.exec('COMMIT')
      this.changeLog.committedTransaction()
      committed = true
      if (Date.now() - noticed >= CHUNK_NOTICE_MS) {
        this.notify(touched)
        touched.tables.clear()
        touched.eventIds.clear()
        noticed = Date.now()
      }
    }
    const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))
    const writesWaiting = () => this.writeLock.contended
    const commitChunk = async (): Promise<void> => {
      commit()
      await this.writeLock.yieldToQueued()
      this.sqlite.exec('BEGIN IMMEDIATE')
    }
    const unlocked = async <T>(work: () => Promise<T>): Promise<T> => {
      commit()
      try {
        return await this.writeLock.releaseWhile(work)
      } finally {
        this.sqlite.exec('BEGIN IMMEDIATE')
      }
    }
    let autoCheckpoint: number | null = null
    const pauseAutoCheckpoint = (): void => {
      autoCheckpoint ??= this.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number
      this.sqlite.pragma('wal_autocheckpoint = 0')
    }
    this.sqlite.exec('BEGIN IMMEDIATE')
    let result: unknown
    try {
      result = await handler.run(input, {
        ...this.writeCtx(caller, write),
        breathe,
        writesWaiting,
        commitChunk,
        unlocked,
        pauseAutoCheckpoint
      } as ChunkedWriteCtx & StepsCtx)
      this.conflicts.flush()
      this.sqlite.exec('COMMIT')
      this.changeLog.committedTransaction()
    } catch (err) {
      this.conflicts.discard()
      this.changeLog.rolledBack()
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK')
      this.notify(touched)
      const rollback = handler.rollback
      if (rollback && committed) {
        try {
          this.runWrite({ ...actor, action: `${caller.method}.rollback` }, (w) => rollback(input, this.writeCtx(caller, w)))
        } catch (undoErr) {
          // What the chunks recorded stays; the module undoes it when the desk starts again.
          console.error(`${caller.method}: could not undo the committed chunks`, undoErr)
        }
      }
      throw err
    } finally {
      if (autoCheckpoint !== null) this.sqlite.pragma(`wal_autocheckpoint = ${autoCheckpoint}`)
    }
    this.notify(touched)
    return result
  }

  private notify(touched: Touched): void {
    if ([...touched.tables, ...touched.local].some((t) => this.sessionTables.has(t))) this.emitter.emit('sessions')
    const conflictsChanged = this.conflicts.changed
    this.conflicts.changed = false
    if (touched.tables.size === 0 && !conflictsChanged) return
    const kernelTopics = conflictsChanged ? KERNEL_TOPICS : KERNEL_TOPICS.filter((t) => t !== 'conflicts')
    const event: ChangedEvent = { tables: [...touched.tables, ...kernelTopics], eventIds: [...touched.eventIds] }
    this.emitter.emit('changed', event)
  }

  private loadDeskId(): string {
    const row = this.sqlite.prepare("SELECT value FROM meta WHERE key = 'desk_id'").get() as { value: string } | undefined
    if (row) return row.value
    const deskId = newId()
    this.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('desk_id', ?)").run(deskId)
    return deskId
  }
}

/** A row of the `changes` table as SQLite gives it. */
export interface RawChange {
  hlc: string
  desk_id: string
  staff_id: string | null
  action: string
  tbl: string
  row_id: string
  op: 'insert' | 'update'
  data: string
  v: number
}

/** The columns of `changes` that make a record, in the order RawChange names them. */
export const CHANGE_COLUMNS = 'hlc, desk_id, staff_id, action, tbl, row_id, op, data, v'

export function toRecord(r: RawChange): ChangeRecord {
  return {
    hlc: r.hlc,
    deskId: r.desk_id,
    staffId: r.staff_id,
    action: r.action,
    tbl: r.tbl,
    rowId: r.row_id,
    op: r.op,
    data: JSON.parse(r.data) as ChangeRecord['data'],
    v: r.v
  }
}

const MESSAGE_KEYS = new Map(Object.entries(FIELD_MESSAGES).map(([key, text]) => [text as string, key as FieldMessageKey]))

/** A zod issue as the API reports it: path, English message, and a key + params to translate it. */
function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.map(String).join('.') || '(input)'
  const known = MESSAGE_KEYS.get(issue.message)
  if (known) {
    const params = FIELD_MESSAGE_PARAMS[known]
    return { path, message: issue.message, key: known, ...(params ? { params } : {}) }
  }
  if (issue.code === 'too_big') {
    return { path, message: issue.message, key: issue.origin === 'string' ? 'tooLong' : 'tooLarge', params: { max: Number(issue.maximum) } }
  }
  if (issue.code === 'too_small') {
    const min = Number(issue.minimum)
    if (issue.origin === 'string') return { path, message: issue.message, ...(min <= 1 ? { key: 'required' } : { key: 'tooShort', params: { min } }) }
    return { path, message: issue.message, key: 'tooSmall', params: { min } }
  }
  if (issue.code === 'invalid_value') return { path, message: issue.message, key: 'chooseOption' }
  return { path, message: issue.message, key: 'invalid' }
}
