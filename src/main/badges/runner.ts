/**
 * The print runner of one desk: prints the queue's jobs whose `print_desk_id`
 * is this desk, one at a time, oldest first. Each attempt is written down
 * before and after it (steps are facts, so the whole fleet sees the state):
 * `printing`, then `done`, or `failed` with the reason — with `retry_at` when
 * the printer never got a byte (it is off, unplugged, out of reach: tried
 * again after 2, 4, 8 … 60 s), without it when it may have printed (a person
 * decides). A job found `printing` at start-up was cut off by a crash and may
 * have printed: it is marked failed for a person to retry, never resent blindly.
 */
import type { Core } from '../core/core'
import { newId } from '../core/ids'
import type { Desk } from '../core/module'
import { GuardedSql } from '../core/sql'
import { layoutBadge } from './layout'
import { getPrinter, jobBytes, send } from './printers'
import { nextStepAt } from './queue'
import { printJobSteps } from './schema'
import { badgeData, templateById } from './templates'
import type { PrintJobStep } from '../../shared/contract/badges'

const MAX_BACKOFF_MS = 60_000
export const backoffMs = (attempt: number) => Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** Math.max(0, attempt - 1))

interface DueJob {
  jobId: string
  eventId: string
  attendeeId: string
  templateId: string
  printerId: string
  attempts: number
}

export interface RunnerOptions {
  /** First retry delay; tests shorten it. */
  backoff?: (attempt: number) => number
}

export class PrintRunner {
  private readonly read: GuardedSql
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private again = false
  private closed = false
  private readonly unsubscribe: () => void
  private readonly backoff: (attempt: number) => number

  constructor(
    private readonly core: Core,
    options: RunnerOptions = {}
  ) {
    this.read = new GuardedSql(core.sqlite)
    this.backoff = options.backoff ?? backoffMs
    this.unsubscribe = core.onChanged((e) => {
      if (e.tables.includes('print_jobs') || e.tables.includes('print_job_steps')) this.kick()
    })
  }

  async start(): Promise<void> {
    const cut = this.read.all<{ jobId: string; eventId: string; attempts: number }>(
      `SELECT job_id AS jobId, event_id AS eventId, attempts FROM print_job_state WHERE print_desk_id = ? AND status = 'printing'`,
      this.core.id
    )
    for (const j of cut) await this.step(j.jobId, j.eventId, 'failed', j.attempts, 'interrupted while printing (the desk stopped): it may have printed', null)
    this.kick()
  }

  /** Looks at the queue now (a job was queued, retried, or a retry is due). */
  kick(): void {
    if (this.closed) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.drain().finally(() => {
      this.running = null
      if (this.again) {
        this.again = false
        this.kick()
      }
    })
  }

  /** Resolves when the runner has nothing left to do right now (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  close(): void {
    this.closed = true
    this.unsubscribe()
    if (this.timer) clearTimeout(this.timer)
  }

  private due(now: string): DueJob | undefined {
    return this.read.get<DueJob>(
      `SELECT s.job_id AS jobId, s.event_id AS eventId, s.attendee_id AS attendeeId, j.template_id AS templateId, s.printer_id AS printerId, s.attempts
       FROM print_job_state s JOIN print_jobs j ON j.id = s.job_id
       WHERE s.print_desk_id = ? AND (s.status = 'queued' OR (s.status = 'failed' AND s.retry_at IS NOT NULL AND s.retry_at <= ?))
       ORDER BY s.queued_at, s.job_id LIMIT 1`,
      this.core.id,
      now
    )
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return
      const job = this.due(new Date().toISOString())
      if (!job) break
      await this.print(job)
    }
    this.scheduleNextRetry()
  }

  private scheduleNextRetry(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const next = this.read.get<{ at: string }>(
      `SELECT min(retry_at) AS at FROM print_job_state WHERE print_desk_id = ? AND status = 'failed' AND retry_at IS NOT NULL`,
      this.core.id
    )?.at
    if (!next || this.closed) return
    this.timer = setTimeout(() => this.kick(), Math.max(0, Date.parse(next) - Date.now()) + 5)
    this.timer.unref()
  }

  private async print(job: DueJob): Promise<void> {
    const attempt = job.attempts + 1
    await this.step(job.jobId, job.eventId, 'printing', attempt, null, null)
    let reason: string
    let retry = false
    try {
      const printer = getPrinter(this.read, job.printerId)
      const data = badgeData(this.read, job.attendeeId)
      const bytes = await jobBytes(printer, layoutBadge(templateById(this.read, job.templateId), data))
      const sent = await send(printer, bytes, `Badge ${data.code}`)
      if (sent.ok) {
        await this.step(job.jobId, job.eventId, 'done', attempt, null, null)
        return
      }
      reason = sent.reason
      retry = !sent.maybePrinted
    } catch (err) {
      // The printer was removed, the template broken, the attendee deleted: a person must look.
      reason = err instanceof Error ? err.message : String(err)
    }
    const retryAt = retry ? new Date(Date.now() + this.backoff(attempt)).toISOString() : null
    await this.step(job.jobId, job.eventId, 'failed', attempt, reason, retryAt)
  }

  private step(jobId: string, eventId: string, step: PrintJobStep, attempt: number, reason: string | null, retryAt: string | null): Promise<void> {
    // Read in the write: the job's last step as committed, its own `printing` included (the projection runs with each write).
    return this.core.transact('print.run', ({ read, write }) => {
      const last = read.get<{ updatedAt: string }>('SELECT updated_at AS updatedAt FROM print_job_state WHERE job_id = ?', jobId)
      const at = new Date(nextStepAt(last?.updatedAt)).toISOString()
      write.insert(printJobSteps, { id: newId(), jobId, eventId, step, at, deskId: this.core.id, staffId: null, attempt, reason, retryAt })
    })
  }
}

const runners = new WeakMap<Desk, PrintRunner>()

/** Starts printing this desk's queue (station and Electron main, like backups and sync). */
export async function startPrinting(core: Core, options: RunnerOptions = {}): Promise<PrintRunner> {
  runners.get(core)?.close()
  const runner = new PrintRunner(core, options)
  runners.set(core, runner)
  await runner.start()
  return runner
}
