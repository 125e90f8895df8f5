/**
 * Vendors, RFQs, quotes, the award, contracts, payments and the budget,
 * through the API as each role would call them.
 */
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contract, type MethodName } from '../../src/shared/contract'
import { ROLES } from '../../src/shared/roles'
import { deskWithEvent, exchange, peerOf, rejects, removeDir } from './helpers'

type Desk = Awaited<ReturnType<typeof deskWithEvent>>
let desk: Desk

beforeEach(async () => {
  desk = await deskWithEvent()
})
afterEach(() => {
  desk.close()
  removeDir(desk.dir)
})

const FAR = '2099-12-31'
const PAST = '2020-01-01'

async function vendor(name: string, token = desk.organizer) {
  return desk.call('vendor.create', { name, categories: ['av'], contacts: [{ name: 'Ann Contact', email: 'ann@example.org' }], tags: ['preferred'] }, token)
}

/** An RFQ with two lines sent to three vendors, each of whom quoted. */
async function quotedRfq(token = desk.organizer) {
  const [a, b, c] = [await vendor('Alpha AV', token), await vendor('Beta Sound', token), await vendor('Gamma Light', token)]
  const rfq = await desk.call(
    'rfq.create',
    {
      eventId: desk.eventId,
      title: 'AV for the main hall',
      currency: 'EUR',
      deadline: FAR,
      lines: [
        { description: 'Projector', quantity: 2, unit: 'pc' },
        { description: 'Sound system', quantity: 1, unit: 'day' }
      ],
      vendorIds: [a.id, b.id, c.id]
    },
    token
  )
  await desk.call('rfq.send', { id: rfq.id }, token)
  const [projector, sound] = rfq.lines
  const quote = (vendorId: string, p: number, s: number, extra: { validUntil?: string; discountMinor?: number } = {}) =>
    desk.call(
      'quote.save',
      {
        rfqId: rfq.id,
        vendorId,
        prices: [
          { lineId: projector!.id, unitPriceMinor: p },
          { lineId: sound!.id, unitPriceMinor: s }
        ],
        taxBp: 2100,
        discountMinor: extra.discountMinor ?? 0,
        validUntil: extra.validUntil ?? FAR,
        paymentTerms: '30 days'
      },
      token
    )
  await quote(a.id, 50_000, 90_000) // 190,000 net
  await quote(b.id, 60_000, 60_000) // 180,000 net
  await quote(c.id, 45_000, 120_000) // 210,000 net
  return { rfq, a, b, c, projector: projector!, sound: sound! }
}

describe('vendor directory', () => {
  it('keeps company, categories, contacts, tax id, tags; blocked vendors cannot be invited', async () => {
    const v = await desk.call(
      'vendor.create',
      {
        name: '  Délice Traiteur ',
        categories: ['catering', 'catering', 'staffing'],
        contacts: [{ name: 'Zoë Müller', role: 'Sales', email: 'Zoe@Example.org', phone: '+32 2 555 01 01' }],
        taxId: 'BE0123456789',
        website: 'https://delice.example',
        notes: 'Halal and vegan menus',
        tags: ['local', 'local', 'halal']
      },
      desk.organizer
    )
    expect(v).toMatchObject({ name: 'Délice Traiteur', categories: ['catering', 'staffing'], tags: ['local', 'halal'], status: 'active' })
    expect(v.contacts[0]).toMatchObject({ name: 'Zoë Müller', email: 'zoe@example.org' })
    expect(await desk.call('vendor.list', { category: 'catering' }, desk.organizer)).toHaveLength(1)
    expect(await desk.call('vendor.list', { search: 'HALAL' }, desk.organizer)).toHaveLength(1)
    expect(await desk.call('vendor.list', { category: 'av' }, desk.organizer)).toHaveLength(0)

    const noReason = await rejects(desk.call('vendor.block', { id: v.id, reason: ' ' }, desk.organizer))
    expect(noReason.issues?.[0]).toMatchObject({ path: 'reason', key: 'reasonRequired' })
    const blocked = await desk.call('vendor.block', { id: v.id, reason: 'Food safety audit failed' }, desk.organizer)
    expect(blocked).toMatchObject({ status: 'blocked', blockedReason: 'Food safety audit failed' })
    const refused = await rejects(
      desk.call('rfq.create', { eventId: desk.eventId, title: 'Lunch', currency: 'EUR', deadline: FAR, lines: [{ description: 'Lunch', quantity: 100, unit: 'pp' }], vendorIds: [v.id] }, desk.organizer)
    )
    expect(refused).toMatchObject({ code: 'conflict', key: 'vendorBlocked' })
    expect((await desk.call('vendor.unblock', { id: v.id }, desk.organizer)).status).toBe('active')
  })
})

