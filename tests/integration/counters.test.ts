/**
 * The live counters are a derived table kept by triggers. Whatever happens —
 * walk-ups, check-ins, undos, cancellations, ticket-type moves, and changes
 * arriving from another desk in any order — they must equal a count from scratch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seededRandom } from '../../src/main/demo/people'
import type { TestDesk } from './helpers'
import { deskWithEvent, openDesk, removeDir, walkUp } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>
let token: string
let otherTypeId: string

beforeAll(async () => {
  desk = await deskWithEvent()
  token = await desk.tokenFor('desk')
  otherTypeId = (
    await desk.call('ticketType.create', { eventId: desk.eventId, code: 'DAY', name: 'Day pass', priceCents: 0, currency: 'EUR', capacity: null, color: '#43a047' }, desk.organizer)
  ).id
})
afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

function fromScratch(d: TestDesk): Record<string, [number, number]> {
  const rows = d.core.sqlite
    .prepare(
      `SELECT a.ticket_type_id AS id, COUNT(*) AS expected, COUNT(p.attendee_id) AS checked
       FROM attendees a LEFT JOIN attendee_presence p ON p.attendee_id = a.id
       WHERE a.status != 'cancelled' GROUP BY a.ticket_type_id`
    )
    .all() as { id: string; expected: number; checked: number }[]
  return Object.fromEntries(rows.map((r) => [r.id, [r.expected, r.checked]]))
}

function derived(d: TestDesk): Record<string, [number, number]> {
  const rows = d.core.sqlite.prepare('SELECT ticket_type_id AS id, expected, checked_in AS checked FROM ticket_type_counts').all() as {
    id: string
    expected: number
    checked: number
  }[]
  return Object.fromEntries(rows.filter((r) => r.expected !== 0 || r.checked !== 0).map((r) => [r.id, [r.expected, r.checked]]))
}

describe('live counters', () => {
  it('match a count from scratch after 400 random desk operations', async () => {
    const rnd = seededRandom(11)
    const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!
    const ids: string[] = []
    const checkins: string[] = []
    for (let step = 0; step < 400; step++) {
      const r = rnd()
      if (r < 0.3 || ids.length < 5) {
        const { attendee, checkin } = await walkUp(desk, token, { eventId: desk.eventId, firstName: 'R', lastName: `N${step}`, email: null, company: null, ticketTypeId: rnd() < 0.5 ? desk.gaId : otherTypeId, paymentMethod: 'complimentary', amountCents: 0 }, rnd() < 0.5)
        ids.push(attendee.id)
        if (checkin?.outcome === 'admitted') checkins.push(checkin.checkin.checkinId)
      } else if (r < 0.55) {
        const result = await desk.call('checkin.byAttendee', { attendeeId: pick(ids) }, token)
        if (result.outcome === 'admitted') checkins.push(result.checkin.checkinId)
      } else if (r < 0.7 && checkins.length > 0) {
        const id = checkins.splice(Math.floor(rnd() * checkins.length), 1)[0]!
        await desk.call('checkin.undo', { checkinId: id }, token).catch(() => undefined)
      } else if (r < 0.85) {
        await desk.call('attendee.setStatus', { id: pick(ids), status: pick(['cancelled', 'no_show', 'registered'] as const) }, token)
      } else {
        const a = await desk.call('attendee.get', { id: pick(ids) }, token)
        await desk.call('attendee.update', { id: a.id, fields: { ...a, ticketTypeId: a.ticketTypeId === desk.gaId ? otherTypeId : desk.gaId } }, token)
      }
    }
    expect(derived(desk)).toEqual(fromScratch(desk))
    const counters = await desk.call('checkin.counters', { eventId: desk.eventId }, token)
    const scratch = fromScratch(desk)
    expect(counters.byTicketType.map((t) => [t.expected, t.checkedIn])).toEqual(
      counters.byTicketType.map((t) => scratch[t.ticketTypeId] ?? [0, 0])
    )
  })

  it('match on a second desk that receives every change in a shuffled order', async () => {
    const other = openDesk()
    try {
      const records = desk.core.changesSince('', 1_000_000)
      const rnd = seededRandom(5)
      for (let i = records.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1))
        ;[records[i], records[j]] = [records[j]!, records[i]!]
      }
      for (const record of records) await other.core.applyRemoteChanges([record])
      expect(derived(other)).toEqual(fromScratch(other))
      expect(fromScratch(other)).toEqual(fromScratch(desk))
    } finally {
      other.close()
      removeDir(other.dir)
    }
  })
})
