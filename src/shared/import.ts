import { z } from 'zod'

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
