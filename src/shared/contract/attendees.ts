/** Attendees: search, lists, edits, walk-up registration, export and import. */
import { z } from 'zod'
import type { attendees } from '../../main/attendees/schema'
import { clientId, FIELD_MESSAGES, id, LANGUAGES, LIMITS, optionalEmail, optionalLine, optionalLines, personName } from '../fields'
import { STAFF_ROLES } from '../roles'
import type { ChangeEntry } from './audit'
import { method } from './method'

/** The statuses a desk sets; 'merged' is set only by merging two registrations of one person. */
export const ATTENDEE_STATUSES = ['registered', 'cancelled', 'no_show'] as const
export const ATTENDEE_RECORD_STATUSES = [...ATTENDEE_STATUSES, 'merged'] as const
export const PAYMENT_METHODS = ['cash', 'card', 'invoice', 'complimentary'] as const
export type AttendeeStatus = (typeof ATTENDEE_RECORD_STATUSES)[number]
export type SettableAttendeeStatus = (typeof ATTENDEE_STATUSES)[number]
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export const attendeeFields = z.object({
  firstName: personName(),
  lastName: personName(),
  email: optionalEmail,
  company: optionalLine(),
  jobTitle: optionalLine(),
  phone: optionalLine(40),
  ticketTypeId: id,
  preferredLanguage: z.enum(LANGUAGES).nullish().transform((v) => v ?? null),
  notes: optionalLines(LIMITS.notes),
  // Left out, they stay as they are (an edit from a form that does not show them keeps them).
  attention: z.boolean().optional(),
  doorNote: optionalLines(LIMITS.notes).optional()
})
const hasName = (a: { firstName: string; lastName: string }) => a.firstName !== '' || a.lastName !== ''
const hasNameMessage = { path: ['lastName'], message: FIELD_MESSAGES.firstOrLastName }
export const attendeeInput = attendeeFields.refine(hasName, hasNameMessage)
export type AttendeeInput = z.infer<typeof attendeeInput>

/**
 * Going past a ticket type's capacity: refused with `ticketTypeFull` unless an
 * organizer confirms it with this flag (other roles may not send it).
 */
const allowOverCapacity = z.boolean().optional()

/** A registration made at the desk: the person, their ticket type and how they paid. */
export const registrationInput = attendeeFields
  .extend({
    id: clientId,
    eventId: id,
    paymentMethod: z.enum(PAYMENT_METHODS),
    amountCents: z.number().int().min(0).max(100_000_000),
    /** Why the amount is not the ticket type's price: a walk-up at another price must say (checkin.walkUp). */
    priceReason: optionalLine().optional(),
    allowOverCapacity
  })
  .strict()
  .refine(hasName, hasNameMessage)
export type RegistrationInput = z.infer<typeof registrationInput>

type AttendeeRecord = typeof attendees.$inferSelect
/** An attendee as every screen sees them: the stored row plus when they came in (null while not in). */
export type AttendeeRow = Omit<AttendeeRecord, 'seq' | 'source'> & { checkedInAt: string | null }

export const attendeeFilter = z
  .object({
    eventId: id,
    query: z.string().max(500).optional(),
    status: z.enum(ATTENDEE_RECORD_STATUSES).optional(),
    ticketTypeId: id.optional(),
    checkedIn: z.boolean().optional(),
    /** People whose file gave an e-mail that is no address (kept in `invalidEmail` for the organizer to fix). */
    invalidEmail: z.boolean().optional(),
    /** People flagged for the door's attention. */
    attention: z.boolean().optional()
  })
  .strict()
export type AttendeeFilter = z.infer<typeof attendeeFilter>

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const

export interface ExportFile {
  fileName: string
  mimeType: string
  base64: string
  rows: number
}

// ---- import ----

export const IMPORT_FIELDS = [
  'firstName', 'lastName', 'fullName', 'email', 'buyerEmail', 'company', 'jobTitle', 'phone', 'ticketType', 'code',
  'status', 'attention', 'accommodations', 'comment', 'preferredLanguage', 'notes'
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

/** field → column index in the uploaded table. */
export const columnMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(10_000))
export type ColumnMapping = z.infer<typeof columnMapping>

