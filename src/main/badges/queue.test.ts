import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldJob, type StepFact } from './queue'

const step = (id: string, s: StepFact['step'], at: string, extra: Partial<StepFact> = {}): StepFact => ({ id, step: s, at, attempt: 1, reason: null, retry_at: null, ...extra })
const job = { at: '2026-11-23T10:00:00.000Z' }

describe('print job state', () => {
  it('follows queued → printing → failed (retry) → printing → done', () => {
    const steps = [
      step('a', 'printing', '2026-11-23T10:00:01.000Z'),
      step('b', 'failed', '2026-11-23T10:00:02.000Z', { reason: 'ECONNREFUSED', retry_at: '2026-11-23T10:00:04.000Z' }),
      step('c', 'printing', '2026-11-23T10:00:04.000Z', { attempt: 2 }),
      step('d', 'done', '2026-11-23T10:00:05.000Z', { attempt: 2 })
    ]
    expect(foldJob(job, steps.slice(0, 2))).toMatchObject({ status: 'failed', reason: 'ECONNREFUSED', retryAt: '2026-11-23T10:00:04.000Z' })
    expect(foldJob(job, steps)).toMatchObject({ status: 'done', attempts: 2, reason: null, retryAt: null })
  })

  it('a cancel that arrives after the job printed changes nothing; before, it stops it', () => {
    const printed = [step('a', 'printing', '2026-11-23T10:00:01.000Z'), step('b', 'done', '2026-11-23T10:00:02.000Z')]
    expect(foldJob(job, [...printed, step('c', 'cancelled', '2026-11-23T10:00:03.000Z')]).status).toBe('done')
    expect(foldJob(job, [step('c', 'cancelled', '2026-11-23T10:00:00.500Z'), ...printed]).status).toBe('cancelled')
  })

  it('is the same whatever order the facts arrive in (as on desks that synced them differently)', () => {
    const steps = [
      step('a', 'printing', '2026-11-23T10:00:01.000Z'),
      step('b', 'failed', '2026-11-23T10:00:02.000Z', { reason: 'paper out' }),
      step('c', 'retry', '2026-11-23T10:00:03.000Z'),
      step('d', 'cancelled', '2026-11-23T10:00:03.000Z'),
      step('e', 'printing', '2026-11-23T10:00:04.000Z', { attempt: 2 }),
      step('f', 'done', '2026-11-23T10:00:05.000Z', { attempt: 2 })
    ]
    const expected = foldJob(job, steps)
    fc.assert(
      fc.property(fc.shuffledSubarray(steps, { minLength: steps.length }), (shuffled) => {
          expect(foldJob(job, shuffled)).toEqual(expected)
        }
      )
    )
  })
})
