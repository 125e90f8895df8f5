// Second step of an attendee import: turn table rows into clean ImportRows
// plus a list of per-line issues. Errors keep a row out; warnings say what was
// done to let the person in anyway (a person missing at the door is worse
// than a bad e-mail). Pure functions over a ParsedTable; no database.
import {
  IMPORT_FIELDS,
  type ColumnMapping,
  type ImportField,
  type ImportStatusCategory,
  type RowIssue
} from '../../shared/contract/attendees'
import { cleanLine, cleanLines, hasHiddenCharacters, hasVisibleText } from '../../shared/clean'
import { isEmailAddress, normaliseEmail } from '../../shared/email'
import { LANGUAGES, LIMITS, type Language } from '../../shared/fields'
import type { ParsedTable } from '../tabular/parse'
import { classifyStatus, normaliseLanguage, parseFlag, splitFullName } from './import-values'

export interface ImportRow {
  /** 1-based row number as a spreadsheet shows it (header = 1). */
  line: number
  firstName: string
  lastName: string
  /** A valid address (the attendee's, else the order's), normalised. */
  email: string | null
  /** What the file gave as the e-mail when it is no address: kept for the organizer to fix. */
  invalidEmail: string | null
  company: string | null
  jobTitle: string | null
  phone: string | null
  ticketType: string | null
  /** The other system's barcode, secret or order code. */
  code: string | null
  status: Exclude<ImportStatusCategory, 'unknown'>
  /** The status as the file wrote it ('' without a status column). */
  statusValue: string
  attention: boolean
  doorNote: string | null
  preferredLanguage: Language | null
  notes: string | null
}

// Must not be looser than shared/contract/attendees.ts (attendeeFields): a row that passes
// here must not fail when the core service validates it again.
const PHONE_MAX = 40
const FIELD_MAX: Readonly<Record<ImportField, number>> = {
  firstName: LIMITS.name,
  lastName: LIMITS.name,
  fullName: LIMITS.name, // so that neither half of a split can exceed its own limit
  email: LIMITS.text,
  buyerEmail: LIMITS.text,
  company: LIMITS.text,
  jobTitle: LIMITS.text,
  phone: PHONE_MAX,
  ticketType: LIMITS.text,
  code: LIMITS.text,
  status: LIMITS.text,
  attention: LIMITS.text,
  accommodations: LIMITS.notes,
  comment: LIMITS.notes,
  preferredLanguage: LIMITS.text,
  notes: LIMITS.notes
}

const FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  firstName: 'first name',
  lastName: 'last name',
  fullName: 'name',
  email: 'e-mail',
  buyerEmail: 'order e-mail',
  company: 'company',
  jobTitle: 'job title',
  phone: 'phone',
  ticketType: 'ticket type',
  code: 'code',
  status: 'status',
  attention: 'attention flag',
  accommodations: 'special needs',
  comment: 'comment',
  preferredLanguage: 'language',
  notes: 'notes'
}

// Printable ASCII without doubled or edge spaces (cells arrive trimmed): nothing to clean.
const SIMPLE_CELL = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/

// Fields whose text keeps its line breaks.
const MULTILINE: ReadonlySet<ImportField> = new Set(['accommodations', 'comment', 'notes'])

