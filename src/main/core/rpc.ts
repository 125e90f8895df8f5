/**
 * Handler types and the wrappers attached where a handler is registered:
 * `mutation(fn)` runs fn in one SQLite transaction with a Writer bound to the
 * calling staff member and the method name (the change log is the audit), and
 * tells listeners what changed once the transaction has committed.
 * Writes run one at a time (Core.exclusive), so a long write can let the event
 * loop breathe (`chunkedMutation`) without another write joining its transaction.
 */
import type { MethodName, ParsedInputOf, ResultOf } from '../../shared/contract'
import type { StaffRow } from '../../shared/domain'
import type { Core } from './core'
import type { Touched, Writer } from './mutator'

export interface Session {
  staff: StaffRow
  tokenHash: string
}

export interface Ctx {
  core: Core
  session: Session | null
  method: MethodName
}

export interface WriteCtx extends Ctx {
  write: Writer
}

export type Handler<M extends MethodName> = (
  input: ParsedInputOf<M>,
  ctx: Ctx
) => ResultOf<M> | Promise<ResultOf<M>>

export type Handlers = { [M in MethodName]: Handler<M> }

/** The session of a handler that the contract only lets signed-in staff call. */
export function sessionOf(ctx: Ctx): Session {
  if (!ctx.session) throw new Error(`${ctx.method} ran without a session`)
  return ctx.session
}

function writerFor(ctx: Ctx): { write: Writer; touched: Touched } {
  const touched: Touched = { tables: new Set(), eventIds: new Set() }
  return { write: ctx.core.changeLog.writer({ staffId: ctx.session?.staff.id ?? null, action: ctx.method }, touched), touched }
}

export function mutation<I, R>(fn: (input: I, ctx: WriteCtx) => R): (input: I, ctx: Ctx) => Promise<R> {
  return (input, ctx) =>
    ctx.core.exclusive(() => {
      const { write, touched } = writerFor(ctx)
      const result = ctx.core.sqlite.transaction(() => fn(input, { ...ctx, write }))()
      if (touched.tables.size > 0) ctx.core.notifyChanged(touched)
      return result
    })
}

export interface ChunkedWriteCtx extends WriteCtx {
  /** Lets other requests (searches, pages) run between chunks; the transaction stays open. */
  breathe(): Promise<void>
}

/**
 * A write too big for one tick (a 50,000-row import): still one transaction —
 * all or nothing, also under kill -9 — but the event loop runs between chunks,
 * so the desk keeps answering reads and can report progress. Other writes wait
 * their turn. Reads on this connection see the rows written so far.
 */
export function chunkedMutation<I, R>(
  fn: (input: I, ctx: ChunkedWriteCtx) => Promise<R>
): (input: I, ctx: Ctx) => Promise<R> {
  return (input, ctx) =>
    ctx.core.exclusive(async () => {
      const { sqlite } = ctx.core
      const { write, touched } = writerFor(ctx)
      const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))
      sqlite.exec('BEGIN IMMEDIATE')
      let result: R
      try {
        result = await fn(input, { ...ctx, write, breathe })
        sqlite.exec('COMMIT')
      } catch (err) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
        throw err
      }
      if (touched.tables.size > 0) ctx.core.notifyChanged(touched)
      return result
    })
}
