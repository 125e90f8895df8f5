/** The contract at the door: unknown methods, bad input, roles, sessions, PIN lockout, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deskWithEvent, rejects, removeDir, walkUp } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>

beforeAll(async () => {
  desk = await deskWithEvent()
})
afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

describe('the API contract', () => {
  it('answers an unknown method with a clear error', async () => {
    const err = await rejects(desk.core.call('attendee.dropAll', {}, desk.organizer))
    expect(err).toMatchObject({ code: 'unknown_method', message: 'Unknown method "attendee.dropAll"' })
  })

  it('names the field of invalid input', async () => {
    const err = await rejects(
      desk.call('ticketType.create', { eventId: desk.eventId, code: 'X', name: '', priceCents: -1, currency: 'euro', capacity: null, color: 'red' }, desk.organizer)
    )
    expect(err.code).toBe('invalid_input')
    expect(err.message).toBe('Invalid name: Name is required')
    expect(err.issues!.map((i) => i.path).sort()).toEqual(['color', 'currency', 'name', 'priceCents'])
    // Each issue carries a key (and numbers) the screens translate.
    const keyed = Object.fromEntries(err.issues!.map((i) => [i.path, [i.key, i.params]]))
    expect(keyed).toEqual({
      name: ['nameRequired', undefined],
      priceCents: ['tooSmall', { min: 0 }],
      currency: ['currency', undefined],
      color: ['colour', undefined]
    })
  })

  it('takes only active ISO 4217 currency codes, upper-casing what was typed', async () => {
    const ticketType = (currency: string) => ({ code: 'DK', name: 'Danish', priceCents: 100, currency, capacity: null, color: '#1e88e5' })
    for (const currency of ['KRONER', 'KRO', 'XAU', 'HRK', 'EU', '']) {
      const err = await rejects(desk.call('ticketType.create', { eventId: desk.eventId, ...ticketType(currency) }, desk.organizer))
      expect(err.issues, currency).toEqual([expect.objectContaining({ path: 'currency', key: 'currency' })])
    }
    const created = await desk.call('ticketType.create', { eventId: desk.eventId, ...ticketType(' dkk ') }, desk.organizer)
    expect(created.currency).toBe('DKK')
    const err = await rejects(desk.call('ticketType.update', { id: created.id, ...ticketType('KRO') }, desk.organizer))
    expect(err.issues).toEqual([expect.objectContaining({ path: 'currency', key: 'currency' })])
    expect((await desk.call('ticketType.update', { id: created.id, ...ticketType('PLN') }, desk.organizer)).currency).toBe('PLN')
  })

  it('refuses extra fields and wrong types rather than ignoring them', async () => {
    const err = await rejects(desk.core.call('checkin.counters', { eventId: desk.eventId, admin: true }, desk.organizer))
    expect(err.code).toBe('invalid_input')
    const err2 = await rejects(desk.core.call('attendee.search', { eventId: 42, query: null }, desk.organizer))
    expect(err2.code).toBe('invalid_input')
  })

  it('needs a session for everything but sign-in, and refuses a forged token', async () => {
    expect((await rejects(desk.call('event.list', {}))).code).toBe('unauthenticated')
    expect((await rejects(desk.call('event.list', {}, 'forged-token'))).code).toBe('unauthenticated')
    expect((await desk.call('system.status', {})).firstRun).toBe(false)
  })

  it('enforces roles: a scanner checks codes but cannot search attendees or import', async () => {
    const scanner = await desk.tokenFor('scanner')
    expect((await rejects(desk.call('attendee.search', { eventId: desk.eventId, query: 'a' }, scanner))).code).toBe('forbidden')
    expect((await rejects(desk.call('attendee.list', { eventId: desk.eventId }, scanner))).code).toBe('forbidden')
    expect((await rejects(desk.call('import.upload', { eventId: desk.eventId, fileName: 'a.csv', base64: 'YQ==' }, scanner))).code).toBe('forbidden')
    const result = await desk.call('checkin.byCode', { eventId: desk.eventId, code: 'ZZZZZZ' }, scanner)
    expect(result.outcome).toBe('unknown_code')
    const deskToken = await desk.tokenFor('desk')
    expect((await rejects(desk.call('staff.create', { name: 'x', role: 'organizer', pin: '9999' }, deskToken))).code).toBe('forbidden')
  })

  it('signs in with a PIN, locks out after five wrong PINs, and signs out', async () => {
    const member = await desk.call('staff.create', { name: 'Dana Desk', role: 'desk', pin: '4321' }, desk.organizer)
    const session = await desk.call('staff.signIn', { staffId: member.id, pin: '4321' })
    expect(session.staff).toMatchObject({ name: 'Dana Desk', role: 'desk' })
    expect((await desk.call('staff.me', {}, session.token)).staff.id).toBe(member.id)
    for (let i = 0; i < 5; i++) {
      expect((await rejects(desk.call('staff.signIn', { staffId: member.id, pin: '0000' }))).code).toBe('unauthenticated')
    }
    const locked = await rejects(desk.call('staff.signIn', { staffId: member.id, pin: '4321' }))
    expect(locked).toMatchObject({ code: 'rate_limited', key: 'lockedOut', params: { seconds: 30 } })
    await desk.call('staff.signOut', {}, session.token)
    expect((await rejects(desk.call('staff.me', {}, session.token))).code).toBe('unauthenticated')
  })

  it('stores PINs as scrypt hashes and a deactivated member loses their session', async () => {
    const member = await desk.call('staff.create', { name: 'Temp', role: 'desk', pin: '7777' }, desk.organizer)
    const row = desk.core.sqlite.prepare('SELECT pin_hash FROM staff WHERE id = ?').get(member.id) as { pin_hash: string }
    expect(row.pin_hash).toMatch(/^scrypt\$16384\$/)
    expect(row.pin_hash).not.toContain('7777')
    const { token } = await desk.call('staff.signIn', { staffId: member.id, pin: '7777' })
    await desk.call('staff.update', { id: member.id, active: false }, desk.organizer)
    expect((await rejects(desk.call('staff.me', {}, token))).code).toBe('unauthenticated')
  })

  it('renames this desk (organizers only) and the audit shows it', async () => {
    const deskToken = await desk.tokenFor('desk')
    expect((await rejects(desk.call('desk.rename', { name: 'Hall A' }, deskToken))).code).toBe('forbidden')
    expect((await rejects(desk.call('desk.rename', { name: '   ' }, desk.organizer))).issues![0]!.path).toBe('name')
    expect(await desk.call('desk.rename', { name: ' Entrance A ' }, desk.organizer)).toEqual({ deskId: desk.core.id, deskName: 'Entrance A' })
    expect((await desk.call('system.status', {})).deskName).toBe('Entrance A')
    const [latest] = await desk.call('audit.list', { limit: 1 }, desk.organizer)
    expect(latest).toMatchObject({ action: 'desk.rename', table: 'desks', data: { name: 'Entrance A' }, deskName: 'Entrance A' })
  })

  it('refuses a second first-run set-up', async () => {
    const err = await rejects(desk.call('staff.setupFirstOrganizer', { name: 'Mallory', pin: '1111' }))
    expect(err.code).toBe('conflict')
  })

  it('audits every change with who, which desk and which action, hiding PIN hashes', async () => {
    const entries = await desk.call('audit.list', { limit: 500 }, desk.organizer)
    const created = entries.find((e) => e.action === 'ticketType.create' && e.data.code === 'VIP')!
    expect(created).toMatchObject({ staffName: 'Olga Organizer', deskId: desk.core.id, table: 'ticket_types', op: 'insert' })
    expect(created.deskName).toBeTruthy()
    const staffEntry = entries.find((e) => e.table === 'staff' && e.op === 'insert')!
    expect(staffEntry.data.pin_hash).toBe('••••')
    const older = await desk.call('audit.list', { limit: 2, before: entries[1]!.hlc }, desk.organizer)
    expect(older[0]!.hlc < entries[1]!.hlc).toBe(true)
  })

  it('names in the audit who was registered, checked in and let out again, with the currency of what they paid', async () => {
    const deskToken = await desk.tokenFor('desk')
    const { attendee, checkin } = await walkUp(desk, deskToken, {
      eventId: desk.eventId, firstName: 'Zoë', lastName: 'Ødegård', email: null, company: null, ticketTypeId: desk.vipId, paymentMethod: 'card', amountCents: 49900, priceReason: 'Early-bird voucher'
    }, true)
    if (checkin?.outcome !== 'admitted') throw new Error('expected an admission')
    await desk.call('checkin.undo', { checkinId: checkin.checkin.checkinId }, deskToken)
    const entries = await desk.call('audit.list', { limit: 10 }, desk.organizer)
    const who = `Zoë Ødegård (${attendee.code})`
    const of = (action: string, table: string) => entries.find((e) => e.action === action && e.table === table)
    expect(of('checkin.walkUp', 'attendees')).toMatchObject({ subject: who, currency: 'EUR', data: { amount_cents: 49900, payment_method: 'card' } })
    expect(of('checkin.walkUp', 'checkins')).toMatchObject({ subject: who, data: { kind: 'in' } })
    expect(of('checkin.undo', 'checkins')).toMatchObject({ subject: who, data: { kind: 'undo' } })
    // The history of one attendee names them too.
    const history = await desk.call('attendee.history', { id: attendee.id }, deskToken)
    expect(history.every((e) => e.subject === who && e.currency === 'EUR')).toBe(true)

    const all = await desk.call('audit.list', { limit: 500 }, desk.organizer)
    const first = (table: string) => all.find((e) => e.table === table)!
    expect(all.find((e) => e.table === 'ticket_types' && e.data.code === 'VIP')).toMatchObject({ subject: 'VIP', currency: 'EUR' })
    expect(first('events')).toMatchObject({ subject: 'Test Summit', currency: null })
    expect(all.find((e) => e.table === 'staff' && e.data.name === 'Olga Organizer')).toMatchObject({ subject: 'Olga Organizer' })
    expect(first('desks').subject).toBe((await desk.call('system.status', {})).deskName)
  })

  it('validates events: end before start, unknown time zone', async () => {
    const err = await rejects(
      desk.call('event.create', { name: 'X', type: 'party', startDate: '2026-12-02', endDate: '2026-12-01', timezone: 'Mars/Olympus', venue: null, capacity: null, status: 'draft' }, desk.organizer)
    )
    expect(err.issues!.map((i) => i.path).sort()).toEqual(['endDate', 'timezone'])
  })

  it('refuses a duplicate ticket type code in the same event', async () => {
    const err = await rejects(
      desk.call('ticketType.create', { eventId: desk.eventId, code: 'ga', name: 'Other', priceCents: 0, currency: 'EUR', capacity: null, color: '#000000' }, desk.organizer)
    )
    expect(err.code).toBe('conflict')
  })
})