describe('RFQ → quotes → comparison → award', () => {
  it('compares lines × vendors, lowest per line and in total', async () => {
    const { rfq, a, b, c, projector, sound } = await quotedRfq()
    const cmp = await desk.call('rfq.compare', { id: rfq.id }, desk.organizer)
    expect(cmp.lines.find((l) => l.id === projector.id)!.lowestVendorIds).toEqual([c.id])
    expect(cmp.lines.find((l) => l.id === sound.id)!.lowestVendorIds).toEqual([b.id])
    expect(cmp.lowestTotalVendorIds).toEqual([b.id])
    expect(cmp.vendors.find((v) => v.vendorId === a.id)!.quote).toMatchObject({ subtotalMinor: 190_000, taxMinor: 39_900, totalMinor: 229_900, complete: true })
    const detail = await desk.call('rfq.get', { id: rfq.id }, desk.organizer)
    expect(detail.invites.map((i) => i.status)).toEqual(['received', 'received', 'received'])
  })

  it('awards lines to two vendors, declines the third with the reason, closes the RFQ and makes two contracts', async () => {
    const { rfq, a, b, c, projector, sound } = await quotedRfq()
    const award = await desk.call(
      'rfq.award',
      { id: rfq.id, lines: [{ lineId: projector.id, vendorId: c.id }, { lineId: sound.id, vendorId: b.id }], declineReason: 'Higher price' },
      desk.organizer
    )
    expect(award.rfq.status).toBe('closed')
    expect(award.rfq.invites.find((i) => i.vendorId === a.id)).toMatchObject({ status: 'declined', declineReason: 'Higher price' })
    expect(award.rfq.invites.filter((i) => i.status === 'received').map((i) => i.vendorId).sort()).toEqual([b.id, c.id].sort())
    expect(award.rfq.awards.map((w) => [w.lineId, w.vendorId]).sort()).toEqual([[projector.id, c.id], [sound.id, b.id]].sort())
    // Net of the awarded lines plus 21% tax.
    expect(award.contracts.map((k) => [k.vendorId, k.amountMinor, k.status]).sort()).toEqual(
      [[c.id, 108_900, 'draft'], [b.id, 72_600, 'draft']].sort()
    )
    const again = await rejects(desk.call('rfq.award', { id: rfq.id, vendorId: a.id, declineReason: 'x' }, desk.organizer))
    expect(again).toMatchObject({ code: 'conflict', key: 'rfqTransition' })
  })

  it('awards the whole RFQ to one vendor at its quote total, discount included; a retried award makes nothing twice', async () => {
    const { rfq, b } = await quotedRfq()
    await desk.call('quote.save', { rfqId: rfq.id, vendorId: b.id, prices: rfq.lines.map((l) => ({ lineId: l.id, unitPriceMinor: 60_000 })), taxBp: 2100, discountMinor: 10_000, validUntil: FAR }, desk.organizer)
    const roundId = '01900000-0000-7000-8000-000000000001'
    const first = await desk.call('rfq.award', { id: rfq.id, roundId, vendorId: b.id, declineReason: 'Not chosen' }, desk.organizer)
    expect(first.contracts).toHaveLength(1)
    expect(first.contracts[0]!.amountMinor).toBe(Math.round((180_000 - 10_000) * 1.21))
    const retry = await desk.call('rfq.award', { id: rfq.id, roundId, vendorId: b.id, declineReason: 'Not chosen' }, desk.organizer)
    expect(retry.contracts.map((k) => k.id)).toEqual(first.contracts.map((k) => k.id))
    expect(await desk.call('contract.list', { eventId: desk.eventId }, desk.organizer)).toHaveLength(1)
  })

  it('refuses an expired quote, an unquoted line, an unsent RFQ and illegal moves with a clear message', async () => {
    const { rfq, a, projector } = await quotedRfq()
    await desk.call('quote.save', { rfqId: rfq.id, vendorId: a.id, prices: [{ lineId: projector.id, unitPriceMinor: 1 }], taxBp: 0, discountMinor: 0, validUntil: PAST }, desk.organizer)
    const cmp = await desk.call('rfq.compare', { id: rfq.id }, desk.organizer)
    expect(cmp.vendors.find((v) => v.vendorId === a.id)!.quote).toMatchObject({ expired: true, complete: false })
    expect(cmp.lines.find((l) => l.id === projector.id)!.lowestVendorIds).not.toContain(a.id)
    const expired = await rejects(desk.call('rfq.award', { id: rfq.id, lines: [{ lineId: projector.id, vendorId: a.id }], declineReason: 'x' }, desk.organizer))
    expect(expired).toMatchObject({ code: 'conflict', key: 'quoteExpired' })
    const notQuoted = await rejects(desk.call('rfq.award', { id: rfq.id, vendorId: a.id, declineReason: 'x' }, desk.organizer))
    expect(notQuoted).toMatchObject({ key: 'quoteExpired' })
    expect((await rejects(desk.call('rfq.send', { id: rfq.id }, desk.organizer))).key).toBe('rfqTransition')
    const both = await rejects(desk.call('rfq.award', { id: rfq.id, vendorId: a.id, lines: [], declineReason: 'x' }, desk.organizer))
    expect(both.issues?.[0]).toMatchObject({ path: 'vendorId', key: 'awardWholeOrLines' })

    const draft = await desk.call('rfq.create', { eventId: desk.eventId, title: 'Draft', currency: 'EUR', deadline: FAR, lines: [{ description: 'x', quantity: 1, unit: 'pc' }], vendorIds: [] }, desk.organizer)
    expect((await rejects(desk.call('rfq.send', { id: draft.id }, desk.organizer))).key).toBe('rfqNoVendors')
    expect((await rejects(desk.call('rfq.award', { id: draft.id, vendorId: a.id, declineReason: 'x' }, desk.organizer))).message).toBe(
      'A draft request for quotation cannot be awarded'
    )
    await desk.call('rfq.cancel', { id: draft.id }, desk.organizer)
    expect((await rejects(desk.call('rfq.cancel', { id: draft.id }, desk.organizer))).key).toBe('rfqTransition')
  })
})

