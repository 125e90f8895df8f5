/** The write path and the merge of records made on other desks, on real SQLite files. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDesk, removeDir, type TestDesk } from '../../../tests/integration/helpers'
import { searchAttendees } from '../attendees/queries'
import { attendees } from '../attendees/schema'
import { checkins } from '../checkin/schema'
import { events } from '../events/schema'
import { FOLD_LWW, type ChangeRecord } from './changelog'
import type { WriteCtx } from './module'
import { GuardedSql } from './sql'

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

const changesOf = (desk: TestDesk, since = ''): ChangeRecord[] => desk.core.changesSince(since, 1_000_000)

async function ship(from: TestDesk, to: TestDesk, since = '') {
  return to.core.applyRemoteChanges(changesOf(from, since))
}

const write = <T>(desk: TestDesk, fn: (ctx: WriteCtx) => T): Promise<T> => desk.core.transact('test', fn)
const all = (desk: TestDesk, sql: string) => desk.core.sqlite.prepare(sql).all()

const event = {
  id: 'evt-1',
  name: 'Summit',
  type: 'conference' as const,
  startDate: '2026-11-23',
  endDate: '2026-11-24',
  timezone: 'Europe/Berlin',
  venue: null,
  capacity: null,
  status: 'draft' as const,
  createdAt: '2026-11-22T10:00:00.000Z'
}

const attendee = (id: string, firstName: string, lastName: string, code: string) => ({
  id, eventId: 'evt-1', code, firstName, lastName, email: null, company: null, jobTitle: null, phone: null,
  ticketTypeId: 'tt', status: 'registered' as const, paymentMethod: null, amountCents: null, preferredLanguage: null,
  notes: null, externalRef: null, source: 'manual' as const, createdAt: '2026-11-22T10:00:00.000Z'
})

const checkin = (id: string, deskId: string, at: string, attendeeId = 'att-1') => ({
  id, eventId: 'evt-1', attendeeId, kind: 'in' as const, refId: null, at, deskId, staffId: 's', method: 'search' as const
})

describe('the write path', () => {
  it('records every insert and update with HLC, desk, action, schema level and only the changed columns', async () => {
    await write(a, ({ write }) => write.insert(events, event))
    const before = changesOf(a).at(-1)!.hlc
    expect(await write(a, ({ write }) => write.update(events, 'evt-1', { name: 'Summit 2026', status: 'draft' }))).toBe(true)
    const [update] = changesOf(a, before)
    expect(update).toMatchObject({ tbl: 'events', rowId: 'evt-1', op: 'update', deskId: a.core.id, action: 'test', v: a.core.changeLog.level })
    expect(update!.data).toEqual({ name: 'Summit 2026' }) // status did not change
    expect(await write(a, ({ write }) => write.update(events, 'evt-1', { name: 'Summit 2026' }))).toBe(false)
    expect(changesOf(a, before)).toHaveLength(1)
  })

  it('rolls the row and its change record back together', async () => {
    const n = changesOf(a).length
    await expect(
      write(a, ({ write }) => {
        write.insert(events, event)
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(changesOf(a)).toHaveLength(n)
    expect(all(a, 'SELECT * FROM events')).toEqual([])
  })

  it('keeps the version vector to what committed: a rolled-back write never counts as held', async () => {
    const before = a.core.versionVector().get(a.core.id)
    await expect(
      write(a, ({ write }) => {
        write.insert(events, event)
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(a.core.versionVector().get(a.core.id)).toBe(before)
    await write(a, ({ write }) => write.insert(events, event))
    expect(a.core.versionVector().get(a.core.id)).toBe(changesOf(a).at(-1)!.hlc)
  })

  it('hands domain code SQL that can only read, and local SQL that writes only local tables', () => {
    const read = new GuardedSql(a.core.sqlite)
    expect(read.all('SELECT COUNT(*) AS n FROM events')).toEqual([{ n: 0 }])
    expect(() => read.run("INSERT INTO events (id) VALUES ('x')")).toThrow(/may only read/)
    expect(() => read.run("UPDATE attendees SET first_name = 'x'")).toThrow(/may only read/)
    expect(() => read.db.delete(events).run()).toThrow(/may only read/)
    const local = new GuardedSql(a.core.sqlite, new Set(['sessions']))
    expect(local.run('DELETE FROM sessions WHERE token_hash = ?', 'nope')).toBe(0)
    expect(() => local.run("DELETE FROM staff WHERE id = 'x'")).toThrow(/may only read and write sessions/)
  })
})

describe('deletes', () => {
  it('removes the row from every read and its search index, and the deletion merges on a peer', async () => {
    await write(a, ({ write }) => write.insert(attendees, attendee('att-1', 'Łucja', 'Nowak', 'ABC234')))
    await ship(a, b)
    const mark = changesOf(a).at(-1)!.hlc
    await write(a, ({ write }) => write.delete(attendees, 'att-1'))
    expect(all(a, 'SELECT id FROM attendees')).toEqual([])
    expect(searchAttendees(new GuardedSql(a.core.sqlite), 'evt-1', 'lucja', 5)).toEqual([])
    await ship(a, b, mark)
    expect(all(b, 'SELECT id FROM attendees')).toEqual([])
    expect(searchAttendees(new GuardedSql(b.core.sqlite), 'evt-1', 'lucja', 5)).toEqual([])
  })

  it('keeps a row deleted when an older edit of it arrives afterwards, on either desk', async () => {
    await write(a, ({ write }) => write.insert(events, event))
    await ship(a, b)
    const mark = changesOf(a).at(-1)!.hlc
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1000 })
    await write(b, ({ write }) => write.update(events, 'evt-1', { name: 'Edited on B' }))
    vi.setSystemTime(Date.now() + 1000)
    await write(a, ({ write }) => write.delete(events, 'evt-1'))
    vi.useRealTimers()
    await ship(a, b, mark)
    await ship(b, a, mark)
    expect(all(a, 'SELECT * FROM events')).toEqual([])
    expect(all(b, 'SELECT * FROM events')).toEqual([])
  })

  it('refuses to delete facts', async () => {
    await expect(write(a, ({ write }) => write.delete(checkins, 'x'))).rejects.toThrow(/append-only/)
  })
})

describe('applying changes from another desk', () => {
  it('is idempotent: the same records twice change nothing the second time', async () => {
    await write(a, ({ write }) => write.insert(events, event))
    expect(await ship(a, b)).toMatchObject({ applied: 2, duplicates: 0, rejected: [] }) // a's desk row + the event
    expect(await ship(a, b)).toMatchObject({ applied: 0, duplicates: 2, rejected: [] })
    expect(all(b, "SELECT name FROM events WHERE id = 'evt-1'")).toEqual([{ name: 'Summit' }])
  })

  it('keeps edits of different fields made on two desks (per-column last writer wins)', async () => {
    await write(a, ({ write }) => write.insert(events, event))
    await ship(a, b)
    const mark = changesOf(a).at(-1)!.hlc
    await write(a, ({ write }) => write.update(events, 'evt-1', { name: 'Renamed on A' }))
    await write(b, ({ write }) => write.update(events, 'evt-1', { venue: 'Hall B' }))
    await ship(a, b, mark)
    await ship(b, a, mark)
    for (const desk of [a, b]) expect(all(desk, 'SELECT name, venue FROM events')).toEqual([{ name: 'Renamed on A', venue: 'Hall B' }])
  })

  it('lets the later edit of the same field win on both desks, whatever the arrival order', async () => {
    await write(a, ({ write }) => write.insert(events, event))
    await ship(a, b)
    const mark = changesOf(a).at(-1)!.hlc
    // Two independent clocks: only the wall time decides which edit is later.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1000 })
    await write(a, ({ write }) => write.update(events, 'evt-1', { name: 'First' }))
    vi.setSystemTime(Date.now() + 1000)
    await write(b, ({ write }) => write.update(events, 'evt-1', { name: 'Second' }))
    vi.useRealTimers()
    await ship(b, a, mark)
    await ship(a, b, mark) // older edit arrives last at b: must not win
    for (const desk of [a, b]) expect(all(desk, 'SELECT name FROM events')).toEqual([{ name: 'Second' }])
  })

  it('builds a row whose update arrives before its insert', async () => {
    await write(a, ({ write }) => write.insert(events, event))
    await write(a, ({ write }) => write.update(events, 'evt-1', { status: 'live' }))
    const records = changesOf(a).filter((c) => c.tbl === 'events')
    expect(await b.core.applyRemoteChanges([records[1]!])).toMatchObject({ applied: 1 })
    expect(all(b, 'SELECT * FROM events')).toEqual([])
    await b.core.applyRemoteChanges([records[0]!])
    expect(all(b, 'SELECT name, status FROM events')).toEqual([{ name: 'Summit', status: 'live' }])
  })

  it('keeps both check-ins of one attendee made on two desks (facts are never overwritten)', async () => {
    await write(a, ({ write }) => write.insert(attendees, attendee('att-1', 'Zoë', 'Müller', 'ABC234')))
    await ship(a, b)
    const mark = changesOf(a).at(-1)!.hlc
    await write(a, ({ write }) => write.insert(checkins, checkin('c-a', a.core.id, '2026-11-22T10:05:00.000Z')))
    await write(b, ({ write }) => write.insert(checkins, checkin('c-b', b.core.id, '2026-11-22T10:04:00.000Z')))
    await ship(a, b, mark)
    await ship(b, a, mark)
    for (const desk of [a, b]) {
      expect(all(desk, 'SELECT id FROM checkins ORDER BY id')).toEqual([{ id: 'c-a' }, { id: 'c-b' }])
      // Presence shows the earliest check-in on both desks.
      expect(all(desk, 'SELECT checkin_id FROM attendee_presence')).toEqual([{ checkin_id: 'c-b' }])
    }
  })

  it('picks the same check-in on every desk when two were made in the same millisecond', async () => {
    await write(a, ({ write }) => write.insert(attendees, attendee('att-1', 'Zoë', 'Müller', 'ABC234')))
    await ship(a, b)
    const mark = changesOf(a).at(-1)!.hlc
    const at = '2026-11-22T10:05:00.000Z'
    // Each desk keeps its own first: before the fix, both kept theirs for ever.
    await write(a, ({ write }) => write.insert(checkins, checkin('c-zzz', a.core.id, at)))
    await write(b, ({ write }) => write.insert(checkins, checkin('c-aaa', b.core.id, at)))
    await ship(a, b, mark)
    await ship(b, a, mark)
    for (const desk of [a, b]) expect(all(desk, 'SELECT checkin_id FROM attendee_presence')).toEqual([{ checkin_id: 'c-aaa' }])
  })

  it('indexes attendees applied from a peer for search, and re-indexes their edits', async () => {
    await write(a, ({ write }) => write.insert(attendees, attendee('att-9', 'Łucja', 'Nowak', 'XYZ789')))
    await ship(a, b)
    const read = new GuardedSql(b.core.sqlite)
    expect(searchAttendees(read, 'evt-1', 'lucja', 5).map((r) => r.id)).toEqual(['att-9'])
    const mark = changesOf(a).at(-1)!.hlc
    await write(a, ({ write }) => write.update(attendees, 'att-9', { lastName: 'Kowalczyk' }))
    await ship(a, b, mark)
    expect(searchAttendees(read, 'evt-1', 'nowak', 5)).toEqual([])
    expect(searchAttendees(read, 'evt-1', 'kowal', 5).map((r) => r.id)).toEqual(['att-9'])
  })

  it('tells screens what a merge changed (tables and events)', async () => {
    await write(a, ({ write }) => write.insert(attendees, attendee('att-1', 'Ana', 'Díaz', 'ABC234')))
    const seen: { tables: string[]; eventIds: string[] }[] = []
    b.core.onChanged((e) => seen.push(e))
    await ship(a, b)
    expect(seen).toHaveLength(1)
    expect(seen[0]!.tables).toEqual(expect.arrayContaining(['attendees', 'desks']))
    expect(seen[0]!.eventIds).toEqual(['evt-1'])
  })

  it('applies a peer batch after an import in progress commits, never inside its transaction', async () => {
    // b runs a long chunked write; a record from a arrives meanwhile and must neither join nor be lost with it.
    await write(a, ({ write }) => write.insert(events, event))
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const longWrite = b.core.exclusive(async () => {
      b.core.sqlite.exec('BEGIN IMMEDIATE')
      b.core.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('probe', '1')").run()
      await gate
      b.core.sqlite.exec('ROLLBACK') // the long write fails and rolls back
    })
    const applied = ship(a, b)
    await new Promise((resolve) => setImmediate(resolve))
    release()
    await longWrite
    expect(await applied).toMatchObject({ applied: 2 })
    expect(all(b, "SELECT name FROM events WHERE id = 'evt-1'")).toEqual([{ name: 'Summit' }])
    expect(all(b, "SELECT * FROM meta WHERE key = 'probe'")).toEqual([])
  })
})

describe('records a desk must check', () => {
  const base = { hlc: '2026-11-22T10:00:00.000Z-0000-CCCCCCCCCCCCCCCC', deskId: 'x', staffId: null, action: 'x', rowId: 'evt-9', op: 'insert' as const, v: 1 }

  it('refuses forged records: unknown table or column at its own level, updates of facts, bad timestamps', async () => {
    const result = await b.core.applyRemoteChanges([
      { ...base, tbl: 'sqlite_master', data: { id: 'evt-9' } },
      { ...base, hlc: base.hlc.replace('0000', '0001'), tbl: 'events', op: 'update', data: { 'name = 1; DROP TABLE events; --': 'x' } },
      { ...base, hlc: base.hlc.replace('0000', '0002'), tbl: 'checkins', op: 'update', data: { at: 'x' } },
      { ...base, hlc: 'garbage', tbl: 'events', data: { id: 'evt-9' } },
      'not even an object'
    ])
    expect(result.applied).toBe(0)
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'unknown table sqlite_master',
      'unknown column events.name = 1; DROP TABLE events; --',
      'checkins records are append-only',
      'invalid timestamp',
      'not a change record'
    ])
    expect(changesOf(b).filter((c) => c.deskId === 'x')).toEqual([])
  })

  it('refuses values a column cannot hold (status "banana"), and keeps the valid records of the batch', async () => {
    const full = { ...event, id: 'evt-9' }
    const data = Object.fromEntries(Object.entries(full).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()), v]))
    const result = await b.core.applyRemoteChanges([
      { ...base, tbl: 'events', data: { ...data, status: 'banana' } },
      { ...base, hlc: base.hlc.replace('0000', '0001'), rowId: 'evt-8', tbl: 'events', data: { ...data, id: 'evt-8', capacity: 'lots' } },
      { ...base, hlc: base.hlc.replace('0000', '0002'), rowId: 'evt-7', tbl: 'events', data: { ...data, id: 'evt-7' } }
    ])
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'events.status must be one of draft, published, live, completed, cancelled',
      'events.capacity must be a number'
    ])
    expect(all(b, 'SELECT id, status FROM events')).toEqual([{ id: 'evt-7', status: 'draft' }])
  })

  it('lets no peer rename another desk', async () => {
    const result = await b.core.applyRemoteChanges([
      { ...base, tbl: 'desks', op: 'update', rowId: b.core.id, data: { name: 'Hijacked' } }
    ])
    expect(result.rejected[0]!.reason).toMatch(/its own row/)
  })

  it('keeps columns and tables of a newer version and applies them once this desk knows them', async () => {
    const newer = a.core.changeLog.level + 1
    const full = Object.fromEntries(Object.entries(event).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()), v]))
    const result = await b.core.applyRemoteChanges([
      { ...base, v: newer, tbl: 'events', rowId: 'evt-1', data: { ...full, hashtag: '#summit' } },
      { ...base, hlc: base.hlc.replace('0000', '0001'), v: newer, tbl: 'sessions_of_the_future', rowId: 's1', data: { id: 's1' } }
    ])
    expect(result).toMatchObject({ applied: 0, deferred: 2, rejected: [] })
    // The known columns are in; the record itself is kept whole for later (and for relaying).
    expect(all(b, 'SELECT name FROM events')).toEqual([{ name: 'Summit' }])
    expect(changesOf(b).find((c) => c.rowId === 'evt-1')!.data).toMatchObject({ hashtag: '#summit' })
    expect(all(b, 'SELECT tbl, row_id FROM pending_changes ORDER BY tbl')).toEqual([
      { tbl: 'events', row_id: 'evt-1' },
      { tbl: 'sessions_of_the_future', row_id: 's1' }
    ])
  })
})

describe('merge cost', () => {
  it('folds a row from its own records through the row index, never a scan of the whole log', () => {
    const plan = a.core.sqlite.prepare(`EXPLAIN QUERY PLAN ${FOLD_LWW}`).all('attendees', 'row-1') as { detail: string }[]
    expect(plan.map((p) => p.detail).join('; ')).toMatch(/USING INDEX changes_row_idx/)
  })
})
