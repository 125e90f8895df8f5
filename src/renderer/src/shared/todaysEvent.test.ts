import { describe, expect, it } from 'vitest'
import { dateIn, openingEvent, todaysEvent } from './todaysEvent'

const ev = (id: string, startDate: string, endDate: string, timezone = 'Europe/Amsterdam', status = 'published') => ({ id, startDate, endDate, timezone, status: status as 'published' })

describe('todaysEvent', () => {
  const now = new Date('2026-11-23T10:00:00Z')
  // Listed as the core lists them: latest start first.
  const later = ev('later', '2026-12-20', '2026-12-21')
  const today = ev('today', '2026-11-22', '2026-11-24')
  const past = ev('past', '2026-10-01', '2026-10-02')

  it('opens on the event on today, not the latest-starting one', () => {
    expect(todaysEvent([later, today, past], now)?.id).toBe('today')
  })
  it('without one today: the next to come, then the last held', () => {
    expect(todaysEvent([later, past], now)?.id).toBe('later')
    expect(todaysEvent([past, ev('older', '2026-01-01', '2026-01-01')], now)?.id).toBe('past')
  })
  it("uses the event's own timezone: at 23:30 UTC it is already tomorrow in Tokyo", () => {
    const lateNight = new Date('2026-11-23T23:30:00Z')
    expect(dateIn('Asia/Tokyo', lateNight)).toBe('2026-11-24')
    const tokyo = ev('tokyo', '2026-11-24', '2026-11-24', 'Asia/Tokyo')
    const london = ev('london', '2026-11-24', '2026-11-24', 'Europe/London')
    expect(todaysEvent([london, tokyo], lateNight)?.id).toBe('tokyo')
  })
  it('a cancelled event is not opened while another exists', () => {
    expect(todaysEvent([ev('off', '2026-11-23', '2026-11-23', 'UTC', 'cancelled'), later], now)?.id).toBe('later')
  })
})

describe('openingEvent', () => {
  const now = new Date('2026-11-23T10:00:00Z')
  const today = ev('today', '2026-11-23', '2026-11-23')
  const later = ev('later', '2026-12-20', '2026-12-21')
  const past = ev('past', '2026-10-01', '2026-10-02')
  it('keeps a remembered choice that is not over', () => {
    expect(openingEvent([later, today], 'later', now)?.id).toBe('later')
  })
  it("leaves last week's remembered event for today's", () => {
    expect(openingEvent([today, past], 'past', now)?.id).toBe('today')
  })
  it('falls back to today when nothing (or something deleted) was remembered', () => {
    expect(openingEvent([later, today], null, now)?.id).toBe('today')
    expect(openingEvent([later, today], 'gone', now)?.id).toBe('today')
  })
})
