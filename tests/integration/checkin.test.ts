/** Check-in outcomes, undo, walk-up registration, attendee edits and counters on a real SQLite file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deskWithEvent, rejects, removeDir, walkUp as walkUpAt } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>
let deskToken: string

beforeAll(async () => {
  desk = await deskWithEvent()
  deskToken = await desk.tokenFor('desk')
})
afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

async function walkUp(firstName: string, lastName: string, email: string | null, checkIn = false) {
  return walkUpAt(desk, deskToken, { eventId: desk.eventId, firstName, lastName, email, company: 'ACME', ticketTypeId: desk.gaId, paymentMethod: 'cash', amountCents: 10000 }, checkIn)
}

describe('check-in', () => {
  it('admits once, then says who already checked them in, where and when', async () => {
    const { attendee } = await walkUp('Zoë', 'Ødegård', 'zoe@example.com')
    expect(attendee.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/)
    const first = await desk.call('checkin.byCode', { eventId: desk.eventId, code: attendee.code.toLowerCase() }, deskToken)
    expect(first.outcome).toBe('admitted')
    const second = await desk.call('checkin.byCode', { eventId: desk.eventId, code: ` ${attendee.code} ` }, deskToken)
    expect(second.outcome).toBe('already_checked_in')
    if (second.outcome !== 'already_checked_in' || first.outcome !== 'admitted') throw new Error('unreachable')
    expect(second.previous).toMatchObject({ checkinId: first.checkin.checkinId, deskId: desk.core.id, staffName: expect.stringMatching(/^Test desk/) })
    expect(second.previous.deskName).toBeTruthy()
  })

  it('admits once when the same person is checked in twice at the same moment (double click, two operators)', async () => {
    const { attendee } = await walkUp('Double', 'Click', null)
    const results = await Promise.all([
      desk.call('checkin.byAttendee', { attendeeId: attendee.id }, deskToken),
      desk.call('checkin.byCode', { eventId: desk.eventId, code: attendee.code }, deskToken)
    ])
    expect(results.map((r) => r.outcome).sort()).toEqual(['admitted', 'already_checked_in'])
    const facts = desk.core.sqlite.prepare("SELECT COUNT(*) AS n FROM checkins WHERE attendee_id = ? AND kind = 'in'").get(attendee.id)
    expect(facts).toEqual({ n: 1 })
  })

  it('undoes a check-in as a new fact, after which the attendee can be admitted again', async () => {
    const { attendee } = await walkUp('Undo', 'Person', null)
    const admitted = await desk.call('checkin.byAttendee', { attendeeId: attendee.id }, deskToken)
    if (admitted.outcome !== 'admitted') throw new Error(admitted.outcome)
    const after = await desk.call('checkin.undo', { checkinId: admitted.checkin.checkinId }, deskToken)
    expect(after.checkedInAt).toBeNull()
    expect((await rejects(desk.call('checkin.undo', { checkinId: admitted.checkin.checkinId }, deskToken))).code).toBe('conflict')
    const facts = desk.core.sqlite.prepare('SELECT kind FROM checkins WHERE attendee_id = ? ORDER BY at, kind').all(attendee.id)
    expect(facts).toEqual([{ kind: 'in' }, { kind: 'undo' }])
    expect((await desk.call('checkin.byAttendee', { attendeeId: attendee.id }, deskToken)).outcome).toBe('admitted')
  })

  it('reports cancelled registrations and unknown or malformed codes', async () => {
    const { attendee } = await walkUp('Cancel', 'Led', null)
    await desk.call('attendee.setStatus', { id: attendee.id, status: 'cancelled' }, deskToken)
    expect((await desk.call('checkin.byCode', { eventId: desk.eventId, code: attendee.code }, deskToken)).outcome).toBe('cancelled')
    for (const code of ['', 'ZZZZZZ', '"; DROP TABLE attendees; --', 'x'.repeat(512), '😀😀😀', 'IIIIII']) {
      const result = await desk.call('checkin.byCode', { eventId: desk.eventId, code }, deskToken)
      expect(result.outcome).toBe('unknown_code')
    }
  })

  it('admits a no-show who turns up late and marks them registered', async () => {
    const { attendee } = await walkUp('Late', 'Comer', null)
    await desk.call('attendee.setStatus', { id: attendee.id, status: 'no_show' }, deskToken)
    const result = await desk.call('checkin.byAttendee', { attendeeId: attendee.id }, deskToken)
    expect(result.outcome).toBe('admitted')
    expect(result.outcome === 'admitted' && result.attendee.status).toBe('registered')
  })

  it('keeps live counters per ticket type', async () => {
    const before = await desk.call('checkin.counters', { eventId: desk.eventId }, deskToken)
    const { attendee } = await walkUp('Count', 'Me', null)
    const mid = await desk.call('checkin.counters', { eventId: desk.eventId }, deskToken)
    expect(mid.expected).toBe(before.expected + 1)
    await desk.call('checkin.byAttendee', { attendeeId: attendee.id }, deskToken)
    const after = await desk.call('checkin.counters', { eventId: desk.eventId }, deskToken)
    expect(after.checkedIn).toBe(before.checkedIn + 1)
    const ga = after.byTicketType.find((t) => t.ticketTypeId === desk.gaId)!
    expect(ga).toMatchObject({ name: 'General Admission', color: '#1e88e5' })
    expect(after.byTicketType.find((t) => t.ticketTypeId === desk.vipId)).toMatchObject({ expected: 0, checkedIn: 0 })
  })

  it('tells listeners what changed after a check-in commits', async () => {
    const { attendee } = await walkUp('Push', 'Me', null)
    const seen: string[][] = []
    const stop = desk.core.onChanged((e) => seen.push(e.tables))
    await desk.call('checkin.byAttendee', { attendeeId: attendee.id }, deskToken)
    stop()
    expect(seen).toEqual([['checkins', 'changes']])
  })
})

describe('codes in other shapes', () => {
  it('a QR holding a URL or JSON with our code checks in; a ticket of another event on this desk says which event', async () => {
    const one = (await walkUp('Qr', 'Url', null)).attendee
    const two = (await walkUp('Qr', 'Json', null)).attendee
    const byCode = (code: string) => desk.call('checkin.byCode', { eventId: desk.eventId, code }, deskToken)
    expect(await byCode(`https://tickets.example/e/summit/t/${one.code}?utm=mail`)).toMatchObject({ outcome: 'admitted', attendee: { id: one.id } })
    expect(await byCode(JSON.stringify({ v: 1, ticket: { code: two.code.toLowerCase() } }))).toMatchObject({ outcome: 'admitted', attendee: { id: two.id } })
    expect(await byCode('https://tickets.example/t/NOPE')).toMatchObject({ outcome: 'unknown_code' })

    const other = await desk.call(
      'event.create',
      { name: 'Nordic Dev Days', type: 'conference', startDate: '2026-12-01', endDate: '2026-12-01', timezone: 'Europe/Oslo', venue: null, capacity: null, status: 'published' },
      desk.organizer
    )
    const tt = await desk.call('ticketType.create', { eventId: other.id, code: 'GA', name: 'GA', priceCents: 0, currency: 'EUR', capacity: null, color: '#1e88e5' }, desk.organizer)
    const elsewhere = (await walkUpAt(desk, deskToken, { eventId: other.id, firstName: 'Wrong', lastName: 'Door', email: null, company: null, ticketTypeId: tt.id })).attendee
    expect(await byCode(elsewhere.code)).toEqual({ outcome: 'other_event', code: elsewhere.code, eventName: 'Nordic Dev Days' })
  })
})

describe('walk-up registration and attendee edits', () => {
  it('registers and checks in in one step, recording the payment', async () => {
    const { attendee, checkin } = await walkUp('Walk', 'Up', 'walk.up@example.com', true)
    expect(checkin?.outcome).toBe('admitted')
    expect(attendee).toMatchObject({ paymentMethod: 'cash', amountCents: 10000, status: 'registered' })
    expect(attendee.checkedInAt).not.toBeNull()
  })

  it('a walk-up at another price than the ticket type\'s needs a reason, which is kept', async () => {
    const sale = { eventId: desk.eventId, firstName: 'Cut', lastName: 'Price', email: null, company: null, ticketTypeId: desk.vipId, paymentMethod: 'cash' as const }
    const refused = await rejects(desk.call('checkin.walkUp', { ...sale, amountCents: 10000 }, deskToken))
    expect(refused).toMatchObject({ code: 'invalid_input', key: 'priceReasonRequired', issues: [{ path: 'priceReason', key: 'priceReasonRequired' }] })
    const { attendee } = await desk.call('checkin.walkUp', { ...sale, amountCents: 10000, priceReason: 'Volunteer rate' }, deskToken)
    expect(attendee).toMatchObject({ amountCents: 10000, priceReason: 'Volunteer rate' })
    // The ticket's own price, or a complimentary ticket, needs none.
    await desk.call('checkin.walkUp', { ...sale, lastName: 'Full', amountCents: 50000 }, deskToken)
    await desk.call('checkin.walkUp', { ...sale, lastName: 'Free', paymentMethod: 'complimentary', amountCents: 0 }, deskToken)
  })

  it('refuses a second registration with the same e-mail and says who has it', async () => {
    await walkUp('First', 'Holder', 'same@example.com')
    const err = await rejects(walkUp('Second', 'Try', 'SAME@example.com'))
    expect(err.code).toBe('conflict')
    expect(err.message).toMatch(/First Holder .* already registered/)
    expect(err.issues![0]!.path).toBe('email')
  })

  it('refuses a nameless walk-up, a bad e-mail and a ticket type of another event', async () => {
    expect((await rejects(walkUp('', '', null))).issues![0]!.path).toBe('lastName')
    expect((await rejects(walkUp('A', 'B', 'not-an-email'))).issues![0]!.path).toBe('email')
    const err = await rejects(
      walkUpAt(desk, deskToken, { eventId: desk.eventId, firstName: 'A', lastName: 'B', email: null, company: null, ticketTypeId: 'nope', paymentMethod: 'card', amountCents: 0 }, false)
    )
    expect(err.code).toBe('not_found')
  })

  it('refuses a walk-up into a full ticket type and counts only live registrations', async () => {
    const tiny = await desk.call(
      'ticketType.create',
      { eventId: desk.eventId, code: 'TINY', name: 'Tiny Workshop', priceCents: 0, currency: 'EUR', capacity: 1, color: '#000000' },
      desk.organizer
    )
    const register = (lastName: string) =>
      walkUpAt(desk, deskToken, { eventId: desk.eventId, firstName: 'Cap', lastName, email: null, company: null, ticketTypeId: tiny.id, paymentMethod: 'cash', amountCents: 0 }, false)
    const { attendee } = await register('One')
    const full = await rejects(register('Two'))
    expect(full).toMatchObject({ code: 'conflict', key: 'ticketTypeFull', message: 'Tiny Workshop is full (1 of 1)' })
    await desk.call('attendee.setStatus', { id: attendee.id, status: 'cancelled' }, deskToken)
    expect((await register('Three')).attendee.lastName).toBe('Three')
  })

  it('edits fields, keeps hostile text as plain data, and shows the history', async () => {
    const { attendee } = await walkUp('Edit', 'Me', null)
    const xss = '<img src=x onerror=alert(1)>'
    const updated = await desk.call(
      'attendee.update',
      { id: attendee.id, fields: { firstName: 'Edith', lastName: 'Me', email: 'edith@example.com', company: xss, jobTitle: null, phone: null, ticketTypeId: desk.vipId, preferredLanguage: 'de', notes: 'x'.repeat(2000) } },
      deskToken
    )
    expect(updated).toMatchObject({ firstName: 'Edith', company: xss, ticketTypeId: desk.vipId, preferredLanguage: 'de' })
    const err = await rejects(
      desk.call('attendee.update', { id: attendee.id, fields: { firstName: 'E', lastName: 'M', ticketTypeId: desk.vipId, notes: 'x'.repeat(2001) } }, deskToken)
    )
    expect(err.issues![0]!.path).toBe('fields.notes')
    const history = await desk.call('attendee.history', { id: attendee.id }, deskToken)
    expect(history.map((c) => c.action)).toEqual(['attendee.update', 'attendee.register'])
    expect(history[0]!.data).toMatchObject({ first_name: 'Edith', company: xss })
    expect(history[0]!.staffName).toMatch(/^Test desk/)
  })
})
