/** Live check-in counters of the selected event, shared by the header and the Desk. */
import { useEffect } from 'react'
import { create } from 'zustand'
import type { Counters } from '../../../../shared/contract/checkin'
import { call } from '../../api/client'
import { useLiveRefresh } from '../../api/live'

interface CountersState {
  counters: Counters | null
  load(eventId: string | null): Promise<void>
}

let seq = 0

export const useCounters = create<CountersState>((set) => ({
  counters: null,
  load: async (eventId) => {
    const mine = ++seq
    if (!eventId) {
      set({ counters: null })
      return
    }
    try {
      const counters = await call('checkin.counters', { eventId })
      if (mine === seq) set({ counters })
    } catch {
      // Counters are a convenience; the next push retries.
    }
  }
}))

export const COUNTER_TABLES = ['checkins', 'attendees', 'ticket_types'] as const

/** Mount once (in the shell): keeps the counters of `eventId` current. */
export function useCountersSync(eventId: string | null, enabled: boolean): void {
  const load = useCounters((s) => s.load)
  useEffect(() => {
    if (enabled) void load(eventId)
    else void load(null)
  }, [eventId, enabled, load])
  useLiveRefresh(COUNTER_TABLES, eventId, () => {
    if (enabled) void load(eventId)
  })
}

export function refreshCounters(eventId: string | null): void {
  void useCounters.getState().load(eventId)
}