describe('contracts and payments', () => {
  it('moves draft → sent → signed → active → completed; refuses illegal moves; pays against one milestone', async () => {
    const v = await vendor('Venue Co')
    const { contract: k } = await desk.call(
      'contract.create',
      {
        eventId: desk.eventId,
        vendorId: v.id,
        title: 'Main hall rental',
        amountMinor: 1_000_000,
        currency: 'EUR',
        depositMinor: 300_000,
        depositDueOn: PAST,
        milestones: [{ label: 'Balance', dueOn: FAR, percent: 70 }]
      },
      desk.organizer
    )
    expect(k.milestones.map((m) => [m.label, m.amountMinor, m.state])).toEqual([
      ['Deposit', 300_000, 'overdue'],
      ['Balance', 700_000, 'open']
    ])
    const illegal = await rejects(desk.call('contract.setStatus', { id: k.id, status: 'completed' }, desk.organizer))
    expect(illegal).toMatchObject({ code: 'conflict', key: 'contractTransition', message: 'A draft contract cannot become completed' })
    const unsigned = await rejects(desk.call('contract.setStatus', { id: k.id, status: 'signed' }, desk.organizer))
    expect(unsigned.issues?.[0]).toMatchObject({ path: 'signedBy' })
    await desk.call('contract.setStatus', { id: k.id, status: 'sent' }, desk.organizer)
    const signed = await desk.call('contract.setStatus', { id: k.id, status: 'signed', signedBy: 'Marie Dupont', signedOn: '2026-11-01' }, desk.organizer)
    expect(signed).toMatchObject({ status: 'signed', signedBy: 'Marie Dupont', signedOn: '2026-11-01' })

    const overdue = await desk.call('contract.overdue', { eventId: desk.eventId }, desk.organizer)
    expect(overdue.map((m) => [m.label, m.vendorName, m.amountMinor])).toEqual([['Deposit', 'Venue Co', 300_000]])

    const deposit = k.milestones[0]!
    const tooMuch = await rejects(desk.call('contract.pay', { milestoneId: deposit.id, amountMinor: 300_001, paidOn: '2026-11-02', method: 'bank_transfer' }, desk.organizer))
    expect(tooMuch).toMatchObject({ code: 'conflict', key: 'overpayment' })
    const paid = await desk.call('contract.pay', { milestoneId: deposit.id, amountMinor: 300_000, paidOn: '2026-11-02', method: 'bank_transfer', reference: 'INV-1' }, desk.organizer)
    expect(paid.paidMinor).toBe(300_000)
    expect(paid.milestones[0]).toMatchObject({ state: 'paid', paidOn: '2026-11-02', paidMinor: 300_000 })
    expect(await desk.call('contract.overdue', { eventId: desk.eventId }, desk.organizer)).toEqual([])

    const voided = await desk.call('contract.voidPayment', { paymentId: paid.payments[0]!.id, reason: 'Bounced' }, desk.organizer)
    expect(voided.paidMinor).toBe(0)
    expect(voided.payments[0]!.voided).toBe(true)
    expect((await rejects(desk.call('contract.voidPayment', { paymentId: paid.payments[0]!.id, reason: 'again' }, desk.organizer))).key).toBe('alreadyUndone')

    await desk.call('contract.setChecklist', { id: k.id, checklist: [{ id: 'd1', label: 'Stage built', dueOn: FAR, state: 'partly' }] }, desk.organizer)
    await desk.call('contract.setStatus', { id: k.id, status: 'active' }, desk.organizer)
    const done = await desk.call('contract.setStatus', { id: k.id, status: 'completed' }, desk.organizer)
    expect(done).toMatchObject({ status: 'completed', checklist: [{ label: 'Stage built', state: 'partly' }] })
    expect((await rejects(desk.call('contract.setStatus', { id: k.id, status: 'cancelled' }, desk.organizer))).key).toBe('contractTransition')
    expect((await rejects(desk.call('contract.update', { id: k.id, amountMinor: 1 }, desk.organizer))).key).toBe('contractClosed')
  })

  it('takes a milestone as an amount or a percentage, not both', async () => {
    const v = await vendor('Print Co')
    const both = await rejects(
      desk.call('contract.create', { eventId: desk.eventId, vendorId: v.id, title: 'Badges', amountMinor: 100, currency: 'EUR', milestones: [{ label: 'x', dueOn: FAR, amountMinor: 10, percent: 10 }] }, desk.organizer)
    )
    expect(both.issues?.[0]).toMatchObject({ path: 'milestones.0.amountMinor', key: 'amountOrPercent' })
  })
})

