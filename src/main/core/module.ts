/**
 * What a domain module is, and the context its code receives. A module
 * declares its contract slice, its handlers (typed from that slice), its
 * tables (synced lww/fact with their scope, or local), its derived tables
 * with their rebuild routines and the projections that keep them in step.
 * The kernel composes the modules listed in src/main/modules.ts and knows
 * nothing else about them.
 */
import type { z } from 'zod'
import type { ClockWarning } from '../../shared/contract/desk'
import type { Slice, ResultOfSpec, AnyMethodSpec } from '../../shared/contract/method'
import type { Role } from '../../shared/roles'
import type { Projection } from './changelog'
import type { ConflictRule } from './conflicts'
import type { GuardedSql } from './sql'
import type { TableSpec } from './tables'
import type { Writer } from './writer'

export interface SessionStaff {
  id: string
  name: string
  role: Role
}

export interface Session {
  staff: SessionStaff
  tokenHash: string
}

/** The narrow view of the desk that domain code gets (never the kernel itself). */
export interface Desk {
  readonly id: string
  /** The desk's SQLite file, for a worker thread's own read-only connection. */
  readonly databaseFile: string
  readonly appVersion: string
  readonly schemaVersion: string
  clockWarning(): ClockWarning | null
  /** The read that names a row of a synced table for the audit (SyncedTableSpec.describe), if its module gives one. */
  describeSql(table: string): string | undefined
}

export interface Ctx {
  desk: Desk
  /** Reads: on the writer's connection inside a write (to see its own rows), else on the read connection. */
  read: GuardedSql
  session: Session | null
  method: string
  /** Who is calling from where: 'local' for this desk's own window, else the network address of the caller. */
  client: string
}

export interface WriteCtx extends Ctx {
  write: Writer
}

export interface ChunkedWriteCtx extends WriteCtx {
  /** Lets the event loop run between two chunks: requests get read, and their writes queued. */
  breathe(): Promise<void>
  /** Whether writes are queued behind this one (a scanner's check-in): time to commit a chunk. */
  writesWaiting(): boolean
  /**
   * Commits what was written so far, lets every queued write run, then opens
   * the next chunk's transaction. Only when writes wait: each commit rewrites
   * every index page the chunk touched.
   */
  commitChunk(): Promise<void>
  /**
   * Commits what was written so far and lets other writes run while `work`
   * waits (e.g. for a worker thread); the next chunk starts when it is done
   * and the writes queued meanwhile have run. Reads after it see their rows.
   */
  unlocked<T>(work: () => Promise<T>): Promise<T>
  /**
   * Stops SQLite from checkpointing the WAL on this thread until the write
   * ends: a big write's chunks fill the WAL fast, and each checkpoint syncs
   * files for tens of milliseconds (seconds on a busy machine) while a
   * check-in waits. The caller checkpoints on a connection of its own, off
   * this thread (`PRAGMA wal_checkpoint(PASSIVE)` runs beside writers).
   */
  pauseAutoCheckpoint(): void
}

export interface StepsCtx extends Ctx {
  /**
   * One short write as this caller and method: in the write queue, one
   * transaction, committed when `work` returns — a refusal thrown later does
   * not undo it.
   */
  transact<R>(work: (ctx: WriteCtx) => R): Promise<R>
}

type In<S extends AnyMethodSpec> = z.output<S['input']>
type Out<S extends AnyMethodSpec> = ResultOfSpec<S>

/**
 * A method's handler, with how the kernel runs it: a read, a write, or a write
 * in chunks. Cross-cutting behaviour is attached here, where a handler is
 * registered, never repeated inside handler bodies.
 */
export interface MethodHandler<I, R> {
  readonly kind: 'query' | 'mutation' | 'chunked' | 'steps'
  // A method (bivariant): each kind's run takes the context its kind provides.
  run(input: I, ctx: ChunkedWriteCtx & StepsCtx): R | Promise<R>
  /** Chunked writes only: undoes the chunks a failed run committed (if it committed any), in a transaction of its own. */
  rollback?(input: I, ctx: WriteCtx): void
}

export type HandlersOf<S extends Slice> = { [M in keyof S]: MethodHandler<In<S[M]>, Out<S[M]>> }

