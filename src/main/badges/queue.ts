/**
 * The print queue's state, derived from facts: a job (print_jobs) and its
 * steps (print_job_steps), folded in the order of their time and then their
 * id — the same state on every desk that holds the same facts, whatever order
 * they arrived in. Only the job's `print_desk_id` ever prints it.
 */
import type { PrintJobStatus, PrintJobStep } from '../../shared/contract/badges'
import type { Projection } from '../core/changelog'
import type { DerivedTableSpec } from '../core/module'
import type { GuardedSql } from '../core/sql'

/**
 * When a job's next step is stamped: now, but after the job's last step. Steps fold by time, so a
 * step stamped earlier (the clock set back since, or the same millisecond) would lose to the old one.
 */
export function nextStepAt(lastStepAt: string | null | undefined, now = Date.now()): number {
  return Math.max(now, lastStepAt ? Date.parse(lastStepAt) + 1 : 0)
}

export interface JobFact {
  id: string
  event_id: string
  attendee_id: string
  print_desk_id: string
  printer_id: string
  at: string
}

export interface StepFact {
  id: string
  step: PrintJobStep
  at: string
  attempt: number
  reason: string | null
  retry_at: string | null
}

export interface JobState {
  status: PrintJobStatus
  attempts: number
  reason: string | null
  retryAt: string | null
  updatedAt: string
}

/**
 * queued → printing → done | failed; failed → printing again (the desk's
 * retry, when it set `retry_at`) or queued (a person's retry); cancelled from
 * anything but done. A step that does not fit the state is ignored (a cancel
 * that reaches the printing desk after it printed, a second `done`).
 */
export function foldJob(job: Pick<JobFact, 'at'>, steps: readonly StepFact[]): JobState {
  const state: JobState = { status: 'queued', attempts: 0, reason: null, retryAt: null, updatedAt: job.at }
  const ordered = [...steps].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (const s of ordered) {
    const from = state.status
    let next: PrintJobStatus | null = null
    if (s.step === 'printing' && (from === 'queued' || from === 'failed')) next = 'printing'
    else if (s.step === 'done' && from === 'printing') next = 'done'
    else if (s.step === 'failed' && from === 'printing') next = 'failed'
    else if (s.step === 'cancelled' && from !== 'done' && from !== 'cancelled') next = 'cancelled'
    else if (s.step === 'retry' && (from === 'failed' || from === 'cancelled')) next = 'queued'
    if (!next) continue
    state.status = next
    state.updatedAt = s.at
    if (next === 'printing') state.attempts = Math.max(state.attempts, s.attempt)
    state.reason = next === 'failed' ? s.reason : next === 'printing' || next === 'queued' ? null : state.reason
    state.retryAt = next === 'failed' ? s.retry_at : null
  }
  return state
}

const UPSERT = `INSERT INTO print_job_state (job_id, event_id, attendee_id, print_desk_id, printer_id, status, attempts, reason, retry_at, queued_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (job_id) DO UPDATE SET status = excluded.status, attempts = excluded.attempts, reason = excluded.reason,
    retry_at = excluded.retry_at, updated_at = excluded.updated_at`

function refresher(sql: GuardedSql): (jobId: string) => void {
  const job = sql.prepare('SELECT id, event_id, attendee_id, print_desk_id, printer_id, at FROM print_jobs WHERE id = ?')
  const steps = sql.prepare('SELECT id, step, at, attempt, reason, retry_at FROM print_job_steps WHERE job_id = ?')
  const upsert = sql.prepare(UPSERT)
  return (jobId) => {
    // A step merged before its job (sync delivers in any order): the job's arrival settles it.
    const j = job.get(jobId) as JobFact | undefined
    if (!j) return
    const s = foldJob(j, steps.all(jobId) as StepFact[])
    upsert.run(j.id, j.event_id, j.attendee_id, j.print_desk_id, j.printer_id, s.status, s.attempts, s.reason, s.retryAt, j.at, s.updatedAt)
  }
}

export const followJobs = (sql: GuardedSql): Projection => {
  const refresh = refresher(sql)
  return ({ rowId }) => refresh(rowId)
}

export const followSteps = (sql: GuardedSql): Projection => {
  const refresh = refresher(sql)
  const jobOf = sql.prepare('SELECT job_id FROM print_job_steps WHERE id = ?')
  return ({ rowId, inserted }) => {
    const jobId = (inserted?.values.job_id as string | undefined) ?? (jobOf.get(rowId) as { job_id: string } | undefined)?.job_id
    if (jobId) refresh(jobId)
  }
}

export const printJobStateTable: DerivedTableSpec = {
  name: 'print_job_state',
  rebuild(sql) {
    sql.run('DELETE FROM print_job_state')
    const refresh = refresher(sql)
    for (const { id } of sql.all<{ id: string }>('SELECT id FROM print_jobs')) refresh(id)
  }
}
