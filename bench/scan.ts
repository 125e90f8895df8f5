/**
 * `scan_decision_p95_ms`: a scan on a check-in list with rules (ticket types,
 * hours with tolerance, entry/exit without re-entry, a capacity, an automatic
 * check-out), decided and recorded through the API over the bench's 100,000
 * attendees: validation, session, code lookup, rules, the scan fact, the
 * inside projection, the event's check-in, the conflict check, commit.
 */
import type { Core } from '../src/main/core/core'
import type { InputOf, MethodName, ResultOf } from '../src/shared/contract'

type Call = <M extends MethodName>(method: M, input: InputOf<M>, token?: string | null) => Promise<ResultOf<M>>
type Record = (key: string, value: number, unit: string, target: number | null) => void

export async function scanBenchmark(
  core: Core,
  call: Call,
  event: { eventId: string; ticketTypeId: string; organizer: string; desk: string },
  percentile: (samples: number[], p: number) => number,
  record: Record
): Promise<void> {
  const list = await call(
    'checkinList.create',
    {
      eventId: event.eventId,
      list: {
        name: 'Main entrance',
        ticketTypeIds: [event.ticketTypeId],
        days: [],
        opensAt: '00:00',
        closesAt: '23:59',
        toleranceMinutes: 15,
        mode: 'entry_exit',
        reentry: false,
        capacity: 100_000,
        autoCheckoutAt: '04:00'
      }
    },
    event.organizer
  )
  const codes = (core.sqlite.prepare('SELECT code FROM attendees WHERE event_id = ? ORDER BY random() LIMIT 3000').all(event.eventId) as { code: string }[]).map((r) => r.code)
  const times: number[] = []
  for (const [i, code] of codes.entries()) {
    const t = performance.now()
    const result = await call('checkin.scan', { listId: list.id, code }, event.desk)
    const took = performance.now() - t
    // The first 500 fill the room and warm the statements; the rest are measured.
    if (i >= 500) times.push(took)
    if (result.outcome !== 'admitted') throw new Error(`scan ${code}: ${result.outcome}`)
  }
  record('scan_decision_p50_ms', percentile(times, 50), 'ms', null)
  record('scan_decision_p95_ms', percentile(times, 95), 'ms', 1)
}
