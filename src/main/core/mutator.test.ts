import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDesk, removeDir, type TestDesk } from '../../../tests/integration/helpers'
import { attendees, checkins, events } from '../db/schema'
import { searchAttendees } from '../attendees/queries'
import type { ChangeRecord } from './mutator'

let a: TestDesk
let b: TestDesk

beforeEach(() => {
  a = openDesk()
  b = openDesk()
})
afterEach(() => {
  a.close()
  b.close()
  removeDir(a.dir)
  removeDir(b.dir)
})

function changesOf(desk: TestDesk, since = ''): ChangeRecord[] {
  return (
    desk.core.sqlite.prepare('SELECT * FROM changes WHERE hlc > ? ORDER BY hlc').all(since) as {
      hlc: string
      desk_id: string
      staff_id: string | null
      action: string
      tbl: string
      row_id: string
      op: 'insert' | 'update'
      data: string
    }[]
  ).map((r) => ({
    hlc: r.hlc,
    deskId: r.desk_id,
    staffId: r.staff_id,
    action: r.action,
    tbl: r.tbl,
    rowId: r.row_id,
    op: r.op,
    data: JSON.parse(r.data) as Record<string, string | number | null>
  }))
}

function ship(from: TestDesk, to: TestDesk, since = ''): string[] {
  return changesOf(from, since).map((c) => to.core.changeLog.applyRemoteChange(c))
}

const event = {
  id: 'evt-1',
  name: 'Summit',
  type: 'conference',
  startDate: '2026-11-23',
  endDate: '2026-11-24',
  timezone: 'Europe/Berlin',
  venue: null,
  capacity: null,
  status: 'draft',
  createdAt: '2026-11-22T10:00:00.000Z'
}

function write<T>(desk: TestDesk, fn: (w: ReturnType<TestDesk['core']['changeLog']['writer']>) => T): T {
  return desk.core.sqlite.transaction(() => fn(desk.core.changeLog.writer({ staffId: null, action: 'test' })))()
}

