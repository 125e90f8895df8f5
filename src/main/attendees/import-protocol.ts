/**
 * What the desk's thread and the import worker say to each other: the worker
 * parses uploads, keeps their rows, maps and checks them (it reads the event's
 * attendees on a read-only connection of its own), and hands the checked rows
 * to the commit a chunk at a time. Everything here crosses threads by
 * structured clone.
 */
import type { ColumnMapping, FileStatus, FileTicketType, ImportUploadResult, RowIssue } from '../../shared/contract/attendees'
import type { TicketTypeRow } from '../../shared/contract/events'
import type { CheckedRow, PlanInput } from './import-plan'

export type UploadSummary = Omit<ImportUploadResult, 'importId'>

export interface CheckSummary {
  /** Identifies the checked rows the commit then asks for. */
  planKey: string
  ready: number
  issueCount: number
  warningCount: number
  issues: RowIssue[]
  existingDuplicates: number
  skippedByStatus: number
  ticketTypes: FileTicketType[]
  statuses: FileStatus[]
  /** ticket type id → registrations the import adds to it. */
  adding: [string, number][]
  /** Folded values of the ticket types the plan creates that rows use. */
  creates: string[]
}

export interface ImportRequests {
  parse: {
    in: { importId: string; fileName: string; base64: string; sheet?: string; maxRows?: number; event: TicketTypeRow[] }
    out: UploadSummary
  }
  check: {
    in: {
      importId: string
      eventId: string
      mapping: ColumnMapping
      plan: PlanInput
      event: TicketTypeRow[]
      duplicates: 'skip' | 'merge'
    }
    out: CheckSummary
  }
  rows: { in: { importId: string; planKey: string; offset: number; limit: number }; out: CheckedRow[] }
  drop: { in: { importId: string }; out: null }
  /** Checkpoints the WAL on the worker's own connection while the desk's thread goes on writing. */
  checkpoint: { in: null; out: null }
}

export type ImportRequestType = keyof ImportRequests

export interface RequestMessage<K extends ImportRequestType = ImportRequestType> {
  id: number
  type: K
  body: ImportRequests[K]['in']
}

/** An error as it crosses the thread: enough to throw the same ApiError on the other side. */
export interface SerializedError {
  kind: 'file' | 'api' | 'other'
  code: string
  key?: string
  message: string
  params?: Record<string, string | number>
}

export type ResponseMessage = { id: number; result: unknown } | { id: number; error: SerializedError }
