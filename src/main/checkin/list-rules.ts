/**
 * The rules of a check-in list, as a pure function of the list, the scanned
 * person, what this desk knows of them on the list, and the time: every desk
 * holds the same lists and facts, so every desk decides alike, offline too.
 * Days and hours are wall-clock times in the event's time zone (so a list
 * opening at 09:00 opens at 09:00 on the day clocks change, too).
 */
import type { CheckinListFields, ScanDirection, ScanOutcome } from '../../shared/contract/checkin-lists'

export type ListRules = Pick<
  CheckinListFields,
  'ticketTypeIds' | 'days' | 'opensAt' | 'closesAt' | 'toleranceMinutes' | 'mode' | 'reentry' | 'capacity' | 'autoCheckoutAt'
>

export interface ScannedPerson {
  status: string
  ticketTypeId: string
}

export interface ScanSituation {
  direction: ScanDirection
  /** The people the code found (0: unknown, 2+: ambiguous). */
  matches: readonly ScannedPerson[]
  /** The person is inside on this list now (an entry since the last automatic check-out, not followed by an exit). */
  inside: boolean
  /** The person left through this list since the last automatic check-out. */
  exitedThisPeriod: boolean
  /** People inside on this list now. */
  insideCount: number
  now: Date
  timeZone: string
}

export type Decision =
  | { outcome: Exclude<ScanOutcome, 'not_valid_now' | 'list_full'> }
  | { outcome: 'not_valid_now'; opensAt: string | null }
  | { outcome: 'list_full'; capacity: number }

const MINUTE = 60_000

export function decideScan(list: ListRules, s: ScanSituation): Decision {
  if (s.matches.length === 0) return { outcome: 'unknown_code' }
  if (s.matches.length > 1) return { outcome: 'ambiguous_code' }
  const person = s.matches[0]!
  if (person.status === 'cancelled') return { outcome: 'cancelled' }
  if (s.direction === 'out') return { outcome: s.inside ? 'exited' : 'not_inside' }
  if (list.ticketTypeIds.length > 0 && !list.ticketTypeIds.includes(person.ticketTypeId)) return { outcome: 'ticket_type_not_admitted' }
  const window = validity(list, s.now, s.timeZone)
  if (!window.open) return { outcome: 'not_valid_now', opensAt: window.opensAt }
  if (s.inside) return { outcome: 'already_checked_in' }
  if (list.mode === 'entry_exit' && !list.reentry && s.exitedThisPeriod) return { outcome: 'no_reentry' }
  if (list.capacity !== null && s.insideCount >= list.capacity) return { outcome: 'list_full', capacity: list.capacity }
  return { outcome: 'admitted' }
}

/** Whether the list is open at `now` (tolerance included) and, if not, when it next opens (null: never again). */
export function validity(list: ListRules, now: Date, timeZone: string): { open: true } | { open: false; opensAt: string | null } {
  if (list.days.length === 0 && !list.opensAt && !list.closesAt) return { open: true }
  const t = now.getTime()
  const tolerance = list.toleranceMinutes * MINUTE
  const today = localParts(now, timeZone).date
  // Without listed days every day counts: yesterday's window may run past midnight with its tolerance, tomorrow's is the next.
  const days = list.days.length > 0 ? [...list.days].sort() : [addDays(today, -1), today, addDays(today, 1)]
  let next: number | null = null
  for (const d of days) {
    const start = zonedTime(d, list.opensAt ?? '00:00', timeZone) - tolerance
    const end = (list.closesAt ? zonedTime(d, list.closesAt, timeZone) : zonedTime(addDays(d, 1), '00:00', timeZone)) + tolerance
    if (t >= start && t < end) return { open: true }
    if (start > t && (next === null || start < next)) next = start
  }
  return { open: false, opensAt: next === null ? null : new Date(next).toISOString() }
}

