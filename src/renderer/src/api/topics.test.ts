import { describe, expect, it } from 'vitest'
import { isStaleAfter } from './topics'

const list = ['attendee.list', { eventId: 'ev1', offset: 0, limit: 200 }]
const counters = ['checkin.counters', { eventId: 'ev1' }]
const attendee = ['attendee.get', { id: 'a1' }]
const staff = ['staff.list', {}]

describe('which cached answers a change makes stale', () => {
  it('those whose method reads a changed table (the contract says which)', () => {
    const change = { tables: ['checkins', 'changes'], eventIds: ['ev1'] }
    expect(isStaleAfter(list, change)).toBe(true)
    expect(isStaleAfter(counters, change)).toBe(true)
    expect(isStaleAfter(staff, change)).toBe(false)
  })

  it('only for the events that changed, when the answer is about one event', () => {
    const change = { tables: ['attendees'], eventIds: ['ev2'] }
    expect(isStaleAfter(list, change)).toBe(false)
    expect(isStaleAfter(counters, change)).toBe(false)
    // Asked by attendee id, not by event: any attendee change may concern it.
    expect(isStaleAfter(attendee, change)).toBe(true)
  })

  it('for every event when the change names none', () => {
    expect(isStaleAfter(list, { tables: ['ticket_types'], eventIds: [] })).toBe(false)
    expect(isStaleAfter(counters, { tables: ['ticket_types'], eventIds: [] })).toBe(true)
  })

  it('everything after a reconnect; nothing that is not an API answer', () => {
    expect(isStaleAfter(staff, { tables: ['*'], eventIds: [] })).toBe(true)
    expect(isStaleAfter(['not.aMethod', {}], { tables: ['*'], eventIds: [] })).toBe(false)
  })
})
