/**
 * How a contract slice declares its methods: name → input schema (zod), result
 * type, the roles allowed to call it and the topics it reads. Topics are the
 * names of the tables a method's answer depends on; the renderer's query cache
 * refreshes a method's answers when the core reports a change to one of them.
 */
import type { z } from 'zod'
import type { Role } from '../roles'

export interface MethodSpec<I extends z.ZodType, R> {
  input: I
  /** 'public' methods run without a session (sign-in, first-run set-up). */
  roles: readonly Role[] | 'public'
  /** Tables whose changes make this method's answer stale (empty for commands). */
  reads: readonly string[]
  /**
   * The largest request a signed-in caller may send (an upload); others are
   * held to a form's worth (256 KiB over HTTP), and public methods always are.
   */
  maxBytes?: number
  /** Type-only marker for the result. */
  readonly _result?: R
}

export type AnyMethodSpec = MethodSpec<z.ZodType, unknown>
export type Slice = Record<string, AnyMethodSpec>

export const method =
  <R>() =>
  <I extends z.ZodType>(spec: { input: I; roles: readonly Role[] | 'public'; reads?: readonly string[]; maxBytes?: number }): MethodSpec<I, R> => ({
    ...spec,
    reads: spec.reads ?? []
  })

export type ResultOfSpec<S> = S extends MethodSpec<z.ZodType, infer R> ? R : never

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never

/** One map of every slice's methods; a method name declared twice stops the app at start-up. */
export function mergeSlices<S extends Slice[]>(...slices: S): UnionToIntersection<S[number]> {
  const merged: Slice = {}
  for (const slice of slices) {
    for (const [name, spec] of Object.entries(slice)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) throw new Error(`The method ${name} is declared twice in the contract`)
      merged[name] = spec
    }
  }
  return merged as UnionToIntersection<S[number]>
}
