/** Which event a desk opens on: the one on today, where it takes place. */
import type { EventRow } from '../../../shared/contract/events'

type Dated = Pick<EventRow, 'id' | 'startDate' | 'endDate' | 'timezone' | 'status'>

/** The calendar date (YYYY-MM-DD) a clock in `timeZone` shows at `now`. */
export function dateIn(timeZone: string, now: Date): string {
  try {
    // 'en-CA' formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}

const isOn = (e: Dated, now: Date) => {
  const today = dateIn(e.timezone, now)
  return e.startDate <= today && today <= e.endDate
}

/**
 * The event on today (a live one first, then the shortest), else the next to
 * come, else the last one held; cancelled events only when there is nothing else.
 */
export function todaysEvent<E extends Dated>(events: readonly E[], now: Date): E | null {
  const candidates = events.some((e) => e.status !== 'cancelled') ? events.filter((e) => e.status !== 'cancelled') : events
  const on = candidates.filter((e) => isOn(e, now))
  if (on.length > 0) {
    return [...on].sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live') || a.endDate.localeCompare(b.endDate) || b.startDate.localeCompare(a.startDate))[0]!
  }
  const upcoming = candidates.filter((e) => e.startDate > dateIn(e.timezone, now)).sort((a, b) => a.startDate.localeCompare(b.startDate))
  if (upcoming[0]) return upcoming[0]
  return [...candidates].sort((a, b) => b.endDate.localeCompare(a.endDate))[0] ?? null
}

/** A remembered choice stands unless it is over while another event is on today. */
export function openingEvent<E extends Dated>(events: readonly E[], rememberedId: string | null, now: Date): E | null {
  const remembered = events.find((e) => e.id === rememberedId)
  const today = todaysEvent(events, now)
  if (!remembered) return today
  const over = remembered.endDate < dateIn(remembered.timezone, now)
  return over && today && isOn(today, now) ? today : remembered
}