/** The first automatic check-out after an entry at `at` (never, without one): the moment the entry stops counting as inside. */
export function checkoutAfter(autoCheckoutAt: string | null, at: Date, timeZone: string): string {
  if (!autoCheckoutAt) return NEVER
  const day = localParts(at, timeZone).date
  for (const d of [day, addDays(day, 1), addDays(day, 2)]) {
    const c = zonedTime(d, autoCheckoutAt, timeZone)
    if (c > at.getTime()) return new Date(c).toISOString()
  }
  return NEVER
}

/** The last automatic check-out at or before `now` (the start of the current period), or '' without one. */
export function checkoutBefore(autoCheckoutAt: string | null, now: Date, timeZone: string): string {
  if (!autoCheckoutAt) return ''
  const day = localParts(now, timeZone).date
  for (const d of [day, addDays(day, -1), addDays(day, -2)]) {
    const c = zonedTime(d, autoCheckoutAt, timeZone)
    if (c <= now.getTime()) return new Date(c).toISOString()
  }
  return ''
}

/** "Until" of an entry that no automatic check-out ends: later than any real time, and sorts as text. */
export const NEVER = '9999-12-31T23:59:59.999Z'

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The wall-clock date and time at an instant in a time zone. */
export function localParts(at: Date, timeZone: string): { date: string; y: number; mo: number; d: number; h: number; mi: number } {
  const wall = new Date(at.getTime() + offset(at.getTime(), timeZone))
  const y = wall.getUTCFullYear(), mo = wall.getUTCMonth() + 1, d = wall.getUTCDate()
  return { date: `${y}-${pad(mo)}-${pad(d)}`, y, mo, d, h: wall.getUTCHours(), mi: wall.getUTCMinutes() }
}

const QUARTER_HOUR = 15 * MINUTE
const offsets = new Map<string, number>()

/**
 * How far the zone's wall clock is ahead of UTC at an instant, in ms. Zones
 * change their offset only on a quarter hour, so the offset is looked up once
 * per quarter hour and zone (Intl's formatting costs tens of microseconds).
 */
function offset(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR
  const key = `${timeZone} ${quarter}`
  let found = offsets.get(key)
  if (found === undefined) {
    if (offsets.size >= 4096) offsets.clear()
    const p: Record<string, number> = {}
    for (const part of formatter(timeZone).formatToParts(new Date(quarter))) if (part.type !== 'literal') p[part.type] = Number(part.value)
    found = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - quarter
    offsets.set(key, found)
  }
  return found
}

/**
 * The instant a wall-clock time on a date happens in a time zone. A time the
 * clocks skip (02:30 on the spring change) falls to the same time of the
 * offset before the change, i.e. an hour later; a time that happens twice takes the first.
 */
export function zonedTime(date: string, hhmm: string, timeZone: string): number {
  // Each scan asks for the same few instants (today's opening, closing, check-out): remembered, as time zones do not change under us.
  const key = `${timeZone} ${date} ${hhmm}`
  let instant = instants.get(key)
  if (instant === undefined) {
    if (instants.size >= 4096) instants.clear()
    instants.set(key, (instant = computeZonedTime(date, hhmm, timeZone)))
  }
  return instant
}

const instants = new Map<string, number>()

function computeZonedTime(date: string, hhmm: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const [h, mi] = hhmm.split(':').map(Number) as [number, number]
  const wall = Date.UTC(y, mo - 1, d, h, mi)
  const before = offset(wall - 86_400_000 / 2, timeZone)
  const after = offset(wall + 86_400_000 / 2, timeZone)
  if (before === after) return wall - before
  // Around a change: the first reading that maps back to the wall time, else (a skipped time) the earlier offset.
  for (const o of [before, after]) if (offset(wall - o, timeZone) === o) return wall - o
  return wall - before
}

function addDays(date: string, n: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, mo - 1, d + n)).toISOString().slice(0, 10)
}

const pad = (n: number) => String(n).padStart(2, '0')