/** A read: runs at once on the read connection, beside any write in progress. */
export function query<I, R>(run: (input: I, ctx: Ctx) => R | Promise<R>): MethodHandler<I, R> {
  return { kind: 'query', run }
}

/**
 * A write: runs in the desk's write queue, in one SQLite transaction, with a
 * Writer bound to the caller and the method (the change log is the audit);
 * screens are told what changed once it has committed.
 */
export function mutation<I, R>(run: (input: I, ctx: WriteCtx) => R): MethodHandler<I, R> {
  return { kind: 'mutation', run }
}

/**
 * A write too big for one transaction without stalling the desk (a 50,000-row
 * import): it runs in chunks (`ctx.breathe()` between them), and when a write
 * queued meanwhile — a scanner's check-in — it commits what it has
 * (`ctx.commitChunk()`) and lets that write run instead of waiting for the whole. Readers see
 * the chunks committed so far. All or nothing is the handler's to keep: when
 * `run` throws, the open transaction is rolled back and `rollback` undoes the
 * committed chunks in a transaction of its own; a desk killed half-way must
 * undo them at start-up from what the chunks recorded.
 */
export function chunkedMutation<I, R>(
  run: (input: I, ctx: ChunkedWriteCtx) => Promise<R>,
  rollback: (input: I, ctx: WriteCtx) => void
): MethodHandler<I, R> {
  return { kind: 'chunked', run, rollback }
}

/**
 * Reads and short writes in turn: the reads (and slow work such as checking a
 * PIN hash or building a file) run outside the write queue, each
 * `ctx.transact` is a write of its own. For a sign-in that must count a
 * failure it then refuses, or an export that must leave its audit fact.
 */
export function inSteps<I, R>(run: (input: I, ctx: StepsCtx) => Promise<R>): MethodHandler<I, R> {
  return { kind: 'steps', run }
}

/** The session of a handler that the contract only lets signed-in staff call. */
export function sessionOf(ctx: Ctx): Session {
  if (!ctx.session) throw new Error(`${ctx.method} ran without a session`)
  return ctx.session
}

/** A derived table of this desk (never synced) and how to build it again from the synced tables. */
export interface DerivedTableSpec {
  name: string
  /** Empties and refills the table; `sql` may write this module's derived tables only. */
  rebuild(sql: GuardedSql): void
}

export interface ProjectionSpec {
  /** The synced table whose row writes this projection follows. */
  follows: string
  create(sql: GuardedSql): Projection
}

export interface StartOptions {
  deskName?: string
}

export interface DeskModule<S extends Slice = Slice> {
  name: string
  contract: S
  handlers: HandlersOf<S>
  tables?: readonly TableSpec[]
  derived?: readonly DerivedTableSpec[]
  projections?: readonly ProjectionSpec[]
  /** What desks apart can get into that this domain's data shows (core/conflicts.ts). */
  conflicts?: readonly ConflictRule[]
  /** Runs once when the desk starts, as a write (e.g. the desk registers its own name). */
  start?: (options: StartOptions, ctx: WriteCtx) => void
  /** Runs when the desk closes (e.g. ends a worker thread the module started). */
  stop?: (desk: Desk) => Promise<void> | void
  /** The one module that knows who holds a session token. */
  authenticate?(read: GuardedSql, token: string): Session | null
  /** Tables (synced or local) whose writes may end sessions: the kernel then reports `onSessionsChanged`. */
  sessionTables?: readonly string[]
  /** Topics for live state that is no table (e.g. which peers are connected), announced with `Core.announce`. */
  topics?: readonly string[]
}

/** Declares a module for its contract slice; its handlers are typed and checked against that slice. */
export function defineModule<S extends Slice>(contract: S, module: Omit<DeskModule<S>, 'contract'>): DeskModule<S> {
  return { contract, ...module }
}

/**
 * State a module keeps per desk (several desks live in one process in tests):
 * `const staging = perDesk(() => new ImportStaging())`, then `staging(ctx.desk)`.
 */
export function perDesk<T>(make: (desk: Desk) => T): (desk: Desk) => T {
  const states = new WeakMap<Desk, T>()
  return (desk) => {
    let state = states.get(desk)
    if (state === undefined) {
      state = make(desk)
      states.set(desk, state)
    }
    return state
  }
}
