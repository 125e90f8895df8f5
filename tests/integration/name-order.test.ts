/** The attendee list, the empty desk search and exports in the language's name order, kept for local, merged and old rows. */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attendees } from '../../src/main/attendees/schema'
import { deskWithEvent, openDesk, removeDir, walkUp, type TestDesk } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>

// Entered in an order that is neither the expected one nor SQLite's binary one.
const PEOPLE: [string, string][] = [
  ['Aiko', 'Suzuki'], ['Emre', 'Öztürk'], ['Lucía', 'Sánchez'], ['Ingrid', 'Ødegård'], ['Jan', 'Łukasiewicz'],
  ['Anna', 'Ähnlich'], ['Tom', 'Sanders'], ['Rosa', 'Ortiz'], ['Ana', 'Lopez'], ['Paul', 'Zimmermann']
]
const NAME_ORDER = ['Ähnlich', 'Lopez', 'Łukasiewicz', 'Ødegård', 'Ortiz', 'Öztürk', 'Sánchez', 'Sanders', 'Suzuki', 'Zimmermann']

beforeAll(async () => {
  desk = await deskWithEvent()
  for (const [firstName, lastName] of PEOPLE) {
    await walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName, lastName, email: null, company: null, ticketTypeId: desk.gaId })
  }
})
afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

const listed = async (d: TestDesk = desk, eventId = desk.eventId, token = desk.organizer) =>
  (await d.call('attendee.list', { eventId }, token)).rows.map((a) => a.lastName)

describe('name order', () => {
  it('lists attendees as the language sorts names, not by code points', async () => {
    expect(await listed()).toEqual(NAME_ORDER)
    // Paging follows the same order.
    const page = await desk.call('attendee.list', { eventId: desk.eventId, offset: 3, limit: 3 }, desk.organizer)
    expect(page.rows.map((a) => a.lastName)).toEqual(NAME_ORDER.slice(3, 6))
    expect(page.total).toBe(NAME_ORDER.length)
  })

  it('keeps the order and the totals under filters', async () => {
    const { rows } = await desk.call('attendee.list', { eventId: desk.eventId }, desk.organizer)
    const id = (lastName: string) => rows.find((a) => a.lastName === lastName)!.id
    for (const name of ['Suzuki', 'Ähnlich', 'Sánchez']) await desk.call('checkin.byAttendee', { attendeeId: id(name) }, desk.organizer)
    await desk.call('attendee.setStatus', { id: id('Ortiz'), status: 'cancelled' }, desk.organizer)
    const filtered = async (filter: { checkedIn?: boolean; status?: 'cancelled' | 'registered'; query?: string; ticketTypeId?: string }) => {
      const page = await desk.call('attendee.list', { eventId: desk.eventId, ...filter }, desk.organizer)
      expect(page.total).toBe(page.rows.length)
      return page.rows.map((a) => a.lastName)
    }
    expect(await filtered({ checkedIn: true })).toEqual(['Ähnlich', 'Sánchez', 'Suzuki'])
    expect(await filtered({ checkedIn: false })).toEqual(NAME_ORDER.filter((n) => !['Ähnlich', 'Sánchez', 'Suzuki'].includes(n)))
    expect(await filtered({ status: 'registered', checkedIn: false, query: 'o' })).toEqual(['Ødegård', 'Öztürk'])
    expect(await filtered({ status: 'cancelled' })).toEqual(['Ortiz'])
    expect(await filtered({ ticketTypeId: desk.gaId })).toEqual(NAME_ORDER)
    await desk.call('attendee.setStatus', { id: id('Ortiz'), status: 'registered' }, desk.organizer)
  })

  it('uses the same order for the empty desk search and for exports', async () => {
    const search = await desk.call('attendee.search', { eventId: desk.eventId, query: '' }, desk.organizer)
    expect(search.map((a) => a.lastName)).toEqual(NAME_ORDER)
    const csv = await desk.call('attendee.export', { eventId: desk.eventId, format: 'csv' }, desk.organizer)
    const rows = parse(Buffer.from(csv.base64, 'base64'), { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((r) => r['Last name'])).toEqual(NAME_ORDER)
  })

  it('keeps the order through renames and deletes', async () => {
    const { rows } = await desk.call('attendee.list', { eventId: desk.eventId }, desk.organizer)
    const zimmermann = rows.find((a) => a.lastName === 'Zimmermann')!
    const { id, eventId, code, checkedInAt, status, paymentMethod, amountCents, createdAt, externalRef, ...fields } = zimmermann
    await desk.call('attendee.update', { id, fields: { ...fields, lastName: 'Çelik' } }, desk.organizer)
    expect(await listed()).toEqual(['Ähnlich', 'Çelik', ...NAME_ORDER.slice(1, -1)])
    await desk.core.transact('test.delete', ({ write }) => write.delete(attendees, id))
    expect(await listed()).toEqual(NAME_ORDER.slice(0, -1))
  })

  it('orders a peer’s attendees alike, and a rebuild gives the keys the projection kept', async () => {
    const peer = openDesk()
    try {
      await peer.core.applyRemoteChanges(desk.core.changesSince(''))
      const { token } = await peer.call('staff.signIn', { staffId: (await peer.call('staff.signInOptions', {}))[0]!.id, pin: '1234' })
      expect(await listed(peer, desk.eventId, token)).toEqual(await listed())
      const keys = () => peer.core.sqlite.prepare('SELECT event_id, sort_key FROM attendee_sort_keys ORDER BY sort_key').all()
      const kept = keys()
      expect(kept).toHaveLength(NAME_ORDER.length - 1)
      await peer.core.rebuildDerived()
      expect(keys()).toEqual(kept)
    } finally {
      peer.close()
      removeDir(peer.dir)
    }
  })

  it('gives the attendees of a desk made before the keys existed their keys at start-up', async () => {
    const old = openDesk()
    const eventId = desk.eventId
    await old.core.applyRemoteChanges(desk.core.changesSince(''))
    old.close()
    // As the migration leaves an existing desk: an empty table and a request to rebuild it.
    const db = new Database(join(old.dir, 'eventdesk.db'))
    db.exec("DELETE FROM attendee_sort_keys; INSERT INTO meta (key, value) VALUES ('rebuild:attendee_sort_keys', 'test')")
    db.close()
    const reopened = openDesk(old.dir)
    try {
      const { token } = await reopened.call('staff.signIn', { staffId: (await reopened.call('staff.signInOptions', {}))[0]!.id, pin: '1234' })
      expect(await listed(reopened, eventId, token)).toEqual(await listed())
      expect(reopened.core.sqlite.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'rebuild:%'").get()).toEqual({ n: 0 })
    } finally {
      reopened.close()
      removeDir(old.dir)
    }
  })
})
