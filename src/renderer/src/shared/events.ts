/**
 * The event context every screen works in: the events of this desk, the one
 * picked in the header (remembered per desk) and its ticket types — all read
 * through the query cache, so they follow changes made anywhere.
 */
import { useMemo } from 'react'
import { create } from 'zustand'
import type { EventRow, TicketTypeRow } from '../../../shared/contract/events'
import { upsertApiRow, useApi } from '../api/query'
import { openingEvent } from './todaysEvent'

export const EVENT_KEY = 'eventdesk.eventId'

function remembered(): string | null {
  try {
    return localStorage.getItem(EVENT_KEY)
  } catch {
    return null
  }
}

const useChoice = create<{ id: string | null }>(() => ({ id: remembered() }))

/** Makes `id` the event the header (and every event-bound screen) works on. */
export function selectEvent(id: string | null): void {
  try {
    if (id) localStorage.setItem(EVENT_KEY, id)
    else localStorage.removeItem(EVENT_KEY)
  } catch {
    // not remembered
  }
  useChoice.setState({ id })
}

const NO_EVENTS: EventRow[] = []
const NO_TICKET_TYPES: TicketTypeRow[] = []

export function useEventList() {
  return useApi('event.list', {})
}

/** The picked event, or the one on today when none (or a finished one) was picked; null while loading or without events. */
export function useSelectedEventId(): string | null {
  const events = useEventList().data ?? NO_EVENTS
  const chosen = useChoice((s) => s.id)
  return useMemo(() => openingEvent(events, chosen, new Date())?.id ?? null, [events, chosen])
}

export function useSelectedEvent(): EventRow | null {
  const events = useEventList().data ?? NO_EVENTS
  const id = useSelectedEventId()
  return events.find((e) => e.id === id) ?? null
}

/** The ticket types of `eventId` (default: the picked event). */
export function useTicketTypes(eventId?: string | null): TicketTypeRow[] {
  const selected = useSelectedEventId()
  const id = eventId === undefined ? selected : eventId
  return useApi('ticketType.list', id ? { eventId: id } : null).data ?? NO_TICKET_TYPES
}

export function useTicketTypeMap(eventId?: string | null): Map<string, TicketTypeRow> {
  const list = useTicketTypes(eventId)
  return useMemo(() => new Map(list.map((t) => [t.id, t])), [list])
}

/** A created or changed event, in the list at once (the core's push refreshes it soon after). */
export function putEvent(event: EventRow): void {
  upsertApiRow('event.list', {}, event)
}
