/** Reads of the print queue other domains may use (the attendee panel: how many badges, the last job). */
import type { PrintJobStatus, PrintJobView } from '../../shared/contract/badges'
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'

const JOB_VIEW = `SELECT s.job_id AS id, s.event_id AS eventId, s.attendee_id AS attendeeId,
    trim(a.first_name || ' ' || a.last_name) AS attendeeName, a.code AS attendeeCode,
    s.print_desk_id AS printDeskId, s.printer_id AS printerId, j.reprint, s.status, s.attempts, s.reason, s.retry_at AS retryAt,
    s.queued_at AS queuedAt, s.updated_at AS updatedAt,
    (SELECT count(*) FROM print_job_state d WHERE d.attendee_id = s.attendee_id AND d.status = 'done') AS printedCount
  FROM print_job_state s JOIN print_jobs j ON j.id = s.job_id LEFT JOIN attendees a ON a.id = s.attendee_id`

const toView = (row: PrintJobView): PrintJobView => ({ ...row, reprint: Boolean(row.reprint), attendeeName: row.attendeeName ?? '', attendeeCode: row.attendeeCode ?? '' })

export function getJob(read: GuardedSql, id: string): PrintJobView {
  const row = read.get<PrintJobView>(`${JOB_VIEW} WHERE s.job_id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such print job', { key: 'printJobNotFound' })
  return toView(row)
}

/** An event's jobs, newest first (at most 500), optionally one attendee's or one status. */
export function listJobs(read: GuardedSql, eventId: string, filter: { attendeeId?: string; status?: PrintJobStatus } = {}): PrintJobView[] {
  return read
    .all<PrintJobView>(
      `${JOB_VIEW} WHERE s.event_id = ? AND (? IS NULL OR s.attendee_id = ?) AND (? IS NULL OR s.status = ?)
       ORDER BY s.queued_at DESC, s.job_id DESC LIMIT 500`,
      eventId,
      filter.attendeeId ?? null,
      filter.attendeeId ?? null,
      filter.status ?? null,
      filter.status ?? null
    )
    .map(toView)
}

/** How many badges were printed for an attendee. */
export function printedCount(read: GuardedSql, attendeeId: string): number {
  return read.get<{ n: number }>(`SELECT count(*) AS n FROM print_job_state WHERE attendee_id = ? AND status = 'done'`, attendeeId)!.n
}