describe('budget', () => {
  async function line(control: 'stop' | 'warn' | 'ignore', plannedMinor = 200_000, currency = 'EUR') {
    return desk.call('budget.saveLine', { eventId: desk.eventId, category: 'av', name: `AV ${control}`, plannedMinor, currency, control }, desk.organizer)
  }

  it('moves from planned to committed to paid', async () => {
    const l = await line('stop')
    expect(l).toMatchObject({ plannedMinor: 200_000, committedMinor: 0, paidMinor: 0, forecastMinor: 200_000, varianceMinor: 0, over: false })
    const { rfq, b, c, projector, sound } = await quotedRfq()
    await desk.call('rfq.award', { id: rfq.id, lines: [{ lineId: projector.id, vendorId: c.id }, { lineId: sound.id, vendorId: b.id }], declineReason: 'x', budgetLineId: l.id }, desk.organizer)
    let budget = await desk.call('budget.list', { eventId: desk.eventId }, desk.organizer)
    expect(budget.lines[0]).toMatchObject({ committedMinor: 181_500, paidMinor: 0, forecastMinor: 200_000, varianceMinor: 0 })
    const [k] = await desk.call('contract.list', { eventId: desk.eventId }, desk.organizer)
    const { milestones } = await desk.call('contract.addMilestone', { contractId: k!.id, milestone: { label: 'Deposit', dueOn: FAR, percent: 50 } }, desk.organizer)
    await desk.call('contract.pay', { milestoneId: milestones[0]!.id, amountMinor: milestones[0]!.amountMinor, paidOn: '2026-11-20', method: 'card' }, desk.organizer)
    budget = await desk.call('budget.list', { eventId: desk.eventId }, desk.organizer)
    expect(budget.lines[0]!.paidMinor).toBe(milestones[0]!.amountMinor)
    expect(budget.totals).toEqual([{ currency: 'EUR', plannedMinor: 200_000, committedMinor: 181_500, paidMinor: milestones[0]!.amountMinor, forecastMinor: 200_000, varianceMinor: 0 }])
  })

  it('stop refuses; a vendor manager cannot override; an organizer can, with a reason, in the audit', async () => {
    const l = await line('stop', 100_000)
    const v = await vendor('Big AV')
    const manager = await desk.tokenFor('vendor_manager')
    const input = { eventId: desk.eventId, vendorId: v.id, title: 'AV', amountMinor: 150_000, currency: 'EUR', budgetLineId: l.id }
    expect(await rejects(desk.call('contract.create', input, manager))).toMatchObject({ code: 'conflict', key: 'overBudget' })
    expect(await rejects(desk.call('contract.create', { ...input, override: { reason: 'Board approved' } }, manager))).toMatchObject({
      code: 'forbidden',
      key: 'overBudgetOrganizerOnly'
    })
    const made = await desk.call('contract.create', { ...input, override: { reason: 'Board approved' } }, desk.organizer)
    expect(made.warnings).toEqual([expect.objectContaining({ overMinor: 50_000, overridden: true })])
    const budget = await desk.call('budget.list', { eventId: desk.eventId }, desk.organizer)
    expect(budget.lines[0]).toMatchObject({ committedMinor: 150_000, forecastMinor: 150_000, varianceMinor: -50_000, over: true })
    const audit = await desk.call('audit.list', {}, desk.organizer)
    expect(JSON.stringify(audit)).toContain('Board approved')
    // An amendment raising it further is judged again; lowering it is always allowed.
    expect(await rejects(desk.call('contract.update', { id: made.contract.id, amountMinor: 160_000 }, desk.organizer))).toMatchObject({ key: 'overBudget' })
    expect((await desk.call('contract.update', { id: made.contract.id, amountMinor: 140_000 }, manager)).contract.amountMinor).toBe(140_000)
  })

  it('warn passes with a warning, ignore passes silently, another currency is refused, totals stay per currency', async () => {
    const warn = await line('warn', 100_000)
    const ignore = await line('ignore', 100_000)
    const pln = await line('stop', 400_000, 'PLN')
    const v = await vendor('Any AV')
    const base = { eventId: desk.eventId, vendorId: v.id, title: 'AV', amountMinor: 150_000, currency: 'EUR' }
    expect((await desk.call('contract.create', { ...base, budgetLineId: warn.id }, desk.organizer)).warnings).toEqual([
      expect.objectContaining({ budgetLineId: warn.id, overMinor: 50_000, overridden: false })
    ])
    expect((await desk.call('contract.create', { ...base, budgetLineId: ignore.id }, desk.organizer)).warnings).toEqual([])
    const mixed = await rejects(desk.call('contract.create', { ...base, budgetLineId: pln.id }, desk.organizer))
    expect(mixed).toMatchObject({ key: 'budgetCurrency', issues: [expect.objectContaining({ path: 'budgetLineId' })] })
    const { totals } = await desk.call('budget.list', { eventId: desk.eventId }, desk.organizer)
    expect(totals.map((t) => [t.currency, t.plannedMinor, t.committedMinor])).toEqual(
      expect.arrayContaining([
        ['EUR', 200_000, 300_000],
        ['PLN', 400_000, 0]
      ])
    )
  })
})

