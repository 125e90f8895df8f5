import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useRef, useState } from 'react'
import type { AttendeeRow } from '../../../../shared/contract/attendees'
import { fetchApi, useApi } from '../../api/query'

export interface Results {
  query: string
  rows: AttendeeRow[]
}

export const SEARCH_DEBOUNCE_MS = 50
const LIMIT = 25
/** Past this many matches the desk says "more than …": counting further would cost time and tell nothing. */
const COUNT_CAP = 1000

/** People matching beyond those shown: `beyondCap` when more than COUNT_CAP match. */
export interface More {
  n: number
  beyondCap: boolean
}

/**
 * Search-as-you-type for the Desk: debounced, answered from the query cache
 * (so a check-in anywhere refreshes the hits on screen), and only an answer
 * for exactly the typed text is shown. `run(query)` gets the answer now (Enter).
 */
export function useDeskSearch(eventId: string, enabled: boolean) {
  const [text, setText] = useState('')
  const textRef = useRef(text)
  textRef.current = text
  const [debounced] = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS)
  const search = useApi('attendee.search', enabled && debounced ? { eventId, query: debounced, limit: LIMIT } : null)
  const results: Results | null = search.data && debounced ? { query: debounced, rows: search.data } : null
  // Counted only when the page is full: the search itself stays as fast as it was.
  const full = results !== null && results.rows.length === LIMIT
  const count = useApi('attendee.searchCount', enabled && full ? { eventId, query: debounced, cap: COUNT_CAP } : null)
  const more: More | null =
    full && count.data !== undefined && count.data > LIMIT
      ? count.data > COUNT_CAP
        ? { n: COUNT_CAP - LIMIT, beyondCap: true }
        : { n: count.data - LIMIT, beyondCap: false }
      : null

  const run = useCallback((query: string) => fetchApi('attendee.search', { eventId, query, limit: LIMIT }), [eventId])

  return { text, setText, textRef, results, more, error: search.error, run }
}
