/**
 * Vendor-side benchmarks (part of `npm run bench`; alone: `npx tsx bench/vendors.ts`):
 * - budget_summary_ms: the budget screen's summary (`budget.list`) for an event with 500
 *   budget lines, 200 contracts and 2,000 payments;
 * - rfq_compare_ms: a comparison (`rfq.compare`) of 30 lines × 8 vendors.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Core } from '../src/main/core/core'
import { modules } from '../src/main/modules'
import type { InputOf, MethodName, ResultOf } from '../src/shared/contract'

type Record = (key: string, value: number, unit: string, target: number | null, better?: 'lower' | 'higher') => void

const ROOT = join(__dirname, '..')
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!

export async function vendorBenchmarks(record: Record): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'eventdesk-bench-vendors-'))
  const core = new Core({ dataDir: dir, appRoot: ROOT, modules, appVersion: 'bench' })
  const call = <M extends MethodName>(method: M, input: InputOf<M>, token: string | null = null) => core.call(method, input, token) as Promise<ResultOf<M>>
  try {
    const { token } = await call('staff.setupFirstOrganizer', { name: 'Bench', pin: '1234' })
    const event = await call('event.create', { name: 'Bench Con', type: 'conference', startDate: '2026-11-23', endDate: '2026-11-24', timezone: 'Europe/Berlin', venue: null, capacity: null, status: 'live' }, token)
    const vendorIds: string[] = []
    for (let i = 0; i < 8; i++) vendorIds.push((await call('vendor.create', { name: `Vendor ${i}`, categories: ['av'], contacts: [], tags: [] }, token)).id)

    const lineIds: string[] = []
    for (let i = 0; i < 500; i++) {
      lineIds.push((await call('budget.saveLine', { eventId: event.id, category: 'custom', name: `Line ${i}`, plannedMinor: 1_000_000, currency: i % 5 === 0 ? 'PLN' : 'EUR', control: 'ignore' }, token)).id)
    }
    for (let c = 0; c < 200; c++) {
      const lineId = lineIds[c * 2]!
      const currency = (c * 2) % 5 === 0 ? 'PLN' : 'EUR'
      const milestones = Array.from({ length: 10 }, (_, m) => ({ label: `Part ${m}`, dueOn: '2026-12-01', amountMinor: 10_000, percent: null }))
      const { contract } = await call('contract.create', { eventId: event.id, vendorId: vendorIds[c % 8]!, title: `Contract ${c}`, amountMinor: 100_000, currency, budgetLineId: lineId, milestones }, token)
      for (const m of contract.milestones) await call('contract.pay', { milestoneId: m.id, amountMinor: 10_000, paidOn: '2026-11-20', method: 'bank_transfer' }, token)
    }
    const summaryTimes: number[] = []
    for (let i = 0; i < 20; i++) {
      const t = performance.now()
      await call('budget.list', { eventId: event.id }, token)
      summaryTimes.push(performance.now() - t)
    }
    record('budget_summary_ms', median(summaryTimes), 'ms', 20)

    const rfq = await call(
      'rfq.create',
      { eventId: event.id, title: 'Big request', currency: 'EUR', deadline: '2099-01-01', lines: Array.from({ length: 30 }, (_, i) => ({ description: `Item ${i}`, quantity: 1 + (i % 4), unit: 'pc' })), vendorIds },
      token
    )
    await call('rfq.send', { id: rfq.id }, token)
    for (const [v, vendorId] of vendorIds.entries()) {
      await call('quote.save', { rfqId: rfq.id, vendorId, prices: rfq.lines.map((l, i) => ({ lineId: l.id, unitPriceMinor: 1_000 + ((v * 7 + i * 13) % 50) * 10 })), taxBp: 2100, discountMinor: 0, validUntil: '2099-01-01' }, token)
    }
    const compareTimes: number[] = []
    for (let i = 0; i < 20; i++) {
      const t = performance.now()
      await call('rfq.compare', { id: rfq.id }, token)
      compareTimes.push(performance.now() - t)
    }
    record('rfq_compare_ms', median(compareTimes), 'ms', 20)
  } finally {
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1]?.endsWith('vendors.ts')) {
  void vendorBenchmarks((key, value, unit, target) => console.log(`${key}: ${value.toFixed(2)} ${unit}${target === null ? '' : ` (target ${target})`}`))
}
