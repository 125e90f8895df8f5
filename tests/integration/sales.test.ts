/**
 * The sales domains through the API, as each role: leads scored and qualified
 * at the threshold, duplicates flagged and merged, a qualified lead converted,
 * the board's column totals over every matching opportunity per currency, the
 * forecast against quotas; roles, no token and hostile input refused.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { v7 as uuid } from 'uuid'
import { ROLES, type Role } from '../../src/shared/roles'
import { weightedTotal } from '../../src/shared/sales/stages'
import type { InputOf } from '../../src/shared/contract'
import { deskWithEvent, rejects, removeDir, type TestDesk } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>
const opened: TestDesk[] = []
afterEach(() => {
  for (const d of opened.splice(0)) {
    d.close()
    removeDir(d.dir)
  }
})

async function setUp() {
  desk = await deskWithEvent()
  opened.push(desk)
  return desk
}

const lead = (fields: Partial<InputOf<'lead.create'>> = {}): InputOf<'lead.create'> => ({
  eventId: null,
  firstName: 'Anna',
  lastName: 'Smith',
  email: null,
  company: null,
  jobTitle: null,
  companySize: null,
  phone: null,
  ownerId: null,
  notes: null,
  ...fields
})

async function account(token: string, name = 'Acme GmbH') {
  return desk.call('account.create', { name, domain: null, industry: null, employees: null, website: null, notes: null }, token)
}

function opportunity(accountId: string, fields: Partial<InputOf<'opportunity.create'>> = {}): InputOf<'opportunity.create'> {
  return {
    eventId: desk.eventId,
    accountId,
    name: 'Gold sponsorship',
    product: 'sponsorship',
    sponsorLevel: 'gold',
    boothSize: null,
    boothLocation: null,
    ticketCount: null,
    amountCents: 1_000_000,
    currency: 'EUR',
    probability: null,
    closeDate: '2026-12-15',
    ownerId: null,
    nextStep: null,
    notes: null,
    ...fields
  }
}

describe('leads', () => {
  it('are scored by the rules; qualified only at the threshold; disqualified only with a reason', async () => {
    const { organizer } = await setUp()
    const sales = await desk.tokenFor('sales')
    const weak = await desk.call('lead.create', lead({ email: 'anna@gmail.com', jobTitle: 'Assistant' }), sales)
    expect(weak.score.total).toBe(0)
    expect(weak.ready).toBe(false)
    expect((await rejects(desk.call('lead.setStatus', { id: weak.id, status: 'qualified' }, sales))).key).toBe('leadBelowThreshold')
    const strong = await desk.call('lead.create', lead({ firstName: 'Bea', email: 'bea@acme.de', jobTitle: 'Head of Marketing', company: 'Acme' }), sales)
    expect(strong.score.parts).toEqual({ companyDomain: 50, jobTitle: 20, companySize: 0 })
    expect((await desk.call('lead.setStatus', { id: strong.id, status: 'qualified' }, sales)).status).toBe('qualified')
    const refused = await rejects(desk.call('lead.setStatus', { id: weak.id, status: 'disqualified' }, sales))
    expect(refused.issues?.[0]?.path).toBe('reason')
    expect((await desk.call('lead.setStatus', { id: weak.id, status: 'disqualified', reason: 'Student' }, sales)).disqualifyReason).toBe('Student')
    // The sales manager raises the threshold: the strong lead is no longer ready.
    const manager = await desk.tokenFor('sales_manager')
    await desk.call('sales.updateSettings', { qualifyThreshold: 100 }, manager)
    const list = await desk.call('lead.list', {}, organizer)
    expect(list.threshold).toBe(100)
    expect(list.leads.find((l) => l.id === strong.id)?.ready).toBe(false)
    expect((await rejects(desk.call('sales.updateSettings', { qualifyThreshold: 10 }, sales))).code).toBe('forbidden')
  })

  it('with the same e-mail or the same company and name are flagged, and a merge clears the flag', async () => {
    const { organizer } = await setUp()
    const a = await desk.call('lead.create', lead({ email: 'Anna@Acme.de', company: 'Acme' }), organizer)
    const b = await desk.call('lead.create', lead({ email: 'anna@acme.de', phone: '+49 30 1234' }), organizer)
    const c = await desk.call('lead.create', lead({ company: 'ACME', jobTitle: 'CEO' }), organizer)
    const dupes = await desk.call('lead.duplicates', {}, organizer)
    expect(dupes.map((d) => [d.reason, d.leads.map((l) => l.id).sort()])).toEqual(
      expect.arrayContaining([
        ['email', [a.id, b.id].sort()],
        ['name', [a.id, c.id].sort()]
      ])
    )
    const kept = await desk.call('lead.merge', { keepId: a.id, mergeIds: [b.id, c.id] }, organizer)
    expect(kept.phone).toBe('+49 30 1234')
    expect(kept.jobTitle).toBe('CEO')
    expect(await desk.call('lead.duplicates', {}, organizer)).toEqual([])
    expect((await desk.call('lead.list', {}, organizer)).leads.map((l) => l.id)).toEqual([a.id])
    // Registration conflicts stay as they were: lead duplicates are not listed there.
    expect(await desk.call('conflict.list', {}, organizer)).toEqual([])
  })

  it('a qualified lead becomes an opportunity with an account (reused by name) and a contact', async () => {
    const { organizer } = await setUp()
    const existing = await account(organizer, 'Acme')
    const l = await desk.call('lead.create', lead({ email: 'bea@acme.de', company: 'ACME ', jobTitle: 'CEO' }), organizer)
    const early = await rejects(
      desk.call('opportunity.fromLead', { leadId: l.id, eventId: desk.eventId, name: 'Acme gold', product: 'sponsorship', sponsorLevel: 'gold', amountCents: 500_000, currency: 'EUR', closeDate: '2026-12-01' }, organizer)
    )
    expect(early.key).toBe('leadNotQualified')
    await desk.call('lead.setStatus', { id: l.id, status: 'qualified' }, organizer)
    const opp = await desk.call(
      'opportunity.fromLead',
      { leadId: l.id, id: uuid(), eventId: desk.eventId, name: 'Acme gold', product: 'sponsorship', sponsorLevel: 'gold', amountCents: 500_000, currency: 'eur', closeDate: '2026-12-01' },
      organizer
    )
    expect(opp).toMatchObject({ accountId: existing.id, stage: 'prospect', effectiveProbability: 10, weightedCents: 50_000, currency: 'EUR', leadId: l.id })
    const contacts = await desk.call('contact.list', { accountId: existing.id }, organizer)
    expect(contacts.map((c) => c.email)).toEqual(['bea@acme.de'])
    expect((await desk.call('lead.list', { status: 'converted' }, organizer)).total).toBe(1)
  })

  it('a contact is linked to the attendee registered with the same e-mail', async () => {
    const { organizer, eventId, gaId } = await setUp()
    const attendee = await desk.call(
      'attendee.register',
      { eventId, firstName: 'Carl', lastName: 'Jung', email: 'carl@acme.de', company: null, ticketTypeId: gaId, paymentMethod: 'cash', amountCents: 0 },
      organizer
    )
    const acc = await account(organizer)
    const contact = await desk.call('contact.create', { accountId: acc.id, firstName: 'Carl', lastName: 'Jung', email: 'carl@acme.de', phone: null, jobTitle: null }, organizer)
    expect((await desk.call('contact.linkAttendee', { id: contact.id, eventId }, organizer)).attendeeId).toBe(attendee.id)
    const stranger = await desk.call('contact.create', { accountId: acc.id, firstName: 'Dora', lastName: 'X', email: 'dora@acme.de', phone: null, jobTitle: null }, organizer)
    expect((await rejects(desk.call('contact.linkAttendee', { id: stranger.id, eventId }, organizer))).key).toBe('noAttendeeWithEmail')
  })
})

describe('the pipeline board', () => {
  it('totals every matching opportunity per stage and currency, whatever is loaded; moving changes the totals', async () => {
    const { organizer } = await setUp()
    const acc = await account(organizer)
    for (let i = 0; i < 7; i++) await desk.call('opportunity.create', opportunity(acc.id, { amountCents: 100_000 + i }), organizer)
    await desk.call('opportunity.create', opportunity(acc.id, { amountCents: 300_000, currency: 'USD' }), organizer)
    const overridden = await desk.call('opportunity.create', opportunity(acc.id, { amountCents: 200_000, probability: 33, stage: 'proposal', product: 'booth', closeDate: '2027-01-10' }), organizer)
    const board = await desk.call('pipeline.board', { limit: 2 }, organizer)
    const prospect = board.columns.find((c) => c.stage === 'prospect')!
    expect(prospect.cards).toHaveLength(2)
    expect(prospect.count).toBe(8)
    // 7 × 100,000 + (0+…+6) = 700,021 EUR at 10 %; USD apart.
    expect(prospect.totals).toEqual([
      { currency: 'EUR', count: 7, totalCents: 700_021, weightedCents: 70_002 },
      { currency: 'USD', count: 1, totalCents: 300_000, weightedCents: 30_000 }
    ])
    expect(board.columns.find((c) => c.stage === 'proposal')!.totals).toEqual([{ currency: 'EUR', count: 1, totalCents: 200_000, weightedCents: 66_000 }])
    // The SQL sums agree with the pure rule (shared/sales/stages.ts) over every deal, loaded or not.
    const all = (await desk.call('pipeline.board', { limit: 500 }, organizer)).columns.flatMap((c) => c.cards)
    for (const column of board.columns) {
      for (const total of column.totals) {
        const deals = all.filter((o) => o.stage === column.stage && o.currency === total.currency)
        expect(weightedTotal(deals, board.probabilities)).toEqual({ currency: total.currency, count: total.count, totalCents: total.totalCents, weightedCents: total.weightedCents })
      }
    }
    // Filters: product, close month.
    expect((await desk.call('pipeline.board', { product: 'booth' }, organizer)).columns.reduce((n, c) => n + c.count, 0)).toBe(1)
    expect((await desk.call('pipeline.board', { closeMonth: '2027-01' }, organizer)).columns.reduce((n, c) => n + c.count, 0)).toBe(1)
    // Moving: the stage's probability applies again (the override was for the old stage).
    const moved = await desk.call('opportunity.move', { id: overridden.id, stage: 'negotiation' }, organizer)
    expect(moved).toMatchObject({ probability: null, effectiveProbability: 90, weightedCents: 180_000 })
    const after = await desk.call('pipeline.board', {}, organizer)
    expect(after.columns.find((c) => c.stage === 'proposal')!.count).toBe(0)
    expect(after.columns.find((c) => c.stage === 'negotiation')!.totals).toEqual([{ currency: 'EUR', count: 1, totalCents: 200_000, weightedCents: 180_000 }])
    expect((await rejects(desk.call('opportunity.move', { id: overridden.id, stage: 'lost' }, organizer))).issues?.[0]?.path).toBe('lostReason')
    expect((await desk.call('opportunity.move', { id: overridden.id, stage: 'lost', lostReason: 'Budget' }, organizer)).lostReason).toBe('Budget')
  })

  it('a sales person sees and moves only their own deals; the forecast compares won deals with quotas', async () => {
    const { organizer } = await setUp()
    const sales = await desk.tokenFor('sales')
    const me = (await desk.call('staff.me', {}, sales)).staff
    const acc = await account(organizer)
    const theirs = await desk.call('opportunity.create', opportunity(acc.id, { ownerId: null }), organizer)
    const mine = await desk.call('opportunity.create', opportunity(acc.id, { amountCents: 400_000, stage: 'negotiation' }), sales)
    expect(mine.ownerId).toBe(me.id)
    const board = await desk.call('pipeline.board', {}, sales)
    expect(board.columns.flatMap((c) => c.cards.map((x) => x.id))).toEqual([mine.id])
    expect((await rejects(desk.call('opportunity.move', { id: theirs.id, stage: 'won' }, sales))).code).toBe('forbidden')
    const manager = await desk.tokenFor('sales_manager')
    await desk.call('quota.set', { ownerId: me.id, period: '2026-12', amountCents: 800_000, currency: 'EUR' }, manager)
    expect((await rejects(desk.call('quota.set', { ownerId: me.id, period: '2026-12', amountCents: 1, currency: 'EUR' }, sales))).code).toBe('forbidden')
    await desk.call('opportunity.move', { id: mine.id, stage: 'won' }, sales)
    const fc = await desk.call('pipeline.forecast', { from: '2026-11', to: '2027-01' }, sales)
    expect(fc.rows).toEqual([
      { month: '2026-12', currency: 'EUR', weightedCents: 400_000, bestCaseCents: 400_000, commitCents: 400_000, closedCents: 400_000, quotaCents: 800_000, attainmentPct: 50 }
    ])
    const team = await desk.call('pipeline.forecast', { from: '2026-12', to: '2026-12' }, manager)
    expect(team.rows[0]).toMatchObject({ closedCents: 400_000, bestCaseCents: 1_400_000, weightedCents: 500_000, commitCents: 400_000 })
  })
})

describe('roles and hostile input', () => {
  const SALES_METHODS = ['lead.list', 'pipeline.board', 'account.list', 'sales.settings'] as const

  it('only organizers and the sales team read sales data; nobody without a session', async () => {
    await setUp()
    for (const role of ROLES) {
      const token = role === 'organizer' ? desk.organizer : await desk.tokenFor(role as Role)
      for (const m of SALES_METHODS) {
        const call = desk.call(m, {} as never, token)
        if (['organizer', 'sales', 'sales_manager'].includes(role)) await expect(call).resolves.toBeDefined()
        else expect((await rejects(call)).code, `${role} ${m}`).toBe('forbidden')
      }
    }
    for (const m of SALES_METHODS) expect((await rejects(desk.call(m, {} as never, null))).code).toBe('unauthenticated')
  })

  it('malformed and hostile input is refused field by field', async () => {
    const { organizer } = await setUp()
    const acc = await account(organizer)
    const bad = await rejects(desk.call('opportunity.create', { ...opportunity(acc.id), amountCents: -5, currency: 'XYZ', closeDate: '' } as never, organizer))
    expect(bad.code).toBe('invalid_input')
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['amountCents', 'closeDate', 'currency'])
    expect((await rejects(desk.call('pipeline.board', { closeMonth: "2026-12' OR 1=1 --" } as never, organizer))).code).toBe('invalid_input')
    expect((await rejects(desk.call('lead.create', { ...lead(), firstName: '\u202e\u200b', lastName: '' }, organizer))).code).toBe('invalid_input')
    expect((await rejects(desk.call('lead.create', { ...lead(), extra: 1 } as never, organizer))).code).toBe('invalid_input')
    // SQL in a search is text: no error, no match.
    expect((await desk.call('lead.list', { query: "%' OR 1=1 --" }, organizer)).total).toBe(0)
    expect((await rejects(desk.call('opportunity.move', { id: 'nope', stage: 'won' }, organizer))).code).toBe('not_found')
  })
})
