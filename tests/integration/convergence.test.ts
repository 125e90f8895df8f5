/**
 * The multi-desk property: 3–5 desks in one process run random desk work
 * (walk-ups, check-ins, undos, edits, status changes, deletes, imports, scans
 * in and out on check-in lists, list edits; leads and their merges, deals moved across the pipeline, booth scans) while
 * sync delivers random subsets of each other's records — partitioned,
 * duplicated, reordered, delayed. Once everything has been delivered, every
 * desk must hold identical synced tables, presence, counters and conflicts;
 * rebuilding the derived tables from scratch must change nothing; and an empty
 * desk fed one desk's change log must hold the same synced tables (nothing is
 * written around the log).
 *
 * CONVERGENCE_RUNS sets the number of cases (default 20 in `npm test`;
 * `npm run test:convergence` runs many more).
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { attendees } from '../../src/main/attendees/schema'
import type { ChangeRecord } from '../../src/main/core/changelog'
import { v7 as uuid } from 'uuid'
import { ApiError } from '../../src/shared/errors'
import { OPEN_LIST_RULES } from '../../src/shared/contract/checkin-lists'
import { STAGES } from '../../src/shared/sales/stages'
import { deskWithEvent, exchange, openDesk, peerOf, removeDir, walkUp, type TestDesk } from './helpers'

const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 20)

type Desk = TestDesk & { organizer: string }

const SYNCED: Record<string, string> = {
  events: 'id',
  ticket_types: 'id',
  staff: 'id',
  desks: 'id',
  checkins: 'id',
  conflict_acks: 'id',
  checkin_lists: 'id',
  list_scans: 'id',
  // seq is this desk's own integer key, never synced
  attendees: 'id',
  leads: 'id',
  accounts: 'id',
  opportunities: 'id',
  exhibitors: 'id',
  booth_scans: 'id',
  vendors: 'id',
  rfqs: 'id',
  rfq_lines: 'id',
  rfq_invites: 'id',
  quotes: 'id',
  rfq_awards: 'id',
  contracts: 'id',
  contract_milestones: 'id',
  contract_payments: 'id',
  budget_lines: 'id',
  budget_overrides: 'id'
}
const DERIVED: Record<string, string> = {
  attendee_presence: 'attendee_id',
  ticket_type_counts: 'ticket_type_id',
  conflicts: 'id',
  list_inside: 'list_id, attendee_id',
  list_inside_counts: 'list_id, until',
  booth_leads: 'exhibitor_id, attendee_id'
}

function snapshot(desk: TestDesk, tables: Record<string, string>, skipDeskRow?: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const [table, key] of Object.entries(tables)) {
    let rows = desk.core.sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all() as Record<string, unknown>[]
    if (table === 'attendees') rows = rows.map(({ seq: _seq, ...rest }) => rest)
    if (table === 'ticket_type_counts') rows = rows.filter((r) => r.expected !== 0 || r.checked_in !== 0)
    if (table === 'list_inside_counts') rows = rows.filter((r) => r.inside !== 0)
    if (table === 'desks' && skipDeskRow) rows = rows.filter((r) => r.id !== skipDeskRow)
    out[table] = rows
  }
  return out
}

const searchable = (desk: TestDesk, eventId: string) =>
  (desk.core.sqlite.prepare(
    `SELECT a.id FROM attendees_fts f JOIN attendees a ON a.seq = f.rowid WHERE attendees_fts MATCH '"a"* OR "e"* OR "o"*' AND a.event_id = ? ORDER BY a.id`
  ).all(eventId) as { id: string }[]).map((r) => r.id)

const NAMES = ['Zoë Müller', 'Łukasz Nowak', 'Ana Díaz', 'Søren Ødegård', 'Nguyễn Anh', 'Дмитрий Иванов', 'Ayşe Öztürk']
const EMAILS = [null, 'zoe@example.org', 'ana@example.es', 'josé.müller@example.org', 'lukasz@example.pl']

const op = (deskCount: number) => {
  const desk = fc.integer({ min: 0, max: deskCount - 1 })
  const pick = fc.nat()
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('walkUp' as const), desk, name: fc.constantFrom(...NAMES), email: fc.constantFrom(...EMAILS), vip: fc.boolean(), checkIn: fc.boolean() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), desk, pick }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), desk, pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), desk, pick, name: fc.constantFrom(...NAMES), email: fc.constantFrom(...EMAILS), vip: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), desk, pick, status: fc.constantFrom('registered' as const, 'cancelled' as const, 'no_show' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), desk, pick }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('import' as const), desk, rows: fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...EMAILS)), { minLength: 1, maxLength: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), desk, pick }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('scan' as const), desk, pick, list: fc.nat(), direction: fc.constantFrom('in' as const, 'in' as const, 'out' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('listEdit' as const), desk, list: fc.nat(), capacity: fc.constantFrom(null, 1, 2, 3), autoCheckoutAt: fc.constantFrom(null, '04:00', '23:30') }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('lead' as const), desk, name: fc.constantFrom(...NAMES), email: fc.constantFrom(...EMAILS), company: fc.constantFrom(null, 'Acme', 'Globex') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('mergeLeads' as const), desk, pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('deal' as const), desk, amount: fc.integer({ min: 0, max: 10_000_000 }), currency: fc.constantFrom('EUR', 'USD'), probability: fc.constantFrom(null, 0, 35, 100) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), desk, pick, stage: fc.constantFrom(...STAGES) }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('boothScan' as const), desk, pick, minute: fc.integer({ min: 0, max: 1 }), rating: fc.constantFrom(null, 0, 3, 5), tag: fc.constantFrom(null, 'hot', 'partner') })
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('award' as const), desk, pick, whole: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), desk, pick, part: fc.constantFrom(0.25, 0.5, 1) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('voidPayment' as const), desk, pick }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('contractStatus' as const), desk, pick, status: fc.constantFrom('sent' as const, 'active' as const, 'cancelled' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('vendor' as const), desk, pick, block: fc.boolean() }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('deliver' as const),
        from: desk,
        to: desk,
        // Which of the sender's records arrive (a partition delivers none), in what order, and which twice.
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        seed: fc.nat(),
        duplicate: fc.boolean()
      })
    }
  )
}

type Op = ReturnType<ReturnType<typeof op>['generate']>['value']

/** A deterministic shuffle/subset of records, from a seed. */
function deliverySet(records: ChangeRecord[], share: number, seed: number, duplicate: boolean): ChangeRecord[] {
  let s = seed || 1
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const chosen = records.filter(() => rnd() < share)
  if (duplicate) chosen.push(...chosen.filter(() => rnd() < 0.5))
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[chosen[i], chosen[j]] = [chosen[j]!, chosen[i]!]
  }
  return chosen
}