describe('the write path', () => {
  it('records every insert and update with HLC, desk, action and only the changed columns', () => {
    write(a, (w) => w.insert(events, event))
    const before = changesOf(a).at(-1)!.hlc
    const changed = write(a, (w) => w.update(events, 'evt-1', { name: 'Summit 2026', status: 'draft' }))
    expect(changed).toBe(true)
    const [update] = changesOf(a, before)
    expect(update).toMatchObject({ tbl: 'events', rowId: 'evt-1', op: 'update', deskId: a.core.deskId, action: 'test' })
    expect(update!.data).toEqual({ name: 'Summit 2026' }) // status did not change
    expect(write(a, (w) => w.update(events, 'evt-1', { name: 'Summit 2026' }))).toBe(false)
    expect(changesOf(a, before)).toHaveLength(1)
  })

  it('rolls the row and its change record back together', () => {
    const count = () => (a.core.sqlite.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n
    const n = count()
    expect(() =>
      write(a, (w) => {
        w.insert(events, event)
        throw new Error('boom')
      })
    ).toThrow('boom')
    expect(count()).toBe(n)
    expect(a.core.sqlite.prepare('SELECT * FROM events').all()).toEqual([])
  })
})

describe('applying changes from another desk', () => {
  it('is idempotent: the same record twice changes nothing the second time', () => {
    write(a, (w) => w.insert(events, event))
    expect(ship(a, b)).toEqual(['applied', 'applied']) // a's desk registration + the event
    expect(ship(a, b)).toEqual(['duplicate', 'duplicate'])
    expect(b.core.sqlite.prepare('SELECT name FROM events WHERE id = ?').get('evt-1')).toEqual({ name: 'Summit' })
  })

  it('keeps edits of different fields made on two desks (per-column last writer wins)', () => {
    write(a, (w) => w.insert(events, event))
    ship(a, b)
    const mark = changesOf(a).at(-1)!.hlc
    write(a, (w) => w.update(events, 'evt-1', { name: 'Renamed on A' }))
    write(b, (w) => w.update(events, 'evt-1', { venue: 'Hall B' }))
    ship(a, b, mark)
    ship(b, a, mark)
    for (const desk of [a, b]) {
      expect(desk.core.sqlite.prepare('SELECT name, venue FROM events').get()).toEqual({ name: 'Renamed on A', venue: 'Hall B' })
    }
  })

  it('lets the later edit of the same field win on both desks, whatever the arrival order', () => {
    write(a, (w) => w.insert(events, event))
    ship(a, b)
    const mark = changesOf(a).at(-1)!.hlc
    // Two independent clocks: only the wall time decides which edit is later.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1000 })
    write(a, (w) => w.update(events, 'evt-1', { name: 'First' }))
    vi.setSystemTime(Date.now() + 1000)
    write(b, (w) => w.update(events, 'evt-1', { name: 'Second' }))
    vi.useRealTimers()
    ship(b, a, mark)
    ship(a, b, mark) // older edit arrives last at b: must not win
    expect(a.core.sqlite.prepare('SELECT name FROM events').get()).toEqual({ name: 'Second' })
    expect(b.core.sqlite.prepare('SELECT name FROM events').get()).toEqual({ name: 'Second' })
  })

  it('builds a row whose update arrives before its insert', () => {
    write(a, (w) => w.insert(events, event))
    write(a, (w) => w.update(events, 'evt-1', { status: 'live' }))
    const records = changesOf(a).filter((c) => c.tbl === 'events')
    expect(b.core.changeLog.applyRemoteChange(records[1]!)).toBe('applied')
    expect(b.core.sqlite.prepare('SELECT * FROM events').all()).toEqual([])
    b.core.changeLog.applyRemoteChange(records[0]!)
    expect(b.core.sqlite.prepare('SELECT name, status FROM events').get()).toEqual({ name: 'Summit', status: 'live' })
  })

  it('keeps both check-ins of one attendee made on two desks (facts are never overwritten)', () => {
    const attendee = {
      id: 'att-1', eventId: 'evt-1', code: 'ABC234', firstName: 'Zoë', lastName: 'Müller', email: null, company: null,
      jobTitle: null, phone: null, ticketTypeId: 'tt', status: 'registered', paymentMethod: null, amountCents: null,
      preferredLanguage: null, notes: null, externalRef: null, source: 'manual', createdAt: '2026-11-22T10:00:00.000Z'
    }
    write(a, (w) => w.insert(attendees, attendee))
    ship(a, b)
    const mark = changesOf(a).at(-1)!.hlc
    const checkin = (id: string, deskId: string, at: string) => ({
      id, eventId: 'evt-1', attendeeId: 'att-1', kind: 'in', refId: null, at, deskId, staffId: 's', method: 'search'
    })
    write(a, (w) => w.insert(checkins, checkin('c-a', a.core.deskId, '2026-11-22T10:05:00.000Z')))
    write(b, (w) => w.insert(checkins, checkin('c-b', b.core.deskId, '2026-11-22T10:04:00.000Z')))
    ship(a, b, mark)
    ship(b, a, mark)
    for (const desk of [a, b]) {
      expect(desk.core.sqlite.prepare('SELECT id FROM checkins ORDER BY id').all()).toEqual([{ id: 'c-a' }, { id: 'c-b' }])
      // Presence shows the earliest check-in on both desks.
      expect(desk.core.sqlite.prepare('SELECT checkin_id FROM attendee_presence').get()).toEqual({ checkin_id: 'c-b' })
    }
  })

  it('indexes attendees applied from a peer for search, and re-indexes their edits', () => {
    const attendee = {
      id: 'att-9', eventId: 'evt-1', code: 'XYZ789', firstName: 'Łucja', lastName: 'Nowak', email: null, company: null,
      jobTitle: null, phone: null, ticketTypeId: 'tt', status: 'registered', paymentMethod: null, amountCents: null,
      preferredLanguage: null, notes: null, externalRef: null, source: 'manual', createdAt: '2026-11-22T10:00:00.000Z'
    }
    write(a, (w) => w.insert(attendees, attendee))
    ship(a, b)
    expect(searchAttendees(b.core, 'evt-1', 'lucja', 5).map((r) => r.id)).toEqual(['att-9'])
    const mark = changesOf(a).at(-1)!.hlc
    write(a, (w) => w.update(attendees, 'att-9', { lastName: 'Kowalczyk' }))
    ship(a, b, mark)
    expect(searchAttendees(b.core, 'evt-1', 'nowak', 5)).toEqual([])
    expect(searchAttendees(b.core, 'evt-1', 'kowal', 5).map((r) => r.id)).toEqual(['att-9'])
  })

  it('refuses forged records: unknown table, unknown column, updates of facts', () => {
    const base = { hlc: '2026-11-22T10:00:00.000Z-0000-CCCCCCCCCCCCCCCC', deskId: 'x', staffId: null, action: 'x', rowId: 'r', op: 'insert' as const }
    expect(() => b.core.changeLog.applyRemoteChange({ ...base, tbl: 'sqlite_master', data: {} })).toThrow(/Unknown table/)
    expect(() =>
      b.core.changeLog.applyRemoteChange({ ...base, tbl: 'events', data: { 'name = 1; DROP TABLE events; --': 'x' } })
    ).toThrow(/Unknown column/)
    expect(() => b.core.changeLog.applyRemoteChange({ ...base, tbl: 'checkins', op: 'update', data: { at: 'x' } })).toThrow(
      /append-only/
    )
    expect(() => b.core.changeLog.applyRemoteChange({ ...base, hlc: 'garbage', tbl: 'events', data: {} })).toThrow(/not valid/)
  })
})