// Quoted values in messages: short, and without line breaks or bidi controls
// that would scramble the issue list.
function preview(value: string, max = 40): string {
  const flat = cleanLine(value)
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

/**
 * Maps and checks every row. Rows with an error are left out of `rows`; rows
 * with only warnings are in it. Each problem is reported once per field in
 * `issues`, in file order. Mapping entries outside the table are unmapped.
 * When first/last name columns are mapped they are used; a row where both are
 * empty falls back to splitting the fullName column, if one is mapped.
 */
/**
 * The line a row of the table has in the file, as a spreadsheet numbers its
 * rows (header = 1, blank rows counted): what issues name and what the
 * preview shows beside each sample row (ImportUploadResult.sampleLines).
 */
export function lineOf(table: ParsedTable, index: number): number {
  return table.lineNumbers?.[index] ?? index + 2
}

export function mapRows(table: ParsedTable, mapping: ColumnMapping): { rows: ImportRow[]; issues: RowIssue[] } {
  const checker = new RowChecker(table.headers, resolveColumns(table, mapping))
  const rows: ImportRow[] = []
  const issues: RowIssue[] = []
  table.rows.forEach((cells, index) => {
    const row = checker.check(cells, lineOf(table, index))
    if (checker.issues.length > 0) issues.push(...checker.issues)
    if (!checker.issues.some((i) => i.severity === 'error')) rows.push(row)
  })
  return { rows, issues }
}

type OptionalTextField = 'company' | 'jobTitle' | 'phone' | 'ticketType' | 'code' | 'accommodations' | 'comment' | 'notes'

/** Checks one row at a time; remembers ticket codes and e-mails across rows for the duplicate check. */
class RowChecker {
  /** Issues of the row last passed to check(). */
  issues: RowIssue[] = []
  private readonly firstLineOfCode = new Map<string, number>()
  private readonly firstLineOfEmail = new Map<string, number>()
  private cells: string[] = []
  private line = 0

  constructor(
    private readonly headers: string[],
    private readonly columns: ColumnMapping
  ) {}

  check(cells: string[], line: number): ImportRow {
    this.cells = cells
    this.line = line
    this.issues = []
    const { firstName, lastName } = this.names()
    const { email, invalidEmail } = this.email()
    const code = this.optional('code')
    this.duplicate(code, email)
    const { status, statusValue } = this.status()
    const pending = status === 'pending'
    // A pending registration (unpaid, waitlisted) is let in only after a look: the door sees why.
    const pendingNote = pending && statusValue !== '' ? `${this.columnName('status')}: ${statusValue}` : null
    const doorNote = [pendingNote, this.optional('accommodations'), this.optional('comment')].filter((v) => v !== null).join('\n')
    return {
      line,
      firstName,
      lastName,
      email,
      invalidEmail,
      company: this.optional('company'),
      jobTitle: this.optional('jobTitle'),
      phone: this.optional('phone'),
      ticketType: this.optional('ticketType'),
      code,
      status: status === 'unknown' ? 'registered' : status,
      statusValue,
      attention: pending || parseFlag(this.value('attention')),
      doorNote: doorNote === '' ? null : doorNote.slice(0, LIMITS.notes),
      preferredLanguage: this.language(),
      notes: this.optional('notes')
    }
  }

  private names(): { firstName: string; lastName: string } {
    let invisible = false
    const part = (field: 'firstName' | 'lastName'): string => {
      const text = this.value(field)
      if (this.tooLong(field, text)) return text
      if (text !== '' && !hasVisibleText(text)) {
        invisible = true
        return ''
      }
      return text
    }
    let firstName = part('firstName')
    let lastName = part('lastName')
    if (firstName === '' && lastName === '' && this.columns.fullName !== undefined) {
      const full = this.value('fullName')
      if (this.tooLong('fullName', full)) return { firstName, lastName }
      if (hasVisibleText(full)) ({ firstName, lastName } = splitFullName(full))
      else if (full !== '') invisible = true
    }
    const missing = firstName === '' && lastName === ''
    if (invisible) {
      this.report(null, 'invisible_name', missing ? 'error' : 'warning', 'the name has only invisible characters.')
    } else if (missing && !this.issues.some((i) => i.severity === 'error')) {
      this.report(null, 'missing_name', 'error', 'a first name or a last name is required.')
    }
    return { firstName, lastName }
  }

  /** The attendee's e-mail, else the order's; a value that is no address is kept apart, with a warning. */
  private email(): { email: string | null; invalidEmail: string | null } {
    let field: 'email' | 'buyerEmail' = 'email'
    let raw = this.value('email').replace(/^mailto:/i, '')
    if (raw === '' && this.columns.buyerEmail !== undefined) {
      field = 'buyerEmail'
      raw = this.value('buyerEmail').replace(/^mailto:/i, '')
    }
    if (raw === '' || this.tooLong(field, raw)) return { email: null, invalidEmail: null }
    const email = normaliseEmail(raw)
    if (isEmailAddress(email)) return { email, invalidEmail: null }
    this.report(
      field,
      'invalid_email',
      'warning',
      `"${preview(raw)}" in the ${this.where(field)} is not a valid e-mail address; the person is imported and the value kept for you to fix.`,
      { value: preview(raw), column: this.columnName(field) }
    )
    return { email: null, invalidEmail: raw }
  }

  /** Two rows for one ticket code, or (without codes) for one e-mail, are one person listed twice. */
  private duplicate(code: string | null, email: string | null): void {
    const key = code ?? email
    if (key === null) return
    const seen = code !== null ? this.firstLineOfCode : this.firstLineOfEmail
    const firstLine = seen.get(key)
    if (firstLine === undefined) {
      seen.set(key, this.line)
    } else if (code !== null) {
      this.report('code', 'duplicate_code_in_file', 'error', `the code ${preview(code)} is already used on line ${firstLine}.`, {
        value: preview(code),
        firstLine
      })
    } else {
      this.report('email', 'duplicate_in_file', 'error', `the e-mail address ${preview(email!)} is already used on line ${firstLine}.`, {
        value: preview(email!),
        firstLine
      })
    }
  }

  private status(): { status: ImportStatusCategory; statusValue: string } {
    const statusValue = this.value('status')
    if (statusValue === '' || this.tooLong('status', statusValue)) return { status: 'registered', statusValue: '' }
    const status = classifyStatus(statusValue)
    if (status === 'unknown') {
      this.report(
        'status',
        'unknown_status',
        'warning',
        `the status "${preview(statusValue)}" in the ${this.where('status')} is not one we know; the person is imported as registered.`,
        { value: preview(statusValue), column: this.columnName('status') }
      )
    }
    return { status, statusValue }
  }

  private language(): Language | null {
    const raw = this.value('preferredLanguage')
    if (raw === '' || this.tooLong('preferredLanguage', raw)) return null
    const language = normaliseLanguage(raw)
    if (language === null) {
      this.report(
        'preferredLanguage',
        'invalid_language',
        'warning',
        `"${preview(raw)}" in the ${this.where('preferredLanguage')} is not a supported language; ` +
          `use one of ${LANGUAGES.join(', ')}. The person is imported without a language.`,
        { value: preview(raw), column: this.columnName('preferredLanguage') }
      )
    }
    return language
  }

  private optional(field: OptionalTextField): string | null {
    const text = this.value(field)
    if (text === '') return null
    this.tooLong(field, text)
    return text
  }

  /** The cleaned cell of a field; a warning when cleaning removed hidden or control characters. */
  private value(field: ImportField): string {
    const column = this.columns[field]
    if (column === undefined) return ''
    const raw = this.cells[column] ?? ''
    if (raw === '') return ''
    if (SIMPLE_CELL.test(raw)) return raw
    if (hasHiddenCharacters(raw)) {
      this.report(field, 'cleaned', 'warning', `control or invisible characters were removed from the ${this.where(field)}.`, {
        column: this.columnName(field)
      })
    }
    return MULTILINE.has(field) ? cleanLines(raw) : cleanLine(raw)
  }

  private tooLong(field: ImportField, text: string): boolean {
    const max = FIELD_MAX[field]
    if (text.length <= max) return false
    this.report(field, 'too_long', 'error', `the ${this.where(field)} is too long (${text.length} characters; at most ${max} are allowed).`, {
      column: this.columnName(field),
      length: text.length,
      max
    })
    return true
  }

  /** "e-mail (column "E-Mail-Adresse")": the field and the column the user knows it by. */
  private where(field: ImportField): string {
    return `${FIELD_LABELS[field]} (column "${this.columnName(field)}")`
  }

  private columnName(field: ImportField): string {
    const column = this.columns[field]
    return preview(column === undefined ? '' : (this.headers[column] ?? ''))
  }

  private report(
    field: ImportField | null,
    code: RowIssue['code'],
    severity: RowIssue['severity'],
    text: string,
    params?: RowIssue['params']
  ): void {
    // A field read twice (e.g. for the door note and a check) reports once.
    if (this.issues.some((i) => i.field === field && i.code === code)) return
    this.issues.push({ line: this.line, field, code, severity, message: `Line ${this.line}: ${text}`, ...(params ? { params } : {}) })
  }
}

function resolveColumns(table: ParsedTable, mapping: ColumnMapping): ColumnMapping {
  const resolved: ColumnMapping = {}
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field]
    if (column !== undefined && Number.isInteger(column) && column >= 0 && column < table.headers.length) {
      resolved[field] = column
    }
  }
  return resolved
}