/** Refusals a desk gives for ordinary reasons (someone already registered, gone meanwhile, full…) are fine; anything else fails the property. */
async function tolerate(work: () => Promise<unknown>): Promise<void> {
  try {
    await work()
  } catch (err) {
    if (err instanceof ApiError && ['conflict', 'not_found', 'invalid_input'].includes(err.code)) return
    throw err
  }
}

interface Sales {
  accountId: string
  exhibitorId: string
}

async function run(desks: Desk[], eventId: string, types: { ga: string; vip: string }, sales: Sales, ops: Op[]): Promise<void> {
  const ids = (d: Desk) => (d.core.sqlite.prepare('SELECT id FROM attendees WHERE event_id = ? ORDER BY id').all(eventId) as { id: string }[]).map((r) => r.id)
  const activeCheckins = (d: Desk) =>
    (d.core.sqlite.prepare(
      "SELECT c.id FROM checkins c WHERE c.kind = 'in' AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.ref_id = c.id) ORDER BY c.id"
    ).all() as { id: string }[]).map((r) => r.id)
  const nth = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined)
  const lists = (d: Desk) => d.core.sqlite.prepare('SELECT id, mode FROM checkin_lists ORDER BY name').all() as { id: string; mode: string }[]
  const codeOf = (d: Desk, id: string) => (d.core.sqlite.prepare('SELECT code FROM attendees WHERE id = ?').get(id) as { code: string }).code
  for (const o of ops) {
    if (o.kind === 'deliver') {
      if (o.from === o.to) continue
      await desks[o.to]!.core.applyRemoteChanges(deliverySet(desks[o.from]!.core.changesSince('', 1_000_000), o.share, o.seed, o.duplicate))
      continue
    }
    const d = desks[o.desk]!
    const rowIds = (table: string) => (d.core.sqlite.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: string }[]).map((r) => r.id)
    const [firstName, lastName] = ('name' in o ? o.name : 'X Y').split(' ') as [string, string]
    switch (o.kind) {
      case 'walkUp':
        await tolerate(() => walkUp(d, d.organizer, { eventId, firstName, lastName, email: o.email, company: null, ticketTypeId: o.vip ? types.vip : types.ga }, o.checkIn))
        break
      case 'checkIn': {
        const id = nth(ids(d), o.pick)
        if (id) await tolerate(() => d.call('checkin.byAttendee', { attendeeId: id }, d.organizer))
        break
      }
      case 'undo': {
        const id = nth(activeCheckins(d), o.pick)
        if (id) await tolerate(() => d.call('checkin.undo', { checkinId: id }, d.organizer))
        break
      }
      case 'edit': {
        const id = nth(ids(d), o.pick)
        if (id) {
          await tolerate(async () => {
            const a = await d.call('attendee.get', { id }, d.organizer)
            await d.call('attendee.update', { id, fields: { ...a, firstName, lastName, email: o.email, ticketTypeId: o.vip ? types.vip : types.ga } }, d.organizer)
          })
        }
        break
      }
      case 'status': {
        const id = nth(ids(d), o.pick)
        if (id) await tolerate(() => d.call('attendee.setStatus', { id, status: o.status }, d.organizer))
        break
      }
      case 'delete': {
        // No screen deletes attendees yet; coming domains delete rows through the same Writer.delete.
        const id = nth(ids(d), o.pick)
        if (id) await d.core.transact('test.delete', ({ write }) => write.delete(attendees, id))
        break
      }
      case 'import': {
        const csv = ['First name,Last name,Email', ...o.rows.map(([name, email]) => `${name.replace(' ', ',')},${email ?? ''}`)].join('\n')
        await tolerate(async () => {
          const up = await d.call('import.upload', { eventId, fileName: 'list.csv', base64: Buffer.from(csv).toString('base64') }, d.organizer)
          await d.call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: types.ga, duplicates: 'merge' }, d.organizer)
        })
        break
      }
      case 'scan': {
        const list = nth(lists(d), o.list)
        const id = nth(ids(d), o.pick)
        if (list && id) {
          const direction = list.mode === 'entry_exit' ? o.direction : 'in'
          await tolerate(() => d.call('checkin.scan', { listId: list.id, code: codeOf(d, id), direction }, d.organizer))
        }
        break
      }
      case 'listEdit': {
        const list = nth(lists(d), o.list)
        if (list) {
          await tolerate(async () => {
            const row = (await d.call('checkinList.list', { eventId }, d.organizer)).find((l) => l.id === list.id)!
            const { id: _id, eventId: _e, inside: _i, admitted: _a, ...fields } = row
            await d.call('checkinList.update', { id: list.id, list: { ...fields, capacity: o.capacity, autoCheckoutAt: o.autoCheckoutAt } }, d.organizer)
          })
        }
        break
      }
      case 'award': {
        // Two RFQs; desks apart may both award one (a contended award).
        const rfq = nth(d.core.sqlite.prepare("SELECT id FROM rfqs WHERE status = 'sent' ORDER BY id").all() as { id: string }[], o.pick)
        if (!rfq) break
        await tolerate(async () => {
          const cmp = await d.call('rfq.compare', { id: rfq.id }, d.organizer)
          const vendorAt = (i: number) => cmp.vendors[(o.pick + i) % cmp.vendors.length]!.vendorId
          await d.call(
            'rfq.award',
            o.whole
              ? { id: rfq.id, vendorId: vendorAt(0), declineReason: 'Not chosen', budgetLineId: BUDGET_LINE }
              : { id: rfq.id, lines: cmp.lines.map((l, i) => ({ lineId: l.id, vendorId: vendorAt(i) })), declineReason: 'Not chosen', budgetLineId: BUDGET_LINE },
            d.organizer
          )
        })
        break
      }
      case 'pay': {
        // Desks apart may pay the same milestone (a milestone paid twice).
        const m = nth(d.core.sqlite.prepare('SELECT id FROM contract_milestones ORDER BY id').all() as { id: string }[], o.pick)
        if (!m) break
        await tolerate(async () => {
          const k = await d.call('contract.get', { id: (d.core.sqlite.prepare('SELECT contract_id FROM contract_milestones WHERE id = ?').get(m.id) as { contract_id: string }).contract_id }, d.organizer)
          const milestone = k.milestones.find((x) => x.id === m.id)!
          const amountMinor = Math.max(1, Math.round(milestone.amountMinor * o.part))
          await d.call('contract.pay', { milestoneId: m.id, amountMinor, paidOn: '2026-11-20', method: 'bank_transfer' }, d.organizer)
        })
        break
      }
      case 'voidPayment': {
        const p = nth(d.core.sqlite.prepare("SELECT id FROM contract_payments WHERE kind = 'payment' ORDER BY id").all() as { id: string }[], o.pick)
        if (p) await tolerate(() => d.call('contract.voidPayment', { paymentId: p.id, reason: 'Entered twice' }, d.organizer))
        break
      }
      case 'contractStatus': {
        const k = nth(d.core.sqlite.prepare('SELECT id FROM contracts ORDER BY id').all() as { id: string }[], o.pick)
        if (k) await tolerate(() => d.call('contract.setStatus', { id: k.id, status: o.status }, d.organizer))
        break
      }
      case 'vendor': {
        const v = nth(d.core.sqlite.prepare('SELECT id FROM vendors ORDER BY id').all() as { id: string }[], o.pick)
        if (!v) break
        await tolerate(() => (o.block ? d.call('vendor.block', { id: v.id, reason: 'Late twice' }, d.organizer) : d.call('vendor.unblock', { id: v.id }, d.organizer)))
        break
      }
      case 'resolve': {
        const conflict = nth(await d.call('conflict.list', { eventId }, d.organizer), o.pick)
        if (!conflict) break
        if (conflict.kind === 'same_email') await tolerate(() => d.call('conflict.merge', { id: conflict.id }, d.organizer))
        else if (conflict.kind === 'same_code') await tolerate(() => d.call('conflict.reissueCode', { id: conflict.id }, d.organizer))
        else await tolerate(() => d.call('conflict.acknowledge', { id: conflict.id }, d.organizer))
        break
      }
      case 'lead':
        await d.call(
          'lead.create',
          { eventId, firstName, lastName, email: o.email, company: o.company, jobTitle: null, companySize: null, phone: null, ownerId: null, notes: null },
          d.organizer
        )
        break
      case 'mergeLeads': {
        const group = nth(await d.call('lead.duplicates', {}, d.organizer), o.pick)
        if (group) await tolerate(() => d.call('lead.merge', { keepId: group.leads[0]!.id, mergeIds: group.leads.slice(1).map((l) => l.id) }, d.organizer))
        break
      }
      case 'deal':
        await d.call(
          'opportunity.create',
          {
            eventId, accountId: sales.accountId, name: 'Deal', product: 'booth', sponsorLevel: null, boothSize: null, boothLocation: null, ticketCount: null,
            amountCents: o.amount, currency: o.currency, probability: o.probability, closeDate: '2026-12-01', ownerId: null, nextStep: null, notes: null
          },
          d.organizer
        )
        break
      case 'move': {
        const id = nth(rowIds('opportunities'), o.pick)
        if (id) await tolerate(() => d.call('opportunity.move', { id, stage: o.stage, lostReason: 'Budget' }, d.organizer))
        break
      }
      case 'boothScan': {
        // Few people and two minutes: the same badge at the same moment on desks apart happens often.
        const code = nth(d.core.sqlite.prepare("SELECT code FROM attendees WHERE status != 'merged' ORDER BY id LIMIT 2").all() as { code: string }[], o.pick)?.code
        const scannedAt = `2026-11-23T10:0${o.minute}:00Z`
        if (code) await d.call('booth.scan', { exhibitorId: sales.exhibitorId, code, scannedAt, rating: o.rating, tags: o.tag ? [o.tag] : null }, d.organizer)
        break
      }
    }
  }
}

