/** Attendees: search, lists, edits, walk-up registration, export and import. */
import { z } from 'zod'
import type { attendees } from '../../main/attendees/schema'
import { clientId, FIELD_MESSAGES, id, LANGUAGES, LIMITS, optionalEmail, optionalText, text } from '../fields'
import { STAFF_ROLES } from '../roles'
import type { ChangeEntry } from './audit'
import { method } from './method'

export const ATTENDEE_STATUSES = ['registered', 'cancelled', 'no_show'] as const
export const PAYMENT_METHODS = ['cash', 'card', 'invoice', 'complimentary'] as const
export type AttendeeStatus = (typeof ATTENDEE_STATUSES)[number]
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export const attendeeFields = z.object({
  firstName: text(),
  lastName: text(),
  email: optionalEmail,
  company: optionalText(),
  jobTitle: optionalText(),
  phone: optionalText(40),
  ticketTypeId: id,
  preferredLanguage: z.enum(LANGUAGES).nullish().transform((v) => v ?? null),
  notes: optionalText(LIMITS.notes)
})
const hasName = (a: { firstName: string; lastName: string }) => a.firstName !== '' || a.lastName !== ''
const hasNameMessage = { path: ['lastName'], message: FIELD_MESSAGES.firstOrLastName }
export const attendeeInput = attendeeFields.refine(hasName, hasNameMessage)
export type AttendeeInput = z.infer<typeof attendeeInput>

/** A registration made at the desk: the person, their ticket type and how they paid. */
export const registrationInput = attendeeFields
  .extend({
    id: clientId,
    eventId: id,
    paymentMethod: z.enum(PAYMENT_METHODS),
    amountCents: z.number().int().min(0).max(100_000_000)
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
    status: z.enum(ATTENDEE_STATUSES).optional(),
    ticketTypeId: id.optional(),
    checkedIn: z.boolean().optional()
  })
  .strict()
export type AttendeeFilter = z.infer<typeof attendeeFilter>

export interface ExportFile {
  fileName: string
  mimeType: string
  base64: string
  rows: number
}

// ---- import ----

export const IMPORT_FIELDS = [
  'firstName', 'lastName', 'fullName', 'email', 'company', 'jobTitle', 'phone', 'ticketType', 'code',
  'preferredLanguage', 'notes'
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

/** field → column index in the uploaded table. */
export const columnMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(10_000))
export type ColumnMapping = z.infer<typeof columnMapping>

export interface RowIssue {
  line: number
  field: ImportField | null
  code: 'missing_name' | 'invalid_email' | 'too_long' | 'duplicate_in_file' | 'invalid_language' | 'unknown_ticket_type'
  /** English, for the API; screens translate `code` with `params`. */
  message: string
  params?: Record<string, string | number>
}

export interface ImportUploadResult {
  importId: string
  format: 'csv' | 'xlsx'
  encoding: string
  delimiter: string | null
  headers: string[]
  sample: string[][]
  rowCount: number
  mapping: ColumnMapping
}

export interface ImportCheckResult {
  ready: number
  issueCount: number
  issues: RowIssue[]
  existingDuplicates: number
}

export interface ImportCommitResult {
  created: number
  merged: number
  skipped: number
  rejected: number
}

const MAX_UPLOAD_BASE64 = 120 * 1024 * 1024 // ~90 MB file
const READS_ATTENDEES = ['attendees', 'checkins']

export const attendeesContract = {
  'attendee.search': method<AttendeeRow[]>()({
    input: z.object({ eventId: id, query: z.string().max(500), limit: z.number().int().min(1).max(100).default(25) }).strict(),
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
    input: z.object({ id, fields: attendeeInput }).strict(),
    roles: STAFF_ROLES.desk
  }),
  'attendee.setStatus': method<AttendeeRow>()({
    input: z.object({ id, status: z.enum(ATTENDEE_STATUSES) }).strict(),
    roles: STAFF_ROLES.desk
  }),
  'attendee.history': method<ChangeEntry[]>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.desk, reads: ['changes'] }),
  'attendee.register': method<AttendeeRow>()({ input: registrationInput, roles: STAFF_ROLES.desk }),
  'attendee.export': method<ExportFile>()({
    /** `language`: of the column headers and statuses (English when left out). */
    input: attendeeFilter.extend({ format: z.enum(['xlsx', 'csv']), language: z.enum(LANGUAGES).optional() }),
    roles: STAFF_ROLES.desk
  }),

  'import.upload': method<ImportUploadResult>()({
    input: z
      .object({
        eventId: id,
        fileName: z.string().min(1).max(255),
        base64: z.string().min(1, FIELD_MESSAGES.fileEmpty).max(MAX_UPLOAD_BASE64, FIELD_MESSAGES.fileTooLarge)
      })
      .strict(),
    roles: STAFF_ROLES.organizer
  }),
  'import.check': method<ImportCheckResult>()({
    input: z.object({ importId: id, mapping: columnMapping, defaultTicketTypeId: id }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'import.progress': method<{ done: number; total: number }>()({
    input: z.object({ importId: id }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'import.commit': method<ImportCommitResult>()({
    input: z
      .object({
        importId: id,
        mapping: columnMapping,
        defaultTicketTypeId: id,
        duplicates: z.enum(['skip', 'merge'])
      })
      .strict(),
    roles: STAFF_ROLES.organizer
  })
}
