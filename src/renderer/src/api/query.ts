/**
 * One query cache for every screen (TanStack Query), keyed by `[method, input]`.
 * Answers stay fresh until the core says otherwise: a `changed` push marks
 * stale every answer whose method reads a changed table (for that event; see
 * topics.ts) and refetches those on screen. A reconnect refreshes everything.
 * A new session starts with an empty cache (public answers are refetched).
 */
import { QueryClient, useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query'
import { contract, isMethodName, type ChangedEvent, type InputOf, type MethodName, type ResultOf } from '../../../shared/contract'
import type { ApiError } from '../../../shared/errors'
import { call } from './client'
import { subscribeChanged } from './live'
import { useSession } from './session'
import { isStaleAfter } from './topics'

/** Pushes arriving within this window (an import writes in chunks) cause one refetch. */
const BATCH_MS = 150

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Infinity,
      gcTime: 5 * 60_000,
      retry: 1,
      refetchOnWindowFocus: false
    }
  }
})

export function apiKey<M extends MethodName>(method: M, input: InputOf<M>): readonly [M, InputOf<M>] {
  return [method, input] as const
}

type ApiQueryOptions<M extends MethodName> = Omit<UseQueryOptions<ResultOf<M>, ApiError>, 'queryKey' | 'queryFn'>

/**
 * The answer of `method` for `input`, from the cache, refreshed when the tables
 * the method reads change. `input` null: nothing is asked (yet).
 */
export function useApi<M extends MethodName>(method: M, input: InputOf<M> | null, options: ApiQueryOptions<M> = {}): UseQueryResult<ResultOf<M>, ApiError> {
  return useQuery<ResultOf<M>, ApiError>({
    ...options,
    queryKey: apiKey(method, input as InputOf<M>),
    queryFn: () => call(method, input as InputOf<M>),
    enabled: input !== null && (options.enabled ?? true)
  })
}

/** The cached answer if fresh, else asked now (for handlers that need the answer at once). */
export function fetchApi<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>> {
  return queryClient.fetchQuery<ResultOf<M>, ApiError>({ queryKey: apiKey(method, input), queryFn: () => call(method, input) })
}

/** Puts what a command returned into the cache (e.g. the attendee `attendee.update` gave back). */
export function setApiData<M extends MethodName>(method: M, input: InputOf<M>, data: ResultOf<M>): void {
  queryClient.setQueryData(apiKey(method, input), data)
}

type ListOf<M extends MethodName> = ResultOf<M> extends readonly (infer Row extends { id: string })[] ? Row : never

/** A row a command created or changed, into a cached list at once (the core's push refreshes the list soon after). */
export function upsertApiRow<M extends MethodName>(method: M, input: InputOf<M>, row: ListOf<M>): void {
  queryClient.setQueryData<ListOf<M>[]>(apiKey(method, input), (list) =>
    list ? (list.some((r) => r.id === row.id) ? list.map((r) => (r.id === row.id ? row : r)) : [...list, row]) : undefined
  )
}

let pending: ChangedEvent[] = []
let timer: ReturnType<typeof setTimeout> | null = null

function flush(): void {
  timer = null
  const changes = pending
  pending = []
  void queryClient.invalidateQueries({ predicate: (query) => changes.some((change) => isStaleAfter(query.queryKey, change)) })
}

subscribeChanged((change) => {
  pending.push(change)
  timer ??= setTimeout(flush, BATCH_MS)
})

function isPublic(key: readonly unknown[]): boolean {
  const [method] = key
  return typeof method === 'string' && isMethodName(method) && contract[method].roles === 'public'
}

// Another operator must not see what the last one loaded; public answers (first run? who may sign in?) change with a sign-in too.
useSession.subscribe((state, previous) => {
  if (state.session?.token === previous.session?.token) return
  queryClient.removeQueries({ predicate: (query) => !isPublic(query.queryKey) })
  void queryClient.invalidateQueries()
})
