import { useCallback, useEffect, useRef, useState } from 'react'
import type { AttendeeFilter } from '../../../../shared/contract/attendees'
import type { AttendeeRow } from '../../../../shared/contract/attendees'
import { call } from '../../api/client'
import { notifyError } from '../../ui/notify'

export const PAGE_SIZE = 200

interface Pages {
  total: number | null
  pages: Map<number, AttendeeRow[]>
}

/**
 * The attendee list in pages of 200, fetched only when the table scrolls to
 * them, so 100,000 rows cost no more than the few pages on screen. A filter
 * change starts over; a live refresh refetches the pages in view and keeps
 * showing the old rows until the new ones arrive.
 */
export function useAttendeePages(filter: AttendeeFilter) {
  const [state, setState] = useState<Pages>({ total: null, pages: new Map() })
  const pagesRef = useRef(state.pages)
  pagesRef.current = state.pages
  const inFlight = useRef(new Set<number>())
  const generation = useRef(0)
  const range = useRef<{ start: number; end: number }>({ start: 0, end: 0 })
  const filterKey = JSON.stringify(filter)
  const filterRef = useRef(filter)
  filterRef.current = filter

  const fetchPage = useCallback(async (page: number, gen: number) => {
    if (inFlight.current.has(page)) return
    inFlight.current.add(page)
    try {
      const result = await call('attendee.list', { ...filterRef.current, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
      if (gen !== generation.current) return
      setState((s) => {
        const pages = new Map(s.pages)
        pages.set(page, result.rows)
        return { total: result.total, pages }
      })
    } catch (err) {
      if (gen === generation.current) notifyError(err)
    } finally {
      if (gen === generation.current) inFlight.current.delete(page)
    }
  }, [])

  const pagesIn = (start: number, end: number): number[] => {
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE)
    const last = Math.floor(Math.max(0, end) / PAGE_SIZE)
    const out: number[] = []
    for (let p = first; p <= last; p++) out.push(p)
    return out
  }

  // A new filter: start from the top.
  useEffect(() => {
    generation.current++
    inFlight.current = new Set()
    range.current = { start: 0, end: 0 }
    setState({ total: null, pages: new Map() })
    void fetchPage(0, generation.current)
  }, [filterKey, fetchPage])

  /** The rows start..end are on screen: fetch the pages they are in. */
  const ensure = useCallback(
    (start: number, end: number) => {
      range.current = { start, end }
      for (const page of pagesIn(start, end)) {
        if (!pagesRef.current.has(page)) void fetchPage(page, generation.current)
      }
    },
    [fetchPage]
  )

  /** Something changed elsewhere: refetch what is on screen, forget the rest. */
  const refresh = useCallback(() => {
    generation.current++
    inFlight.current = new Set()
    const visible = new Set(pagesIn(range.current.start, range.current.end))
    visible.add(0)
    setState((s) => ({ total: s.total, pages: new Map([...s.pages].filter(([p]) => visible.has(p))) }))
    for (const page of visible) void fetchPage(page, generation.current)
  }, [fetchPage])

  const rowAt = useCallback(
    (index: number): AttendeeRow | undefined => state.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [state.pages]
  )

  return { total: state.total, rowAt, ensure, refresh }
}
