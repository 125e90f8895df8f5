import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from './client'

export interface QueryState<T> {
  data: T | undefined
  error: string | null
  loading: boolean
  reload: () => void
}

/**
 * Runs `load` when `deps` change and on `reload()`. Only the newest request's
 * answer is kept, so a slow old answer never overwrites a newer one. The last
 * data stays visible while reloading (no flicker on live refreshes).
 */
export function useQuery<T>(load: (() => Promise<T>) | null, deps: readonly unknown[]): QueryState<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(load !== null)
  const [tick, setTick] = useState(0)
  const seq = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    const run = loadRef.current
    const mine = ++seq.current
    if (!run) {
      setLoading(false)
      return
    }
    setLoading(true)
    run().then(
      (result) => {
        if (mine !== seq.current) return
        setData(result)
        setError(null)
        setLoading(false)
      },
      (err: unknown) => {
        if (mine !== seq.current) return
        setError(errorMessage(err))
        setLoading(false)
      }
    )
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick])

  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { data, error, loading, reload }
}