describe('roles', () => {
  const VENDOR_METHODS = Object.keys(contract).filter((m) => /^(vendor|rfq|quote|contract|budget)\./.test(m)) as MethodName[]

  it('every vendor, RFQ, contract and budget method is for organizers and vendor managers only', () => {
    expect(VENDOR_METHODS.length).toBeGreaterThan(20)
    for (const m of VENDOR_METHODS) expect([m, contract[m].roles]).toEqual([m, ['organizer', 'vendor_manager']])
  })

  it('desk, scanner, kiosk and badge station are refused everything; no token is unauthenticated; a vendor manager works', async () => {
    const v = await vendor('Role Test Co')
    for (const role of ROLES.filter((r) => r !== 'organizer' && r !== 'vendor_manager')) {
      const token = await desk.tokenFor(role)
      for (const m of VENDOR_METHODS) {
        // Checked before the input: the role alone refuses, whatever is sent.
        expect([role, m, (await rejects(desk.call(m, {} as never, token))).code]).toEqual([role, m, 'forbidden'])
      }
    }
    for (const m of VENDOR_METHODS) expect([m, (await rejects(desk.call(m, {} as never, null))).code]).toEqual([m, 'unauthenticated'])
    const manager = await desk.tokenFor('vendor_manager')
    expect((await desk.call('vendor.list', {}, manager)).map((x) => x.id)).toEqual([v.id])
    const { rfq } = await quotedRfq(manager)
    expect((await desk.call('rfq.compare', { id: rfq.id }, manager)).vendors).toHaveLength(3)
  })

  it('refuses malformed, huge and hostile input with field issues', async () => {
    const bad = async (m: MethodName, input: unknown) => rejects(desk.call(m, input as never, desk.organizer))
    expect((await bad('vendor.create', { name: 'x', categories: ['bribes'], contacts: [], tags: [] })).code).toBe('invalid_input')
    expect((await bad('vendor.create', { name: 'x'.repeat(10_000), categories: [], contacts: [], tags: [] })).issues?.[0]?.path).toBe('name')
    expect((await bad('vendor.create', { name: '\u202e\u200b', categories: [], contacts: [], tags: [] })).issues?.[0]?.key).toBe('nameRequired')
    expect((await bad('vendor.create', { name: 'x', categories: [], contacts: [], tags: Array(1000).fill('t') })).code).toBe('invalid_input')
    expect((await bad('vendor.create', { name: 'x', categories: [], contacts: [], tags: [], __proto__: { admin: true }, extra: 1 })).code).toBe('invalid_input')
    expect((await bad('budget.saveLine', { eventId: desk.eventId, category: 'av', name: 'x', plannedMinor: -1, currency: 'EUR', control: 'stop' })).issues?.[0]?.path).toBe('plannedMinor')
    expect((await bad('budget.saveLine', { eventId: desk.eventId, category: 'av', name: 'x', plannedMinor: 1.5, currency: 'EUR', control: 'stop' })).code).toBe('invalid_input')
    expect((await bad('budget.saveLine', { eventId: desk.eventId, category: 'av', name: 'x', plannedMinor: 1e300, currency: 'EUR', control: 'stop' })).code).toBe('invalid_input')
    expect((await bad('budget.saveLine', { eventId: desk.eventId, category: 'av', name: 'x', plannedMinor: 1, currency: 'XXX1', control: 'stop' })).issues?.[0]?.key).toBe('currency')
    expect((await bad('budget.saveLine', { eventId: "x' OR 1=1 --", category: 'av', name: 'x', plannedMinor: 1, currency: 'EUR', control: 'stop' })).code).toBe('not_found')
    expect((await bad('contract.pay', { milestoneId: 'nope', amountMinor: 0, paidOn: '2026-01-01', method: 'cash' })).issues?.[0]?.path).toBe('amountMinor')
    expect((await bad('contract.get', { id: 'x'.repeat(65) })).code).toBe('invalid_input')
    expect((await bad('rfq.create', { eventId: desk.eventId, title: 'x', currency: 'EUR', deadline: 'tomorrow', lines: [], vendorIds: [] })).issues?.map((i) => i.path)).toEqual(['deadline', 'lines'])
  })
})

