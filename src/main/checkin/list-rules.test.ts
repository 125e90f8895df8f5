/** The list rules, one outcome at a time, with day boundaries and clock changes in the event's time zone. */
import { describe, expect, it } from 'vitest'
import { OPEN_LIST_RULES } from '../../shared/contract/checkin-lists'
import { checkoutAfter, checkoutBefore, decideScan, validity, zonedTime, type ListRules, type ScanSituation } from './list-rules'

const TZ = 'Europe/Amsterdam'
const rules: ListRules = OPEN_LIST_RULES
const ga = { status: 'registered', ticketTypeId: 'ga' }
const at = (iso: string): ScanSituation => ({
  direction: 'in',
  matches: [ga],
  inside: false,
  exitedThisPeriod: false,
  insideCount: 0,
  now: new Date(iso),
  timeZone: TZ
})
const decide = (list: Partial<ListRules>, s: Partial<ScanSituation> = {}, when = '2026-06-10T10:00:00Z') => decideScan({ ...rules, ...list }, { ...at(when), ...s })

describe('scan outcomes', () => {
  it('admits a known, live person on an open list', () => {
    expect(decide({})).toEqual({ outcome: 'admitted' })
  })
  it('unknown and ambiguous codes', () => {
    expect(decide({}, { matches: [] }).outcome).toBe('unknown_code')
    expect(decide({}, { matches: [ga, ga] }).outcome).toBe('ambiguous_code')
  })
  it('cancelled before anything else about the person', () => {
    expect(decide({ ticketTypeIds: ['vip'] }, { matches: [{ status: 'cancelled', ticketTypeId: 'ga' }] }).outcome).toBe('cancelled')
  })
  it('ticket type not admitted here; an empty list of types admits every type', () => {
    expect(decide({ ticketTypeIds: ['vip'] }).outcome).toBe('ticket_type_not_admitted')
    expect(decide({ ticketTypeIds: ['vip', 'ga'] }).outcome).toBe('admitted')
  })
  it('already checked in while inside', () => {
    expect(decide({}, { inside: true }).outcome).toBe('already_checked_in')
  })
  it('list full at capacity, admitted below it', () => {
    expect(decide({ capacity: 2 }, { insideCount: 2 })).toEqual({ outcome: 'list_full', capacity: 2 })
    expect(decide({ capacity: 2 }, { insideCount: 1 }).outcome).toBe('admitted')
  })
  it('entry/exit: exits, not inside, re-entry allowed or not', () => {
    const ee = { mode: 'entry_exit' as const }
    expect(decide(ee, { direction: 'out', inside: true }).outcome).toBe('exited')
    expect(decide(ee, { direction: 'out', inside: false }).outcome).toBe('not_inside')
    expect(decide({ ...ee, reentry: false }, { exitedThisPeriod: true }).outcome).toBe('no_reentry')
    expect(decide({ ...ee, reentry: true }, { exitedThisPeriod: true }).outcome).toBe('admitted')
    // A place freed by an exit is a place: full at 1 inside, not at 0.
    expect(decide({ ...ee, capacity: 1 }, { insideCount: 0, exitedThisPeriod: true }).outcome).toBe('admitted')
  })
})