/** A door with exits and a small capacity (two desks apart fill it past its capacity), and a VIP-only list. */
const LISTS = (vip: string) =>
  [
    { name: 'A door', ticketTypeIds: [], mode: 'entry_exit' as const, reentry: true, capacity: 2, autoCheckoutAt: '04:00' },
    { name: 'B lounge', ticketTypeIds: [vip], mode: 'entry' as const, reentry: false, capacity: null, autoCheckoutAt: null }
  ].map((l) => ({ ...OPEN_LIST_RULES, ...l }))

const BUDGET_LINE = '01900000-0000-7000-8000-0000000000b1'

/** The vendor side every desk starts with: three vendors, two RFQs sent to all and quoted, a budget line, a contract with two milestones. */
async function vendorSide(d: Desk & { eventId: string }): Promise<void> {
  const vendorIds: string[] = []
  for (const name of ['Alpha AV', 'Beta Catering', 'Gamma Décor']) {
    vendorIds.push((await d.call('vendor.create', { name, categories: ['other'], contacts: [], tags: [] }, d.organizer)).id)
  }
  await d.call('budget.saveLine', { id: BUDGET_LINE, eventId: d.eventId, category: 'av', name: 'AV', plannedMinor: 300_000, currency: 'EUR', control: 'warn' }, d.organizer)
  for (const title of ['AV for the main hall', 'Catering day 1']) {
    const rfq = await d.call(
      'rfq.create',
      { eventId: d.eventId, title, currency: 'EUR', deadline: '2099-01-01', lines: [{ description: 'A', quantity: 2, unit: 'pc' }, { description: 'B', quantity: 1, unit: 'day' }], vendorIds },
      d.organizer
    )
    await d.call('rfq.send', { id: rfq.id }, d.organizer)
    for (const [i, vendorId] of vendorIds.entries()) {
      await d.call('quote.save', { rfqId: rfq.id, vendorId, prices: rfq.lines.map((l, j) => ({ lineId: l.id, unitPriceMinor: 10_000 * (i + j + 1) })), taxBp: 2100, discountMinor: 0, validUntil: '2099-01-01' }, d.organizer)
    }
  }
  await d.call(
    'contract.create',
    { eventId: d.eventId, vendorId: vendorIds[0]!, title: 'Stage', amountMinor: 100_000, currency: 'EUR', depositMinor: 30_000, milestones: [{ label: 'Balance', dueOn: '2026-12-01', percent: 70 }], budgetLineId: BUDGET_LINE },
    d.organizer
  )
}