describe('desks apart', () => {
  it('an RFQ awarded on two desks apart: both kept, the earliest round wins everywhere, a conflict on both', async () => {
    const { rfq, b, c } = await quotedRfq()
    const peer = await peerOf(desk)
    try {
      await desk.call('rfq.award', { id: rfq.id, vendorId: b.id, declineReason: 'Not chosen' }, desk.organizer)
      await new Promise((r) => setTimeout(r, 5))
      await peer.call('rfq.award', { id: rfq.id, vendorId: c.id, declineReason: 'Not chosen' }, peer.organizer)
      await exchange(desk, peer)
      for (const d of [desk, peer]) {
        const token = d === desk ? desk.organizer : peer.organizer
        expect((await d.call('rfq.get', { id: rfq.id }, token)).awards.map((a) => a.vendorId)).toEqual([b.id])
        const conflicts = await d.call('conflict.list', { eventId: desk.eventId }, token)
        expect(conflicts.map((k) => [k.kind, k.members.length, k.detail.rounds])).toEqual([['contended_award', 2, 2]])
        expect(conflicts[0]!.members.map((m) => m.label).sort()).toEqual(['AV for the main hall · Beta Sound · Olga Organizer', 'AV for the main hall · Gamma Light · Olga Organizer'])
        expect(await d.call('contract.list', { eventId: desk.eventId }, token)).toHaveLength(2)
      }
    } finally {
      peer.close()
      removeDir(peer.dir)
    }
  })

  it('one milestone paid on two desks apart: both payments kept, a conflict until one is voided', async () => {
    const v = await vendor('Venue Co')
    const { contract: k } = await desk.call('contract.create', { eventId: desk.eventId, vendorId: v.id, title: 'Hall', amountMinor: 100_000, currency: 'EUR', depositMinor: 30_000 }, desk.organizer)
    const peer = await peerOf(desk)
    try {
      const pay = { milestoneId: k.milestones[0]!.id, amountMinor: 30_000, paidOn: '2026-11-20', method: 'bank_transfer' as const }
      await desk.call('contract.pay', pay, desk.organizer)
      await peer.call('contract.pay', pay, peer.organizer)
      await exchange(desk, peer)
      const conflicts = await peer.call('conflict.list', { eventId: desk.eventId }, peer.organizer)
      expect(conflicts.map((c) => [c.kind, c.members.length])).toEqual([['milestone_overpaid', 2]])
      const paid = await peer.call('contract.get', { id: k.id }, peer.organizer)
      expect(paid.paidMinor).toBe(60_000)
      // Paying it again on either desk is refused now that both payments are known.
      expect((await rejects(desk.call('contract.pay', { ...pay, amountMinor: 1 }, desk.organizer))).key).toBe('overpayment')
      await peer.call('contract.voidPayment', { paymentId: paid.payments[1]!.id, reason: 'Paid twice' }, peer.organizer)
      await exchange(desk, peer)
      expect(await desk.call('conflict.list', { eventId: desk.eventId }, desk.organizer)).toEqual([])
      expect((await desk.call('contract.get', { id: k.id }, desk.organizer)).paidMinor).toBe(30_000)
    } finally {
      peer.close()
      removeDir(peer.dir)
    }
  })
})

