import { useQueries, type UseQueryResult } from '@tanstack/react-query'
import { useCallback, useRef, useState } from 'react'
import type { ResultOf } from '../../../../shared/contract'
import type { AttendeeFilter, AttendeeRow } from '../../../../shared/contract/attendees'
import { call } from '../../api/client'
import { apiKey } from '../../api/query'

export const PAGE_SIZE = 200
/** Pages scrolled past are forgotten soon: 100,000 rows should not stay in memory. */
const PAGE_GC_MS = 30_000

function pagesIn(start: number, end: number): number[] {
  const first = Math.floor(Math.max(0, start) / PAGE_SIZE)
  const last = Math.floor(Math.max(0, end) / PAGE_SIZE)
  const out: number[] = []
  for (let p = first; p <= last; p++) out.push(p)
  return out
}

/**
 * The attendee list in pages of 200, each a cached `attendee.list` answer asked
 * for only when the table scrolls to it, so 100,000 rows cost no more than the
 * few pages on screen. A change refetches the pages in view (the cache knows
 * which); the old rows stay up until the new ones arrive.
 */
export function useAttendeePages(filter: AttendeeFilter) {
  const [visible, setVisible] = useState<number[]>([0])
  const filterKey = JSON.stringify(filter)
  const lastTotal = useRef<{ key: string; total: number } | null>(null)

  // A new filter starts from the top.
  const [shownFor, setShownFor] = useState(filterKey)
  if (shownFor !== filterKey) {
    setShownFor(filterKey)
    setVisible([0])
  }

  const combine = useCallback(
    (results: UseQueryResult<ResultOf<'attendee.list'>>[]) => {
      const pages = new Map<number, AttendeeRow[]>()
      let total: number | null = null
      let error: Error | null = null
      results.forEach((r, i) => {
        if (r.data) {
          pages.set(visible[i]!, r.data.rows)
          total ??= r.data.total
        }
        error ??= r.error
      })
      return { pages, total, error }
    },
    [visible]
  )

  const { pages, total: answeredTotal, error } = useQueries({
    queries: visible.map((page) => {
      const input = { ...filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE }
      return { queryKey: apiKey('attendee.list', input), queryFn: () => call('attendee.list', input), gcTime: PAGE_GC_MS }
    }),
    combine
  })

  // Scrolled to pages not loaded yet, the table keeps its length.
  if (answeredTotal !== null) lastTotal.current = { key: filterKey, total: answeredTotal }
  const total = lastTotal.current?.key === filterKey ? lastTotal.current.total : null

  /** The rows start..end are on screen: ask for the pages they are in. */
  const ensure = useCallback((start: number, end: number) => {
    const wanted = pagesIn(start, end)
    setVisible((current) => (current.join() === wanted.join() ? current : wanted))
  }, [])

  const rowAt = useCallback((index: number): AttendeeRow | undefined => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [pages])

  return { total, rowAt, ensure, error }
}