const awardsOf = async (d: Desk) =>
  Promise.all((d.core.sqlite.prepare('SELECT id FROM rfqs ORDER BY id').all() as { id: string }[]).map(async (r) => (await d.call('rfq.get', { id: r.id }, d.organizer)).awards))

const opened: TestDesk[] = []
function closeAll(): void {
  for (const d of opened.splice(0)) {
    d.close()
    removeDir(d.dir)
  }
}
afterAll(closeAll)

describe('several desks converge', () => {
  it(`whatever they do apart and however records travel (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 5 }).chain((n) => fc.tuple(fc.constant(n), fc.array(op(n), { minLength: 10, maxLength: 60 }))),
        async ([n, ops]) => {
          closeAll()
          const first = await deskWithEvent()
          for (const list of LISTS(first.vipId)) await first.call('checkinList.create', { eventId: first.eventId, list }, first.organizer)
          const desks: Desk[] = [first]
          opened.push(first)
          const account = await first.call('account.create', { name: 'Acme', domain: null, industry: null, employees: null, website: null, notes: null }, first.organizer)
          const exhibitor = await first.call('exhibitor.save', { id: uuid(), eventId: first.eventId, name: 'Booth', booth: null, fields: ['name'] }, first.organizer)
          // Two visitors every desk knows from the start, for the booth to scan.
          for (const lastName of ['Visitor', 'Guest']) await walkUp(first, first.organizer, { eventId: first.eventId, firstName: 'Booth', lastName, email: null, company: null, ticketTypeId: first.gaId })
          await vendorSide(first)
          for (let i = 1; i < n; i++) {
            const peer = await peerOf(first)
            opened.push(peer)
            desks.push(peer)
          }
          await run(desks, first.eventId, { ga: first.gaId, vip: first.vipId }, { accountId: account.id, exhibitorId: exhibitor.id }, ops)
          await exchange(...desks)
          const reference = { ...snapshot(first, SYNCED), ...snapshot(first, DERIVED) }
          const awards = await awardsOf(first)
          for (const d of desks.slice(1)) {
            expect({ ...snapshot(d, SYNCED), ...snapshot(d, DERIVED) }).toEqual(reference)
            // Who won each RFQ is the facts' deterministic answer: the same on every desk.
            expect(await awardsOf(d)).toEqual(awards)
            expect(searchable(d, first.eventId)).toEqual(searchable(first, first.eventId))
            // The board's column totals are the same everywhere.
            expect(await d.call('pipeline.board', {}, d.organizer)).toEqual(await first.call('pipeline.board', {}, first.organizer))
          }
          // Every derived table rebuilt from scratch equals what was kept incrementally.
          await first.core.rebuildDerived()
          expect(snapshot(first, DERIVED)).toEqual(snapshot(desks[1]!, DERIVED))
          // An empty desk fed one desk's change log holds the same synced tables.
          const replay = openDesk()
          opened.push(replay)
          await replay.core.applyRemoteChanges(first.core.changesSince('', 10_000_000))
          expect(snapshot(replay, SYNCED, replay.core.id)).toEqual(snapshot(first, SYNCED))
          expect(snapshot(replay, DERIVED)).toEqual(snapshot(first, DERIVED))
        }
      ),
      { numRuns: RUNS }
    )
  }, Math.max(180_000, RUNS * 6_000)) // generous: a shared CI machine under load runs a case in up to ~4 s
})
