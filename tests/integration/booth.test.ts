/**
 * Lead retrieval at the booth: a scan is a fact with the device's scan time;
 * the same person scanned twice (or on two devices apart) is one lead; an
 * exhibitor sees only its own leads and only the fields the organizer allows.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { v7 as uuid } from 'uuid'
import { deskWithEvent, exchange, peerOf, rejects, removeDir, walkUp, type TestDesk } from './helpers'

const opened: TestDesk[] = []
afterEach(() => {
  for (const d of opened.splice(0)) {
    d.close()
    removeDir(d.dir)
  }
})

async function booth() {
  const desk = await deskWithEvent()
  opened.push(desk)
  const { organizer, eventId, gaId } = desk
  const ada = (await walkUp(desk, organizer, { eventId, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.org', company: 'Engines Ltd', ticketTypeId: gaId })).attendee
  const bob = (await walkUp(desk, organizer, { eventId, firstName: 'Bob', lastName: 'Byte', email: 'bob@example.org', company: 'Bits', ticketTypeId: gaId })).attendee
  const acme = await desk.call('exhibitor.save', { id: uuid(), eventId, name: 'Acme', booth: 'B12', fields: ['name', 'company'] }, organizer)
  const other = await desk.call('exhibitor.save', { id: uuid(), eventId, name: 'Other', booth: null, fields: ['name', 'email'] }, organizer)
  const scanner = await desk.tokenFor('exhibitor')
  const scannerId = (await desk.call('staff.me', {}, scanner)).staff.id
  await desk.call('exhibitor.assign', { staffId: scannerId, exhibitorId: acme.id }, organizer)
  return { desk, ada, bob, acme, other, scanner }
}

describe('booth scans', () => {
  it('record a lead with the real scan time; the same person again updates it; a retry changes nothing', async () => {
    const { desk, ada, scanner } = await booth()
    const first = await desk.call('booth.scan', { id: uuid(), code: ada.code.toLowerCase(), scannedAt: '2026-11-23T09:15:00+01:00', rating: 3, tags: ['hot'] }, scanner)
    expect(first).toMatchObject({ outcome: 'recorded', lead: { firstScanAt: '2026-11-23T08:15:00.000Z', scans: 1, rating: 3, tags: ['hot'] } })
    const again = { id: uuid(), code: ada.code, scannedAt: '2026-11-23T11:00:00Z', notes: 'Wants a demo' }
    await desk.call('booth.scan', again, scanner)
    await desk.call('booth.scan', again, scanner)
    const leads = await desk.call('booth.leads', {}, scanner)
    expect(leads).toHaveLength(1)
    // The rating stays (the second scan gave none); notes come from the later fact.
    expect(leads[0]).toMatchObject({ scans: 2, rating: 3, tags: ['hot'], notes: 'Wants a demo', lastScanAt: '2026-11-23T11:00:00.000Z' })
    const noted = await desk.call('booth.note', { id: uuid(), attendeeId: ada.id, at: '2026-11-23T11:05:00Z', rating: 5 }, scanner)
    expect(noted).toMatchObject({ rating: 5, scans: 2, notes: 'Wants a demo' })
    expect(await desk.call('booth.scan', { code: 'ZZZZZZ', scannedAt: '2026-11-23T11:00:00Z' }, scanner)).toEqual({ outcome: 'unknown_code', code: 'ZZZZZZ' })
  })

  it('an exhibitor sees its own leads only, and only the fields the organizer allows', async () => {
    const { desk, ada, bob, acme, other, scanner } = await booth()
    await desk.call('booth.scan', { code: ada.code, scannedAt: '2026-11-23T10:00:00Z' }, scanner)
    await desk.call('booth.scan', { exhibitorId: other.id, code: bob.code, scannedAt: '2026-11-23T10:00:00Z' }, desk.organizer)
    const mine = await desk.call('booth.leads', {}, scanner)
    expect(mine.map((l) => l.person)).toEqual([{ firstName: 'Ada', lastName: 'Lovelace', company: 'Engines Ltd' }])
    expect(JSON.stringify(mine)).not.toContain('ada@example.org')
    // Asking for another exhibitor's booth is refused, reading or writing.
    for (const call of [
      desk.call('booth.leads', { exhibitorId: other.id }, scanner),
      desk.call('booth.scan', { exhibitorId: other.id, code: bob.code, scannedAt: '2026-11-23T10:00:00Z' }, scanner),
      desk.call('booth.note', { exhibitorId: other.id, attendeeId: bob.id, at: '2026-11-23T10:00:00Z', rating: 1 }, scanner)
    ]) {
      expect((await rejects(call)).key).toBe('notYourBooth')
    }
    // A lead it has not scanned cannot be annotated.
    expect((await rejects(desk.call('booth.note', { attendeeId: bob.id, at: '2026-11-23T10:00:00Z', rating: 1 }, scanner))).code).toBe('not_found')
    // The organizer narrows the fields: the next read shows fewer.
    await desk.call('exhibitor.save', { id: acme.id, eventId: desk.eventId, name: 'Acme', booth: 'B12', fields: [] }, desk.organizer)
    expect((await desk.call('booth.leads', {}, scanner))[0]!.person).toEqual({})
    // Nothing else of the desk opens to an exhibitor.
    for (const call of [
      desk.call('attendee.list', { eventId: desk.eventId }, scanner),
      desk.call('lead.list', {}, scanner),
      desk.call('pipeline.board', {}, scanner),
      desk.call('exhibitor.list', { eventId: desk.eventId }, scanner),
      desk.call('checkin.byCode', { eventId: desk.eventId, code: ada.code }, scanner)
    ]) {
      expect((await rejects(call)).code).toBe('forbidden')
    }
    const unassigned = await desk.tokenFor('exhibitor')
    expect((await rejects(desk.call('booth.leads', {}, unassigned))).key).toBe('notYourBooth')
    expect((await desk.call('exhibitor.list', { eventId: desk.eventId }, desk.organizer)).map((e) => [e.name, e.leads, e.members.length])).toEqual([
      ['Acme', 1, 1],
      ['Other', 1, 0]
    ])
  })

  it('the same badge scanned on two devices apart is one lead on both once they meet', async () => {
    const { desk, ada, scanner } = await booth()
    const peer = await peerOf(desk)
    opened.push(peer)
    const scannerId = (await desk.call('staff.me', {}, scanner)).staff.id
    // The exhibitor's staff member was the first made by tokenFor: PIN 5000. Staff sign in at any desk of the fleet.
    const { token: onPeer } = await peer.call('staff.signIn', { staffId: scannerId, pin: '5000' }, null)
    await desk.call('booth.scan', { code: ada.code, scannedAt: '2026-11-23T10:00:00Z', rating: 2 }, scanner)
    await peer.call('booth.scan', { code: ada.code, scannedAt: '2026-11-23T10:00:30Z', rating: 4, tags: ['partner'] }, onPeer)
    await exchange(desk, peer)
    const here = await desk.call('booth.leads', {}, scanner)
    const there = await peer.call('booth.leads', {}, onPeer)
    expect(here).toEqual(there)
    expect(here).toHaveLength(1)
    expect(here[0]).toMatchObject({ scans: 2, rating: 4, tags: ['partner'], firstScanAt: '2026-11-23T10:00:00.000Z' })
  })
})
