/**
 * Privacy by role: the door learns what it needs, exports are an organizer's
 * and leave an audited fact on every desk, and an import's rows stay private
 * until it commits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DoorAttendee } from '../../src/shared/contract/checkin'
import { deskWithEvent, openDesk, rejects, removeDir, walkUp } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>
let scanner: string
let deskToken: string

beforeAll(async () => {
  desk = await deskWithEvent()
  scanner = await desk.tokenFor('scanner')
  deskToken = await desk.tokenFor('desk')
})
afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

const DOOR_FIELDS: (keyof DoorAttendee)[] = ['attention', 'checkedInAt', 'code', 'eventId', 'firstName', 'id', 'lastName', 'status', 'ticketTypeId']

async function registerPrivatePerson(lastName: string) {
  const { attendee } = await walkUp(desk, desk.organizer, {
    eventId: desk.eventId,
    firstName: 'Priya',
    lastName,
    email: `priya.private.${lastName.toLowerCase()}@example.org`,
    phone: '+44 20 7946 0958',
    company: 'Secret Ltd',
    jobTitle: 'CFO',
    ticketTypeId: desk.vipId,
    preferredLanguage: 'en',
    notes: 'Wheelchair user; allergic to peanuts',
    paymentMethod: 'card',
    amountCents: 50000
  })
  return attendee
}

describe("the scanner's check-in answer", () => {
  it('carries name, ticket type, outcome, an attention flag and the earlier check-in — nothing personal', async () => {
    const person = await registerPrivatePerson('Scanned')
    const first = await desk.call('checkin.byCode', { eventId: desk.eventId, code: person.code, method: 'scan' }, scanner)
    expect(first.outcome).toBe('admitted')
    if (first.outcome !== 'admitted') return
    expect(Object.keys(first.attendee).sort()).toEqual(DOOR_FIELDS)
    expect(first.attendee).toMatchObject({ firstName: 'Priya', lastName: 'Scanned', ticketTypeId: desk.vipId, attention: true })

    const again = await desk.call('checkin.byCode', { eventId: desk.eventId, code: person.code }, scanner)
    expect(again.outcome).toBe('already_checked_in')
    if (again.outcome !== 'already_checked_in') return
    expect(again.previous).toMatchObject({ at: first.checkin.at, deskId: desk.core.id })
    expect(again.previous.deskName).toBeTruthy()

    const undone = await desk.call('checkin.undo', { checkinId: first.checkin.checkinId }, scanner)
    expect(Object.keys(undone).sort()).toEqual(DOOR_FIELDS)

    for (const answer of [first, again, undone]) {
      const text = JSON.stringify(answer)
      for (const secret of ['priya.private', '7946', 'Secret Ltd', 'CFO', 'peanuts', 'card', '50000']) expect(text).not.toContain(secret)
    }
  })

  it('still carries the whole record for the desk, which may see the attendee list anyway', async () => {
    const person = await registerPrivatePerson('AtTheDesk')
    const result = await desk.call('checkin.byCode', { eventId: desk.eventId, code: person.code }, deskToken)
    expect(result).toMatchObject({ outcome: 'admitted', attendee: { email: 'priya.private.atthedesk@example.org', notes: 'Wheelchair user; allergic to peanuts' } })
  })

  it('flags attention only when there are notes', async () => {
    const { attendee } = await walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: 'No', lastName: 'Notes', ticketTypeId: desk.gaId })
    const result = await desk.call('checkin.byCode', { eventId: desk.eventId, code: attendee.code }, scanner)
    expect(result).toMatchObject({ outcome: 'admitted', attendee: { attention: false } })
  })
})

describe('exports', () => {
  it('are for organizers only', async () => {
    for (const token of [deskToken, scanner]) {
      expect((await rejects(desk.call('attendee.export', { eventId: desk.eventId, format: 'csv' }, token))).code).toBe('forbidden')
    }
  })

  it('leave a fact with who, when, how many rows, format and filter, in the audit log of every desk', async () => {
    const file = await desk.call('attendee.export', { eventId: desk.eventId, format: 'csv', query: 'priya', ticketTypeId: desk.vipId }, desk.organizer)
    expect(file.rows).toBe(2)
    const [entry] = (await desk.call('audit.list', { limit: 20 }, desk.organizer)).filter((e) => e.table === 'attendee_exports')
    expect(entry).toMatchObject({
      action: 'attendee.export',
      op: 'insert',
      staffName: 'Olga Organizer',
      deskId: desk.core.id,
      data: { event_id: desk.eventId, format: 'csv', rows: file.rows, filter: JSON.stringify({ query: 'priya', ticketTypeId: desk.vipId }), desk_id: desk.core.id }
    })
    expect(Date.parse(entry!.data.at as string)).toBeGreaterThan(Date.now() - 60_000)

    const peer = openDesk()
    try {
      expect(await peer.core.applyRemoteChanges(desk.core.changesSince(''))).toMatchObject({ rejected: [] })
      const peerAudit = peer.core.sqlite.prepare("SELECT rows, format FROM attendee_exports WHERE id = ?").get(entry!.rowId)
      expect(peerAudit).toEqual({ rows: file.rows, format: 'csv' })
      // A fact: no desk can rewrite it.
      const forged = { ...desk.core.changesSince('').find((c) => c.rowId === entry!.rowId)!, hlc: '2099-01-01T00:00:00.000Z-0000-FFFFFFFFFFFFFFFF', op: 'update' as const, data: { rows: 0 } }
      const refused = await peer.core.applyRemoteChanges([forged])
      expect(refused.rejected[0]!.reason).toBe('attendee_exports records are append-only')
    } finally {
      peer.close()
      removeDir(peer.dir)
    }
  })
})

describe('an import in progress', () => {
  it('is invisible to every other signed-in user until it commits', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `Guest${i},Zyxwvutsrq,guest${i}@staging.example`)
    const base64 = Buffer.from(['First name,Last name,Email', ...rows].join('\n')).toString('base64')
    const up = await desk.call('import.upload', { eventId: desk.eventId, fileName: 'staged.csv', base64 }, desk.organizer)
    const listed = async () => (await desk.call('attendee.list', { eventId: desk.eventId, limit: 1 }, deskToken)).total
    const before = await listed()

    const commit = desk.call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer)
    const progress = () => desk.call('import.progress', { importId: up.importId }, desk.organizer)
    // Wait until the commit has written (not committed) its first chunk.
    let seen = await progress()
    while (seen.done === 0) {
      await new Promise((resolve) => setImmediate(resolve))
      seen = await progress()
    }
    const staged = desk.core.sqlite.prepare("SELECT COUNT(*) AS n FROM attendees WHERE last_name = 'Zyxwvutsrq'").get() as { n: number }
    expect(staged.n).toBeGreaterThan(0) // on the writing connection, inside the open transaction

    expect(await desk.call('attendee.search', { eventId: desk.eventId, query: 'Zyxwvutsrq' }, deskToken)).toEqual([])
    expect(await desk.call('attendee.search', { eventId: desk.eventId, query: 'guest1@staging.example' }, desk.organizer)).toEqual([])
    expect(await listed()).toBe(before)
    expect((await progress()).done).toBeLessThan(3000) // still mid-commit

    expect((await commit).created).toBe(3000)
    expect(await listed()).toBe(before + 3000)
    expect((await desk.call('attendee.search', { eventId: desk.eventId, query: 'Zyxwvutsrq', limit: 5 }, deskToken)).length).toBe(5)
  })
})
