/**
 * Sales benchmarks, on a desk of their own:
 * - pipeline_board_ms: the board (count, total and weighted total per stage and
 *   currency over every deal, 50 cards per column) for 20,000 opportunities;
 * - forecast_ms: the forecast of twelve months against quotas for those deals;
 * - lead_scan_ms: a booth scan recorded on the desk itself (no network involved), median.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Core } from '../src/main/core/core'
import { newId } from '../src/main/core/ids'
import { modules } from '../src/main/modules'
import { opportunities } from '../src/main/pipeline/schema'
import type { InputOf, MethodName, ResultOf } from '../src/shared/contract'
import { PRODUCTS } from '../src/shared/contract/pipeline'
import { STAGES } from '../src/shared/sales/stages'

type Record = (key: string, value: number, unit: string, target: number | null) => void

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function salesBenchmarks(record: Record): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'eventdesk-bench-sales-'))
  const core = new Core({ dataDir: dir, appRoot: join(__dirname, '..'), modules, appVersion: 'bench' })
  const call = <M extends MethodName>(method: M, input: InputOf<M>, token: string | null) => core.call(method, input, token) as Promise<ResultOf<M>>
  try {
    const { token } = await call('staff.setupFirstOrganizer', { name: 'Bench', pin: '1234' }, null)
    const event = await call('event.create', { name: 'Bench Con', type: 'conference', startDate: '2026-11-23', endDate: '2026-11-24', timezone: 'Europe/Berlin', venue: null, capacity: null, status: 'live' }, token)
    const ga = await call('ticketType.create', { eventId: event.id, code: 'GA', name: 'General', priceCents: 0, currency: 'EUR', capacity: null, color: '#1e88e5' }, token)
    const account = await call('account.create', { name: 'Acme', domain: null, industry: null, employees: null, website: null, notes: null }, token)
    // 20,000 deals written by the desk's own write path (change log included), spread over stages, products, currencies, months.
    await core.transact('bench.seed', ({ write }) => {
      for (let i = 0; i < 20_000; i++) {
        write.insert(opportunities, {
          id: newId(), eventId: event.id, accountId: account.id, contactId: null, leadId: null, name: `Deal ${i}`,
          product: PRODUCTS[i % PRODUCTS.length]!, sponsorLevel: null, boothSize: null, boothLocation: null, ticketCount: null,
          amountCents: 10_000 + ((i * 7919) % 5_000_000), currency: i % 5 === 0 ? 'USD' : 'EUR', stage: STAGES[i % STAGES.length]!,
          probability: i % 9 === 0 ? 42 : null, closeDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
          ownerId: null, nextStep: null, lostReason: null, notes: null, createdAt: new Date().toISOString()
        })
      }
    })
    const times = async (n: number, work: () => Promise<unknown>) => {
      const samples: number[] = []
      for (let i = 0; i < n; i++) {
        const t = performance.now()
        await work()
        samples.push(performance.now() - t)
      }
      return median(samples)
    }
    await call('pipeline.board', { limit: 50 }, token)
    record('pipeline_board_ms', await times(20, () => call('pipeline.board', { limit: 50 }, token)), 'ms', 30)
    record('forecast_ms', await times(20, () => call('pipeline.forecast', { from: '2026-01', to: '2026-12' }, token)), 'ms', 30)

    const exhibitor = await call('exhibitor.save', { id: newId(), eventId: event.id, name: 'Booth', booth: null, fields: ['name'] }, token)
    const codes: string[] = []
    for (let i = 0; i < 200; i++) {
      const a = await call('attendee.register', { eventId: event.id, firstName: 'Visitor', lastName: String(i), email: null, company: null, ticketTypeId: ga.id, paymentMethod: 'cash', amountCents: 0 }, token)
      codes.push(a.code)
    }
    let n = 0
    record(
      'lead_scan_ms',
      await times(200, () => call('booth.scan', { exhibitorId: exhibitor.id, code: codes[n++]!, scannedAt: new Date().toISOString(), rating: 3, tags: ['hot'] }, token)),
      'ms',
      5
    )
  } finally {
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