describe('days and hours in the event time zone', () => {
  const day2 = { days: ['2026-06-11'] }
  it('a day starts and ends at local midnight', () => {
    // Amsterdam is UTC+2 in June: 11 June starts at 22:00Z on the 10th.
    expect(decide(day2, {}, '2026-06-10T21:59:00Z')).toEqual({ outcome: 'not_valid_now', opensAt: '2026-06-10T22:00:00.000Z' })
    expect(decide(day2, {}, '2026-06-10T22:00:00Z').outcome).toBe('admitted')
    expect(decide(day2, {}, '2026-06-11T21:59:00Z').outcome).toBe('admitted')
    expect(decide(day2, {}, '2026-06-11T22:00:00Z')).toEqual({ outcome: 'not_valid_now', opensAt: null })
  })
  it('tolerance opens early and closes late by its minutes', () => {
    const list = { ...day2, opensAt: '09:00', closesAt: '17:00', toleranceMinutes: 15 }
    expect(decide(list, {}, '2026-06-11T06:44:00Z')).toEqual({ outcome: 'not_valid_now', opensAt: '2026-06-11T06:45:00.000Z' })
    expect(decide(list, {}, '2026-06-11T06:45:00Z').outcome).toBe('admitted')
    expect(decide(list, {}, '2026-06-11T15:14:00Z').outcome).toBe('admitted')
    expect(decide(list, {}, '2026-06-11T15:15:00Z').outcome).toBe('not_valid_now')
    // Tolerance over midnight: 23:50 local the day before a day-list opens.
    expect(decide({ ...day2, toleranceMinutes: 15 }, {}, '2026-06-10T21:50:00Z').outcome).toBe('admitted')
  })
  it('hours on every day: before opening says today, after closing says tomorrow', () => {
    const list = { opensAt: '09:00', closesAt: '17:00' }
    expect(decide(list, {}, '2026-06-10T05:00:00Z')).toEqual({ outcome: 'not_valid_now', opensAt: '2026-06-10T07:00:00.000Z' })
    expect(decide(list, {}, '2026-06-10T16:00:00Z')).toEqual({ outcome: 'not_valid_now', opensAt: '2026-06-11T07:00:00.000Z' })
  })
  it('opens at 09:00 local on the day the clocks go forward (and the day before)', () => {
    // 29 March 2026: Amsterdam goes from UTC+1 to UTC+2 at 02:00 local.
    const list = { days: ['2026-03-28', '2026-03-29'], opensAt: '09:00', closesAt: '18:00' }
    expect(decide(list, {}, '2026-03-28T07:30:00Z')).toEqual({ outcome: 'not_valid_now', opensAt: '2026-03-28T08:00:00.000Z' })
    expect(decide(list, {}, '2026-03-29T07:00:00Z').outcome).toBe('admitted')
    expect(decide(list, {}, '2026-03-29T06:59:00Z')).toEqual({ outcome: 'not_valid_now', opensAt: '2026-03-29T07:00:00.000Z' })
    expect(decide(list, {}, '2026-03-29T16:00:00Z')).toEqual({ outcome: 'not_valid_now', opensAt: null })
  })
  it('a day with a clock change back is 25 hours long', () => {
    // 25 October 2026: back from UTC+2 to UTC+1.
    const list = { days: ['2026-10-25'] }
    expect(validity({ ...rules, ...list }, new Date('2026-10-24T21:59:00Z'), TZ)).toEqual({ open: false, opensAt: '2026-10-24T22:00:00.000Z' })
    expect(validity({ ...rules, ...list }, new Date('2026-10-25T22:59:00Z'), TZ)).toEqual({ open: true })
    expect(validity({ ...rules, ...list }, new Date('2026-10-25T23:00:00Z'), TZ)).toEqual({ open: false, opensAt: null })
  })
  it('wall-clock times the change skips or repeats', () => {
    expect(new Date(zonedTime('2026-03-29', '02:30', TZ)).toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(new Date(zonedTime('2026-10-25', '02:30', TZ)).toISOString()).toBe('2026-10-25T00:30:00.000Z')
    expect(new Date(zonedTime('2026-06-10', '00:00', 'America/New_York')).toISOString()).toBe('2026-06-10T04:00:00.000Z')
  })
})

describe('automatic check-out', () => {
  it('an entry counts until the next check-out time, local, across a clock change', () => {
    expect(checkoutAfter('23:00', new Date('2026-06-10T12:00:00Z'), TZ)).toBe('2026-06-10T21:00:00.000Z')
    // After 23:00 local the entry lasts until 23:00 the next day.
    expect(checkoutAfter('23:00', new Date('2026-06-10T21:30:00Z'), TZ)).toBe('2026-06-11T21:00:00.000Z')
    expect(checkoutAfter('23:00', new Date('2026-03-28T20:00:00Z'), TZ)).toBe('2026-03-28T22:00:00.000Z')
    expect(checkoutAfter('23:00', new Date('2026-03-29T12:00:00Z'), TZ)).toBe('2026-03-29T21:00:00.000Z')
    expect(checkoutAfter(null, new Date('2026-06-10T12:00:00Z'), TZ)).toBe('9999-12-31T23:59:59.999Z')
  })
  it('the current period starts at the last check-out', () => {
    expect(checkoutBefore('04:00', new Date('2026-06-10T12:00:00Z'), TZ)).toBe('2026-06-10T02:00:00.000Z')
    expect(checkoutBefore('04:00', new Date('2026-06-10T01:00:00Z'), TZ)).toBe('2026-06-09T02:00:00.000Z')
    expect(checkoutBefore(null, new Date('2026-06-10T12:00:00Z'), TZ)).toBe('')
  })
})