describe('budget export', () => {
  it('writes budget vs actual as XLSX with formulas a finance person can follow, totals per currency, in the language asked for', async () => {
    const eur = await desk.call('budget.saveLine', { eventId: desk.eventId, category: 'av', name: 'AV', plannedMinor: 100_000, currency: 'EUR', control: 'warn' }, desk.organizer)
    await desk.call('budget.saveLine', { eventId: desk.eventId, category: 'venue', name: 'Hall', plannedMinor: 500_000, currency: 'EUR', control: 'stop' }, desk.organizer)
    await desk.call('budget.saveLine', { eventId: desk.eventId, category: 'printing', name: 'Druk', plannedMinor: 40_000, currency: 'PLN', control: 'ignore' }, desk.organizer)
    const v = await vendor('AV Co')
    const { contract: k } = await desk.call('contract.create', { eventId: desk.eventId, vendorId: v.id, title: 'AV', amountMinor: 125_000, currency: 'EUR', depositMinor: 25_000, budgetLineId: eur.id }, desk.organizer)
    await desk.call('contract.pay', { milestoneId: k.milestones[0]!.id, amountMinor: 25_000, paidOn: '2026-11-20', method: 'card' }, desk.organizer)

    const file = await desk.call('budget.export', { eventId: desk.eventId, language: 'de' }, desk.organizer)
    expect(file.fileName).toMatch(/budget .*\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    expect(sheet.name).toBe('Budget und Ist')
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Kategorie', 'Name', 'Währung', 'Geplant', 'Gebunden', 'Bezahlt', 'Prognose', 'Abweichung'])
    // Lines sorted by category: av, printing, venue.
    expect((sheet.getRow(2).values as unknown[]).slice(1, 7)).toEqual(['Veranstaltungstechnik', 'AV', 'EUR', 1000, 1250, 250])
    expect(sheet.getCell('G2').value).toEqual({ formula: 'MAX(D2,E2)', result: 1250 })
    expect(sheet.getCell('H2').value).toEqual({ formula: 'D2-G2', result: -250 })
    // One total per currency, summing only its own currency's lines.
    expect(sheet.getCell('A5').value).toBe('Summe')
    expect(sheet.getCell('C5').value).toBe('EUR')
    expect(sheet.getCell('D5').value).toEqual({ formula: 'SUMIF($C$2:$C$4,$C5,D$2:D$4)', result: 6000 })
    expect(sheet.getCell('C6').value).toBe('PLN')
    expect(sheet.getCell('D6').value).toEqual({ formula: 'SUMIF($C$2:$C$4,$C6,D$2:D$4)', result: 400 })
    expect(sheet.getCell('H5').value).toEqual({ formula: 'SUMIF($C$2:$C$4,$C5,H$2:H$4)', result: -250 })
  })
})
