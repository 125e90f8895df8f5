/**
 * Conflicts are data: what two desks apart cannot prevent is listed on both,
 * the same way, and resolved by ordinary writes that sync like any other.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { attendees } from '../../src/main/attendees/schema'
import { deskWithEvent, exchange, peerOf, rejects, removeDir, walkUp, type TestDesk } from './helpers'

let a: Awaited<ReturnType<typeof deskWithEvent>>
let b: TestDesk & { organizer: string }

beforeEach(async () => {
  a = await deskWithEvent()
  b = await peerOf(a)
})
afterEach(() => {
  for (const d of [a, b]) {
    d.close()
    removeDir(d.dir)
  }
})

const person = (firstName: string, lastName: string, email: string | null = null) => ({
  eventId: a.eventId, firstName, lastName, email, company: null, ticketTypeId: a.gaId
})
const list = (d: TestDesk & { organizer: string }) => d.call('conflict.list', { eventId: a.eventId }, d.organizer)
const kinds = async (d: TestDesk & { organizer: string }) => (await list(d)).map((c) => c.kind)

describe('conflicts made by desks apart', () => {
  it('a code minted twice: both desks list it, a scan names both people, re-issuing fixes it everywhere', async () => {
    const { attendee: zoe } = await walkUp(a, a.organizer, person('Zoë', 'Müller'))
    // Desk b, offline, happens to mint the same code for someone else (1 in a billion, but it happens at scale).
    await b.core.transact('test', ({ write }) =>
      write.insert(attendees, {
        id: '01900000-0000-7000-8000-000000000001', eventId: a.eventId, code: zoe.code, firstName: 'Zoe', lastName: 'Miller',
        email: null, company: 'Other Co', jobTitle: null, phone: null, ticketTypeId: a.gaId, status: 'registered',
        paymentMethod: null, amountCents: null, preferredLanguage: null, notes: null, externalRef: null, mergedInto: null,
        source: 'walkup', createdAt: new Date(Date.now() + 1000).toISOString()
      })
    )
    expect(await kinds(a)).toEqual([])
    await exchange(a, b)
    for (const d of [a, b]) {
      const [conflict] = await list(d)
      expect(conflict).toMatchObject({ kind: 'same_code', detail: { code: zoe.code }, acknowledged: false })
      expect(conflict!.members.map((m) => m.label).sort()).toEqual([`Zoe Miller (${zoe.code})`, `Zoë Müller (${zoe.code})`])
      const scan = await d.call('checkin.byCode', { eventId: a.eventId, code: zoe.code }, d.organizer)
      expect(scan.outcome).toBe('ambiguous_code')
      if (scan.outcome === 'ambiguous_code') expect(scan.attendees.map((p) => p.lastName).sort()).toEqual(['Miller', 'Müller'])
      expect((await d.call('conflict.count', { eventId: a.eventId }, d.organizer)).open).toBe(1)
    }
    const conflictId = (await list(b))[0]!.id
    const { reissued } = await b.call('conflict.reissueCode', { id: conflictId }, b.organizer)
    // The earlier registration keeps its code, on whichever desk the fix is made.
    expect(reissued.map((r) => r.attendeeId)).toEqual(['01900000-0000-7000-8000-000000000001'])
    await exchange(a, b)
    for (const d of [a, b]) {
      expect(await kinds(d)).toEqual([])
      expect((await d.call('checkin.byCode', { eventId: a.eventId, code: zoe.code }, d.organizer)).outcome).toBe('admitted')
    }
  })

  it('one e-mail registered twice: merging keeps one person, carries the check-in over, and the other code leads to them', async () => {
    const { attendee: first } = await walkUp(a, a.organizer, person('Ana', 'Díaz', 'ana@example.es'), true)
    const { attendee: second } = await walkUp(b, b.organizer, person('Ana', 'Diaz', 'ana@example.es'))
    await exchange(a, b)
    const [conflict] = await list(b)
    expect(conflict).toMatchObject({ kind: 'same_email', detail: { email: 'ana@example.es' } })
    expect((await b.call('checkin.counters', { eventId: a.eventId }, b.organizer)).expected).toBe(2)
    const merged = await b.call('conflict.merge', { id: conflict!.id, survivorId: second.id }, b.organizer)
    expect(merged).toEqual({ survivorId: second.id, merged: [first.id] })
    await exchange(a, b)
    for (const d of [a, b]) {
      expect(await kinds(d)).toEqual([])
      const survivor = await d.call('attendee.get', { id: second.id }, d.organizer)
      expect(survivor.checkedInAt).not.toBeNull() // was in under the other registration
      expect((await d.call('attendee.get', { id: first.id }, d.organizer)).status).toBe('merged')
      const counters = await d.call('checkin.counters', { eventId: a.eventId }, d.organizer)
      expect([counters.expected, counters.checkedIn]).toEqual([1, 1])
      const scan = await d.call('checkin.byCode', { eventId: a.eventId, code: first.code }, d.organizer)
      expect(scan).toMatchObject({ outcome: 'already_checked_in', attendee: { id: second.id } })
    }
  })

  it('one person let in at two desks: both facts kept, the earlier counts, the conflict can be acknowledged', async () => {
    const { attendee } = await walkUp(a, a.organizer, person('Søren', 'Ødegård'))
    await exchange(a, b)
    await a.call('checkin.byAttendee', { attendeeId: attendee.id }, a.organizer)
    await b.call('checkin.byAttendee', { attendeeId: attendee.id }, b.organizer)
    await exchange(a, b)
    for (const d of [a, b]) {
      const [conflict] = await list(d)
      expect(conflict).toMatchObject({ kind: 'double_checkin', detail: { attendeeId: attendee.id } })
      expect(conflict!.members.every((m) => m.attendeeId === attendee.id && m.deskName)).toBe(true)
      expect((await d.call('checkin.counters', { eventId: a.eventId }, d.organizer)).checkedIn).toBe(1)
    }
    await a.call('conflict.acknowledge', { id: (await list(a))[0]!.id }, a.organizer)
    await exchange(a, b)
    for (const d of [a, b]) {
      expect(await list(d)).toEqual([])
      expect((await d.call('conflict.list', { eventId: a.eventId, includeAcknowledged: true }, d.organizer))[0]!.acknowledged).toBe(true)
    }
  })

  it('the last seat sold on two desks: the ticket type is listed as over capacity with its count', async () => {
    const tiny = await a.call('ticketType.create', { eventId: a.eventId, code: 'WS', name: 'Workshop', priceCents: 0, currency: 'EUR', capacity: 1, color: '#000000' }, a.organizer)
    await exchange(a, b)
    await walkUp(a, a.organizer, { ...person('One', 'Seat'), ticketTypeId: tiny.id })
    await walkUp(b, b.organizer, { ...person('Two', 'Seat'), ticketTypeId: tiny.id })
    await exchange(a, b)
    for (const d of [a, b]) {
      const [conflict] = await list(d)
      expect(conflict).toMatchObject({ kind: 'over_capacity', detail: { count: 2, capacity: 1 }, members: [{ id: tiny.id, label: 'Workshop (WS)' }] })
    }
    // An ordinary write resolves it: raising the capacity.
    await b.call('ticketType.update', { id: tiny.id, code: 'WS', name: 'Workshop', priceCents: 0, currency: 'EUR', capacity: 2, color: '#000000' }, b.organizer)
    await exchange(a, b)
    expect(await kinds(a)).toEqual([])
  })

  it('two ticket types made with the same code on two desks', async () => {
    const input = { eventId: a.eventId, code: 'DAY1', name: 'Day one', priceCents: 0, currency: 'EUR', capacity: null, color: '#000000' }
    await a.call('ticketType.create', input, a.organizer)
    await b.call('ticketType.create', { ...input, code: 'day1', name: 'Day 1' }, b.organizer)
    await exchange(a, b)
    for (const d of [a, b]) expect(await list(d)).toMatchObject([{ kind: 'same_ticket_code', detail: { code: 'day1' } }])
  })

  it('a big batch (an import, a merge of one) is judged in one scan and finds the same conflicts', async () => {
    await walkUp(b, b.organizer, person('Ana', 'Díaz', 'ana@example.es'))
    const csv = ['First name,Last name,Email', 'Ana,Diaz,ana@example.es']
    for (let i = 0; i < 10_100; i++) csv.push(`Bulk${i},Person,bulk${i}@example.com`)
    const up = await a.call('import.upload', { eventId: a.eventId, fileName: 'big.csv', base64: Buffer.from(csv.join('\n')).toString('base64') }, a.organizer)
    await a.call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: a.gaId, duplicates: 'skip' }, a.organizer)
    await exchange(a, b)
    for (const d of [a, b]) {
      expect(await list(d)).toMatchObject([{ kind: 'same_email', detail: { email: 'ana@example.es' } }])
      const stored = () => d.core.sqlite.prepare('SELECT * FROM conflicts ORDER BY id').all()
      const kept = stored()
      await d.core.rebuildDerived()
      expect(stored()).toEqual(kept)
    }
  })

  it('a resolution of the wrong kind, or of a conflict already gone, is refused clearly', async () => {
    expect((await rejects(a.call('conflict.merge', { id: 'same_email:nope' }, a.organizer))).key).toBe('conflictGone')
    const tokenDesk = await a.tokenFor('desk')
    expect((await rejects(a.call('conflict.list', {}, tokenDesk))).code).toBe('forbidden')
  })
})
