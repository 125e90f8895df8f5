/** Writes other domains may compose: queueing a badge (print on check-in, the kiosk). */
import type { PrintJobView } from '../../shared/contract/badges'
import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { getJob } from './queries'
import { printJobs } from './schema'
import { badgeData, templateIdFor } from './templates'

export interface QueueBadge {
  id?: string
  attendeeId: string
  /** A printer of this desk; the desk's first when left out. */
  printerId?: string
  deskId: string
  staffId: string | null
}

/** Queues an attendee's badge on a printer of this desk; a retried request finds the job its first attempt made. */
export function queueBadge(read: GuardedSql, write: Writer, q: QueueBadge): PrintJobView {
  if (q.id && read.get('SELECT 1 FROM print_jobs WHERE id = ?', q.id)) return getJob(read, q.id)
  const printerId = q.printerId ?? read.get<{ id: string }>('SELECT id FROM printers ORDER BY created_at, id LIMIT 1')?.id
  if (!printerId || !read.get('SELECT 1 FROM printers WHERE id = ?', printerId)) {
    throw new ApiError('conflict', 'This desk has no printer for badges', { key: 'noPrinter' })
  }
  const data = badgeData(read, q.attendeeId)
  const printedBefore = read.get('SELECT 1 FROM print_jobs WHERE attendee_id = ? LIMIT 1', q.attendeeId) !== undefined
  const id = q.id ?? newId()
  write.insert(printJobs, {
    id,
    eventId: data.eventId,
    attendeeId: q.attendeeId,
    templateId: templateIdFor(read, data.eventId, data.ticketTypeId) ?? '',
    printDeskId: q.deskId,
    printerId,
    reprint: printedBefore,
    at: new Date().toISOString(),
    deskId: q.deskId,
    staffId: q.staffId
  })
  return getJob(read, id)
}