export const ROW_ISSUE_CODES = [
  'missing_name', 'invisible_name', 'invalid_email', 'too_long', 'duplicate_in_file', 'duplicate_code_in_file',
  'invalid_language', 'unknown_ticket_type', 'no_ticket_type', 'unknown_status', 'cleaned'
] as const

export interface RowIssue {
  /** The row's line in the file as a spreadsheet numbers it (header = 1); see ImportUploadResult.sampleLines. */
  line: number
  field: ImportField | null
  code: (typeof ROW_ISSUE_CODES)[number]
  /** An error keeps the row out of the import; a warning imports it as the message says. */
  severity: 'error' | 'warning'
  /** English, for the API; screens translate `code` with `params`. */
  message: string
  params?: Record<string, string | number>
}

/**
 * What a status value of the other system means here. Registered rows are
 * imported as registered; cancelled ones (Refunded, Cancelled, Not attending,
 * expired, Declined) as cancelled, so a scan of their old ticket says
 * "cancelled", or skipped; pending ones (unpaid, Waitlisted, Pending approval)
 * as registered with the door's attention flag and the status in the door
 * note, or skipped. Values we do not know are imported as registered, with a warning.
 */
export const IMPORT_STATUS_CATEGORIES = ['registered', 'cancelled', 'pending', 'unknown'] as const
export type ImportStatusCategory = (typeof IMPORT_STATUS_CATEGORIES)[number]

/** A ticket type as the file names it, and what the event has for it. */
export interface FileTicketType {
  /** As written in the file (trimmed); '' for rows without one, which get the default ticket type. */
  value: string
  rows: number
  /** The event's ticket type with this name or code, or null when the event lacks it. */
  matchId: string | null
  /** What creating it would make (code derived from the name, unique in the event). */
  suggested: { name: string; code: string }
}

export interface FileStatus {
  value: string
  category: ImportStatusCategory
  rows: number
}

/** A ticket type the import would take past its capacity. */
export interface OverCapacity {
  ticketTypeId: string
  name: string
  capacity: number
  /** Registrations it holds now (not cancelled). */
  registered: number
  /** Registrations the import would add to it. */
  adding: number
}

export interface ImportUploadResult {
  importId: string
  format: 'csv' | 'xlsx'
  encoding: string
  delimiter: string | null
  /** The worksheet read (the one that holds the attendees), and every worksheet of the workbook. */
  sheet: string | null
  sheets: string[]
  headers: string[]
  sample: string[][]
  /**
   * The file line of each sample row (header = 1, blank rows counted, as a
   * spreadsheet numbers its rows): the numbers RowIssue.line uses. Show these
   * beside the sample rows, not 1, 2, 3…
   */
  sampleLines: number[]
  rowCount: number
  mapping: ColumnMapping
  /** For the guessed mapping: the ticket types and statuses the file names. */
  ticketTypes: FileTicketType[]
  statuses: FileStatus[]
}

export interface ImportCheckResult {
  /** Rows that will be imported (errors and rows skipped by status left out). */
  ready: number
  /** Rows kept out by an error. */
  issueCount: number
  /** Rows imported with a warning (e.g. an e-mail that is no address, kept for the organizer to fix). */
  warningCount: number
  /** Errors and warnings in file order, the first 500. */
  issues: RowIssue[]
  existingDuplicates: number
  /** Rows the status plan skips. */
  skippedByStatus: number
  ticketTypes: FileTicketType[]
  statuses: FileStatus[]
  overCapacity: OverCapacity[]
}

export interface ImportCommitResult {
  created: number
  merged: number
  skipped: number
  rejected: number
  skippedByStatus: number
  warnings: number
  createdTicketTypes: { id: string; name: string; code: string }[]
}

/** For each ticket type the file names: make it, or take an existing one of the event for it. */
export const ticketTypePlan = z.discriminatedUnion('action', [
  z.object({ value: z.string().max(LIMITS.text), action: z.literal('map'), ticketTypeId: id }).strict(),
  z
    .object({
      value: z.string().max(LIMITS.text),
      action: z.literal('create'),
      /** Defaults to the value as the file writes it. */
      name: personName().optional()
    })
    .strict()
])
export type TicketTypePlan = z.infer<typeof ticketTypePlan>

export const statusPlan = z
  .object({
    cancelled: z.enum(['cancel', 'skip']).default('cancel'),
    pending: z.enum(['register', 'skip']).default('register')
  })
  .strict()
