import { useCallback, useEffect, useRef, useState } from 'react'
import type { AttendeeRow } from '../../../../shared/contract/attendees'
import { call } from '../../api/client'
import { notifyError } from '../../ui/notify'

export interface Results {
  query: string
  rows: AttendeeRow[]
}

const EMPTY: Results = { query: '', rows: [] }
export const SEARCH_DEBOUNCE_MS = 50
const LIMIT = 25

/** Search-as-you-type for the Desk: debounced, and only the newest answer is shown. */
export function useDeskSearch(eventId: string, enabled: boolean) {
  const [text, setText] = useState('')
  const [results, setResults] = useState<Results>(EMPTY)
  const seq = useRef(0)
  const textRef = useRef(text)
  textRef.current = text

  const run = useCallback(
    async (query: string): Promise<AttendeeRow[]> => {
      const mine = ++seq.current
      if (!query) {
        setResults(EMPTY)
        return []
      }
      try {
        const rows = await call('attendee.search', { eventId, query, limit: LIMIT })
        if (mine === seq.current) setResults({ query, rows })
        return rows
      } catch (err) {
        if (mine === seq.current) notifyError(err)
        return []
      }
    },
    [eventId]
  )

  useEffect(() => {
    if (!enabled) return
    const query = text.trim()
    if (!query) {
      seq.current++
      setResults(EMPTY)
      return
    }
    const timer = setTimeout(() => void run(query), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, run, enabled])

  /** Re-runs the current search (live updates: someone was checked in elsewhere). */
  const refresh = useCallback(() => {
    const query = textRef.current.trim()
    if (enabled && query) void run(query)
  }, [enabled, run])

  return { text, setText, textRef, results, run, refresh }
}
