/**
 * The events this desk knows, the one picked in the header (remembered in
 * localStorage) and that event's ticket types, shared by every screen.
 */
import { create } from 'zustand'
import type { EventRow, TicketTypeRow } from '../../../../shared/contract/events'
import { call } from '../../api/client'
import { notifyError } from '../../ui/notify'

export const EVENT_KEY = 'eventdesk.eventId'

interface EventState {
  events: EventRow[]
  loaded: boolean
  selectedId: string | null
  ticketTypes: TicketTypeRow[]
  ticketTypesFor: string | null
  loadEvents(): Promise<void>
  select(id: string | null): void
  loadTicketTypes(): Promise<void>
  reset(): void
}

function remembered(): string | null {
  try {
    return localStorage.getItem(EVENT_KEY)
  } catch {
    return null
  }
}

function remember(id: string | null): void {
  try {
    if (id) localStorage.setItem(EVENT_KEY, id)
    else localStorage.removeItem(EVENT_KEY)
  } catch {
    // not remembered
  }
}

export const useEvents = create<EventState>((set, get) => ({
  events: [],
  loaded: false,
  selectedId: remembered(),
  ticketTypes: [],
  ticketTypesFor: null,

  loadEvents: async () => {
    try {
      const events = await call('event.list', {})
      const current = get().selectedId
      const selectedId = events.some((e) => e.id === current) ? current : (events[0]?.id ?? null)
      set({ events, loaded: true })
      if (selectedId !== current || get().ticketTypesFor !== selectedId) get().select(selectedId)
    } catch (err) {
      set({ loaded: true })
      notifyError(err)
    }
  },

  select: (id) => {
    remember(id)
    const changed = id !== get().ticketTypesFor
    set({ selectedId: id, ...(changed ? { ticketTypes: [], ticketTypesFor: null } : {}) })
    if (changed) void get().loadTicketTypes()
  },

  loadTicketTypes: async () => {
    const eventId = get().selectedId
    if (!eventId) {
      set({ ticketTypes: [], ticketTypesFor: null })
      return
    }
    try {
      const ticketTypes = await call('ticketType.list', { eventId })
      if (get().selectedId === eventId) set({ ticketTypes, ticketTypesFor: eventId })
    } catch (err) {
      notifyError(err)
    }
  },

  reset: () => set({ events: [], loaded: false, ticketTypes: [], ticketTypesFor: null })
}))

export function useSelectedEvent(): EventRow | null {
  return useEvents((s) => s.events.find((e) => e.id === s.selectedId) ?? null)
}

export function useTicketTypeMap(): Map<string, TicketTypeRow> {
  const ticketTypes = useEvents((s) => s.ticketTypes)
  return ticketTypeMapCache(ticketTypes)
}

let cacheKey: TicketTypeRow[] | null = null
let cacheValue = new Map<string, TicketTypeRow>()
function ticketTypeMapCache(list: TicketTypeRow[]): Map<string, TicketTypeRow> {
  if (list !== cacheKey) {
    cacheKey = list
    cacheValue = new Map(list.map((t) => [t.id, t]))
  }
  return cacheValue
}
