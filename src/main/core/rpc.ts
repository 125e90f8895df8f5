/**
 * Handler types and the wrappers attached where a handler is registered:
 * `mutation(fn)` runs fn in one SQLite transaction with a Writer bound to the
 * calling staff member and the method name (the change log is the audit), and
 * tells listeners what changed once the transaction has committed.
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

export function mutation<I, R>(fn: (input: I, ctx: WriteCtx) => R): (input: I, ctx: Ctx) => R {
  return (input, ctx) => {
    const touched: Touched = { tables: new Set(), eventIds: new Set() }
    const write = ctx.core.changeLog.writer({ staffId: ctx.session?.staff.id ?? null, action: ctx.method }, touched)
    const result = ctx.core.sqlite.transaction(() => fn(input, { ...ctx, write }))()
    if (touched.tables.size > 0) ctx.core.notifyChanged(touched)
    return result
  }
}
