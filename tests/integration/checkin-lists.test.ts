/** Check-in lists through the API: who may manage them, scans decided and recorded, retries, exits, capacity, override. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { OPEN_LIST_RULES, type CheckinListFields } from '../../src/shared/contract/checkin-lists'
import { deskWithEvent, exchange, peerOf, rejects, removeDir, walkUp } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>
let deskToken: string
let scannerToken: string
let organizerId: string

const open: CheckinListFields = { ...OPEN_LIST_RULES, name: 'Main entrance' }

const uuid = () => crypto.randomUUID()

beforeAll(async () => {
  desk = await deskWithEvent()
  deskToken = await desk.tokenFor('desk')
  scannerToken = await desk.tokenFor('scanner')
  organizerId = (await desk.call('staff.me', {}, desk.organizer)).staff.id
})
afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

const person = async (ticketTypeId = desk.gaId, firstName = 'Ana') =>
  (await walkUp(desk, deskToken, { eventId: desk.eventId, firstName, lastName: 'Díaz', email: null, company: 'ACME', ticketTypeId })).attendee
const newList = async (fields: Partial<CheckinListFields> = {}) =>
  desk.call('checkinList.create', { eventId: desk.eventId, list: { ...open, ...fields } }, desk.organizer)
const scan = (listId: string, code: string, direction: 'in' | 'out' = 'in', id = uuid(), token = scannerToken) =>
  desk.call('checkin.scan', { id, listId, code, direction }, token)

describe('check-in lists: who may do what', () => {
  it('only organizers manage lists; door staff read them and scan; nobody without a token', async () => {
    const list = await newList()
    expect((await rejects(desk.call('checkinList.create', { eventId: desk.eventId, list: open }, deskToken))).code).toBe('forbidden')
    expect((await rejects(desk.call('checkinList.update', { id: list.id, list: open }, scannerToken))).code).toBe('forbidden')
    expect((await rejects(desk.call('checkinList.delete', { id: list.id }, deskToken))).code).toBe('forbidden')
    expect((await rejects(desk.call('checkinList.list', { eventId: desk.eventId }, null))).code).toBe('unauthenticated')
    expect((await rejects(desk.call('checkin.scan', { listId: list.id, code: 'X' }, null))).code).toBe('unauthenticated')
    const kiosk = await desk.tokenFor('kiosk')
    expect((await rejects(desk.call('checkin.scan', { listId: list.id, code: 'X' }, kiosk))).code).toBe('forbidden')
    expect((await desk.call('checkinList.list', { eventId: desk.eventId }, scannerToken)).map((l) => l.id)).toContain(list.id)
  })

  it('refuses malformed lists with keyed messages', async () => {
    const bad = await rejects(
      desk.call('checkinList.create', { eventId: desk.eventId, list: { ...open, name: '', opensAt: '25:00', closesAt: '08:00', days: ['tomorrow'] } }, desk.organizer)
    )
    expect(bad.code).toBe('invalid_input')
    const keys = Object.fromEntries((bad.issues ?? []).map((i) => [i.path, i.key]))
    expect(keys).toMatchObject({ 'list.name': 'nameRequired', 'list.opensAt': 'timeFormat', 'list.days.0': 'dateFormat' })
    const order = await rejects(desk.call('checkinList.create', { eventId: desk.eventId, list: { ...open, opensAt: '18:00', closesAt: '08:00' } }, desk.organizer))
    expect(order.issues?.[0]).toMatchObject({ path: 'list.closesAt', key: 'closesBeforeOpens' })
    expect((await rejects(desk.call('checkinList.create', { eventId: 'nope', list: open }, desk.organizer))).code).toBe('not_found')
    expect((await rejects(desk.call('checkin.scan', { listId: 'nope', code: 'X' }, scannerToken))).code).toBe('not_found')
    expect((await rejects(desk.call('checkin.scan', { listId: 'x', code: 'X', direction: 'sideways' } as never, scannerToken))).code).toBe('invalid_input')
  })
})

describe('scans on a list', () => {
  it('admits, then says already checked in with when, where and by whom; a retry never counts twice', async () => {
    const list = await newList()
    const a = await person()
    const id = uuid()
    const first = await scan(list.id, a.code, 'in', id)
    expect(first).toMatchObject({ outcome: 'admitted', inside: 1 })
    // The scanner sees the door's view only.
    expect(first.attendee).not.toHaveProperty('email')
    expect(await scan(list.id, a.code, 'in', id)).toMatchObject({ outcome: 'admitted', scanId: id, inside: 1 })
    const again = await scan(list.id, a.code)
    expect(again).toMatchObject({ outcome: 'already_checked_in', previous: { scanId: id, deskId: desk.core.id, staffName: expect.stringMatching(/scanner/) } })
    const facts = desk.core.sqlite.prepare('SELECT outcome FROM list_scans WHERE list_id = ? ORDER BY at, id').all(list.id)
    expect(facts).toEqual([{ outcome: 'admitted' }, { outcome: 'already_checked_in' }])
    // Let in on a list is let in to the event.
    expect((await desk.call('attendee.get', { id: a.id }, deskToken)).checkedInAt).not.toBeNull()
    expect((await desk.call('checkinList.list', { eventId: desk.eventId }, scannerToken)).find((l) => l.id === list.id)).toMatchObject({ inside: 1, admitted: 1 })
  })

  it('records refusals: wrong ticket type, unknown and cancelled', async () => {
    const list = await newList({ ticketTypeIds: [desk.vipId], name: 'VIP lounge' })
    const ga = await person()
    expect((await scan(list.id, ga.code)).outcome).toBe('ticket_type_not_admitted')
    expect((await scan(list.id, 'ZZZZZZ')).outcome).toBe('unknown_code')
    const vip = await person(desk.vipId, 'Vera')
    await desk.call('attendee.setStatus', { id: vip.id, status: 'cancelled' }, deskToken)
    expect((await scan(list.id, vip.code)).outcome).toBe('cancelled')
    const n = desk.core.sqlite.prepare('SELECT COUNT(*) AS n FROM list_scans WHERE list_id = ?').get(list.id)
    expect(n).toEqual({ n: 3 })
  })

  it('entry/exit with a capacity: full, an exit frees a place, no re-entry when the list says so', async () => {
    const list = await newList({ name: 'Workshop B', mode: 'entry_exit', reentry: false, capacity: 1 })
    const [a, b] = [await person(), await person(desk.gaId, 'Bo')]
    expect((await scan(list.id, a.code)).outcome).toBe('admitted')
    expect(await scan(list.id, b.code)).toMatchObject({ outcome: 'list_full', capacity: 1, inside: 1 })
    expect(await scan(list.id, a.code, 'out')).toMatchObject({ outcome: 'exited', inside: 0 })
    expect((await scan(list.id, a.code, 'out')).outcome).toBe('not_inside')
    expect((await scan(list.id, b.code)).outcome).toBe('admitted')
    expect((await scan(list.id, a.code)).outcome).toBe('no_reentry')
    const entryOnly = await newList()
    expect((await rejects(scan(entryOnly.id, a.code, 'out'))).key).toBe('listEntryOnly')
  })

  it('a list that is not open yet says when it opens', async () => {
    const list = await newList({ days: ['2099-06-01'], opensAt: '09:00' })
    const a = await person()
    // 09:00 in Berlin in June is 07:00 UTC.
    expect(await scan(list.id, a.code)).toMatchObject({ outcome: 'not_valid_now', opensAt: '2099-06-01T07:00:00.000Z' })
  })

  it('a supervisor overrides a refusal with their PIN and a reason; a wrong PIN or a non-organizer is refused; it is audited', async () => {
    const list = await newList({ ticketTypeIds: [desk.vipId], name: 'Backstage' })
    const a = await person()
    const refused = await scan(list.id, a.code)
    expect(refused.outcome).toBe('ticket_type_not_admitted')
    const wrong = await rejects(desk.call('checkin.override', { scanId: refused.scanId, supervisorId: organizerId, pin: '9999', reason: 'Speaker' }, scannerToken))
    expect(wrong.key).toBe('wrongPin')
    const deskMember = (await desk.call('staff.me', {}, deskToken)).staff
    const notSupervisor = await rejects(desk.call('checkin.override', { scanId: refused.scanId, supervisorId: deskMember.id, pin: deskMember.name.split(' ').pop()!, reason: 'x' }, scannerToken))
    expect(notSupervisor.key).toBe('notSupervisor')
    expect((await rejects(desk.call('checkin.override', { scanId: refused.scanId, supervisorId: organizerId, pin: '1234', reason: ' ' }, scannerToken))).code).toBe('invalid_input')
    const id = uuid()
    const ok = await desk.call('checkin.override', { id, scanId: refused.scanId, supervisorId: organizerId, pin: '1234', reason: 'Speaker without a badge' }, scannerToken)
    expect(ok).toMatchObject({ outcome: 'admitted', inside: 1, override: { of: refused.scanId, supervisorName: 'Olga Organizer', reason: 'Speaker without a badge' } })
    // A retry (same id, or another override of the same refusal) does not admit twice.
    expect((await desk.call('checkin.override', { id, scanId: refused.scanId, supervisorId: organizerId, pin: '1234', reason: 'again' }, scannerToken)).scanId).toBe(id)
    expect((await desk.call('checkin.override', { scanId: refused.scanId, supervisorId: organizerId, pin: '1234', reason: 'again' }, scannerToken)).scanId).toBe(id)
    expect((await rejects(desk.call('checkin.override', { scanId: id, supervisorId: organizerId, pin: '1234', reason: 'x' }, scannerToken))).key).toBe('notOverridable')
    const audit = await desk.call('audit.list', {}, desk.organizer)
    expect(JSON.stringify(audit)).toContain('Speaker without a badge')
  })
})

describe('automatic check-out', () => {
  it('everyone inside counts as gone at the check-out time; the next day they enter again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      // 10:00 in Berlin.
      vi.setSystemTime(new Date('2026-11-23T09:00:00Z'))
      const list = await newList({ name: 'Daily entrance', capacity: 1, autoCheckoutAt: '23:00' })
      const a = await person()
      expect((await scan(list.id, a.code)).outcome).toBe('admitted')
      expect((await scan(list.id, a.code)).outcome).toBe('already_checked_in')
      expect(desk.core.sqlite.prepare('SELECT until FROM list_inside WHERE list_id = ?').get(list.id)).toEqual({ until: '2026-11-23T22:00:00.000Z' })
      // 23:30 in Berlin: checked out, the place is free again, and a new entry counts until the next evening.
      vi.setSystemTime(new Date('2026-11-23T22:30:00Z'))
      expect((await desk.call('checkinList.list', { eventId: desk.eventId }, scannerToken)).find((l) => l.id === list.id)?.inside).toBe(0)
      expect(await scan(list.id, a.code)).toMatchObject({ outcome: 'admitted', inside: 1 })
      expect(desk.core.sqlite.prepare('SELECT until FROM list_inside WHERE list_id = ?').get(list.id)).toEqual({ until: '2026-11-24T22:00:00.000Z' })
      // Changing the check-out time moves the end of the entries already inside.
      await desk.call('checkinList.update', { id: list.id, list: { ...open, name: 'Daily entrance', capacity: 1, autoCheckoutAt: '23:45' } }, desk.organizer)
      expect(desk.core.sqlite.prepare('SELECT until FROM list_inside WHERE list_id = ?').get(list.id)).toEqual({ until: '2026-11-23T22:45:00.000Z' })
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('desks apart', () => {
  it('two desks each letting in the last place of a full list: both kept, an over-capacity conflict naming the list', async () => {
    const list = await newList({ name: 'Room C', mode: 'entry_exit', capacity: 1 })
    const [a, b] = [await person(), await person(desk.gaId, 'Bo')]
    const peer = await peerOf(desk)
    try {
      expect((await scan(list.id, a.code)).outcome).toBe('admitted')
      expect((await peer.call('checkin.scan', { listId: list.id, code: b.code }, peer.organizer)).outcome).toBe('admitted')
      await exchange(desk, peer)
      for (const d of [desk, peer]) {
        expect((await d.call('checkinList.list', { eventId: desk.eventId }, desk === d ? desk.organizer : peer.organizer)).find((l) => l.id === list.id)?.inside).toBe(2)
      }
      const conflicts = await desk.call('conflict.list', { eventId: desk.eventId }, desk.organizer)
      const over = conflicts.find((c) => c.kind === 'over_capacity' && c.members[0]?.id === list.id)
      expect(over).toMatchObject({ members: [{ label: 'Room C' }], detail: { count: 2, capacity: 1 } })
      expect((await peer.call('conflict.list', { eventId: desk.eventId }, peer.organizer)).map((c) => c.id)).toContain(over!.id)
      // One leaves: the list is at its capacity again and the conflict is gone.
      expect((await scan(list.id, a.code, 'out')).outcome).toBe('exited')
      expect((await desk.call('conflict.list', { eventId: desk.eventId }, desk.organizer)).map((c) => c.id)).not.toContain(over!.id)
    } finally {
      peer.close()
      removeDir(peer.dir)
    }
  })
})
