import { afterEach, describe, expect, it, vi } from 'vitest'
import { Timestamp } from '@actual-app/crdt'
import { DeskClock } from './clock'

afterEach(() => vi.useRealTimers())

describe('DeskClock', () => {
  it('issues strictly increasing timestamps, even within one millisecond', () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00.000Z') })
    const clock = new DeskClock('AAAAAAAAAAAAAAAA')
    const stamps = Array.from({ length: 1000 }, () => clock.now())
    expect(new Set(stamps).size).toBe(1000)
    expect([...stamps].sort()).toEqual(stamps)
    expect(stamps[0]).toBe('2026-11-22T10:00:00.000Z-0000-AAAAAAAAAAAAAAAA')
    expect(stamps[999]).toBe('2026-11-22T10:00:00.000Z-03E7-AAAAAAAAAAAAAAAA')
  })

  it('never goes backwards when the wall clock does, and resumes from the last stamp after a restart', () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00.000Z') })
    const clock = new DeskClock('AAAAAAAAAAAAAAAA')
    const before = clock.now()
    vi.setSystemTime(new Date('2026-11-22T09:59:00.000Z')) // NTP stepped back a minute
    const after = clock.now()
    expect(after > before).toBe(true)
    expect(clock.warning).toBeNull() // within the 5-minute tolerance
    const restarted = new DeskClock('AAAAAAAAAAAAAAAA', after)
    expect(restarted.now() > after).toBe(true)
  })

  it('orders local changes after a peer change it has received', () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00.000Z') })
    const a = new DeskClock('AAAAAAAAAAAAAAAA')
    const b = new DeskClock('BBBBBBBBBBBBBBBB')
    vi.setSystemTime(new Date('2026-11-22T10:00:02.000Z'))
    const fromB = b.now()
    vi.setSystemTime(new Date('2026-11-22T10:00:01.000Z'))
    a.receive(fromB)
    expect(a.now() > fromB).toBe(true)
  })

  it('keeps working with a warning when the desk clock is far behind a peer', () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00.000Z') })
    const wrong = new DeskClock('AAAAAAAAAAAAAAAA')
    const peerStamp = '2026-11-22T11:00:00.000Z-0000-BBBBBBBBBBBBBBBB' // an hour ahead
    expect(() => wrong.receive(peerStamp)).not.toThrow()
    expect(wrong.warning).toEqual({ cause: 'behind_peer', minutesBehind: 60 })
    const next = wrong.now()
    expect(next > peerStamp).toBe(true)
    expect(wrong.now() > next).toBe(true)
  })

  it('warns, and still counts, when its own wall clock jumps far back', () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00.000Z') })
    const clock = new DeskClock('AAAAAAAAAAAAAAAA')
    const before = clock.now()
    vi.setSystemTime(new Date('2026-11-22T09:00:00.000Z'))
    const after = clock.now()
    expect(after > before).toBe(true)
    expect(clock.warning).toEqual({ cause: 'behind_history', minutesBehind: 60 })
  })

  it('warns at start when the desk has changes later than its clock shows', () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00.000Z') })
    expect(new DeskClock('AAAAAAAAAAAAAAAA', '2026-11-22T12:00:00.000Z-0000-AAAAAAAAAAAAAAAA').warning).toEqual({
      cause: 'behind_history',
      minutesBehind: 120
    })
    expect(new DeskClock('AAAAAAAAAAAAAAAA', '2026-11-22T10:03:00.000Z-0000-AAAAAAAAAAAAAAAA').warning).toBeNull()
  })

  it('rejects a malformed peer timestamp', () => {
    const clock = new DeskClock('AAAAAAAAAAAAAAAA')
    expect(() => clock.receive('not-a-timestamp')).toThrow(/not valid/)
  })
})

describe('DeskClock.now', () => {
  it('writes the same strings as the library', () => {
    const clock = new DeskClock('ABCDEF0123456789')
    for (let i = 0; i < 2000; i++) {
      const made = clock.now()
      expect(Timestamp.parse(made)!.toString()).toBe(made)
    }
  })
})