export type StatusPlan = z.infer<typeof statusPlan>

const importPlan = {
  importId: id,
  mapping: columnMapping,
  /** For rows without a ticket type; without one, such rows are refused. */
  defaultTicketTypeId: id.optional(),
  ticketTypes: z.array(ticketTypePlan).max(1000).default([]),
  statuses: statusPlan.prefault({})
}

const MAX_UPLOAD_BASE64 = 120 * 1024 * 1024 // ~90 MB file
const READS_ATTENDEES = ['attendees', 'checkins']

export const attendeesContract = {
  'attendee.search': method<AttendeeRow[]>()({
    input: z.object({ eventId: id, query: z.string().max(500), limit: z.number().int().min(1).max(100).default(25) }).strict(),
    roles: STAFF_ROLES.desk,
    reads: READS_ATTENDEES
  }),
  /** How many people a desk search matches, counted up to `cap` (past it the answer is cap + 1): "and 40 more". */
  'attendee.searchCount': method<number>()({
    input: z.object({ eventId: id, query: z.string().max(500), cap: z.number().int().min(1).max(10_000).default(1000) }).strict(),
    roles: STAFF_ROLES.desk,
    reads: READS_ATTENDEES
  }),
  'attendee.list': method<{ total: number; rows: AttendeeRow[] }>()({
    input: attendeeFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200)
    }),
    roles: STAFF_ROLES.desk,
    reads: READS_ATTENDEES
  }),
  'attendee.get': method<AttendeeRow>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.desk, reads: READS_ATTENDEES }),
  'attendee.update': method<AttendeeRow>()({
    input: z
      .object({
        id,
        fields: attendeeFields
          .extend({
            /**
             * null drops the unusable e-mail a file gave (saving a valid e-mail drops it too);
             * any other value leaves it as it is (it is only ever set by an import).
             */
            invalidEmail: z.string().max(LIMITS.notes).nullish()
          })
          .refine(hasName, hasNameMessage),
        allowOverCapacity
      })
      .strict(),
    roles: STAFF_ROLES.desk
  }),
  'attendee.setStatus': method<AttendeeRow>()({
    input: z.object({ id, status: z.enum(ATTENDEE_STATUSES), allowOverCapacity }).strict(),
    roles: STAFF_ROLES.desk
  }),
  'attendee.history': method<ChangeEntry[]>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.desk, reads: ['changes'] }),
  'attendee.register': method<AttendeeRow>()({ input: registrationInput, roles: STAFF_ROLES.desk }),
  /** Everyone's personal data in one file: organizers only, and every export is an audited fact. */
  'attendee.export': method<ExportFile>()({
    // delimiter: CSV only; ';' where the user's locale has a decimal comma (Excel expects it there).
    // language: of the column headers and values (English when left out).
    input: attendeeFilter.extend({
      format: z.enum(EXPORT_FORMATS),
      delimiter: z.enum([',', ';']).optional(),
      language: z.enum(LANGUAGES).optional()
    }),
    roles: STAFF_ROLES.organizer
  }),

  'import.upload': method<ImportUploadResult>()({
    input: z
      .object({
        eventId: id,
        fileName: z.string().min(1).max(255),
        base64: z.string().min(1, FIELD_MESSAGES.fileEmpty).max(MAX_UPLOAD_BASE64, FIELD_MESSAGES.fileTooLarge),
        /** A workbook's sheet to read instead of the one picked (it names `sheets` in its answer). */
        sheet: z.string().max(100).optional()
      })
      .strict(),
    roles: STAFF_ROLES.organizer,
    // The file plus its name and the JSON around it.
    maxBytes: MAX_UPLOAD_BASE64 + 64 * 1024
  }),
  'import.check': method<ImportCheckResult>()({
    input: z.object(importPlan).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'import.progress': method<{ done: number; total: number }>()({
    input: z.object({ importId: id }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'import.commit': method<ImportCommitResult>()({
    input: z
      .object({
        ...importPlan,
        duplicates: z.enum(['skip', 'merge']),
        /** Confirms taking ticket types past their capacity (the check lists them in `overCapacity`). */
        allowOverCapacity
      })
      .strict(),
    roles: STAFF_ROLES.organizer
  })
}
