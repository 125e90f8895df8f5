import { z } from 'zod'
import { ROLES } from './roles'

// Field limits shared by the forms and the API validation.
export const LIMITS = { name: 200, text: 200, notes: 2000, pin: { min: 4, max: 12 } } as const

export const EVENT_TYPES = [
  'conference', 'seminar', 'webinar', 'meeting', 'workshop', 'festival', 'celebration', 'party', 'custom'
] as const
export const EVENT_STATUSES = ['draft', 'published', 'live', 'completed', 'cancelled'] as const
export const ATTENDEE_STATUSES = ['registered', 'cancelled', 'no_show'] as const
export const PAYMENT_METHODS = ['cash', 'card', 'invoice', 'complimentary'] as const
export const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es', 'it', 'pl'] as const
export const CHECKIN_METHODS = ['search', 'code', 'walkup', 'scan'] as const

export type EventType = (typeof EVENT_TYPES)[number]
export type EventStatus = (typeof EVENT_STATUSES)[number]
export type AttendeeStatus = (typeof ATTENDEE_STATUSES)[number]
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]
export type Language = (typeof LANGUAGES)[number]
export type CheckinMethod = (typeof CHECKIN_METHODS)[number]

/**
 * Validation messages: English for the API, keyed so the renderer shows them in
 * the operator's language (core/core.ts maps a message back to its key).
 */
export const FIELD_MESSAGES = {
  nameRequired: 'Name is required',
  codeRequired: 'Code is required',
  firstOrLastName: 'Enter a first or last name',
  email: 'Enter a valid e-mail address',
  dateFormat: 'Use the date format YYYY-MM-DD',
  endBeforeStart: 'The end date is before the start date',
  timeZone: 'Unknown time zone',
  colour: 'Use a colour like #1e88e5',
  currency: 'Use a 3-letter currency code like EUR',
  codeChars: 'Letters, digits, - and _ only',
  pinDigits: 'The PIN is digits only',
  pinTooShort: `At least ${LIMITS.pin.min} digits`,
  pinTooLong: `At most ${LIMITS.pin.max} digits`,
  fileEmpty: 'The file is empty',
  fileTooLarge: 'The file is too large'
} as const
export type FieldMessageKey = keyof typeof FIELD_MESSAGES
/** Numbers a translated message needs. */
export const FIELD_MESSAGE_PARAMS: Partial<Record<FieldMessageKey, Record<string, number>>> = {
  pinTooShort: { min: LIMITS.pin.min },
  pinTooLong: { max: LIMITS.pin.max }
}
const M = FIELD_MESSAGES

export const id = z.string().min(1).max(64)
const text = (max: number = LIMITS.text) => z.string().trim().max(max)
const optionalText = (max: number = LIMITS.text) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null))
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, M.dateFormat)
const email = z
  .string()
  .trim()
  .max(LIMITS.text)
  .toLowerCase()
  .pipe(z.email(M.email))
const optionalEmail = z.union([z.literal('').transform(() => null), email, z.null()]).optional().transform((v) => v ?? null)
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, M.colour)
const money = z.number().int().min(0).max(100_000_000)
const timezone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}, M.timeZone)

export const eventInput = z
  .object({
    name: text().min(1, M.nameRequired),
    type: z.enum(EVENT_TYPES),
    startDate: isoDate,
    endDate: isoDate,
    timezone,
    venue: optionalText(),
    capacity: z.number().int().min(0).max(10_000_000).nullable(),
    status: z.enum(EVENT_STATUSES)
  })
  .refine((e) => e.endDate >= e.startDate, { path: ['endDate'], message: M.endBeforeStart })
export type EventInput = z.infer<typeof eventInput>

export const ticketTypeInput = z.object({
  code: z.string().trim().min(1, M.codeRequired).max(16).regex(/^[A-Za-z0-9_-]+$/, M.codeChars),
  name: text().min(1, M.nameRequired),
  priceCents: money,
  currency: z.string().regex(/^[A-Z]{3}$/, M.currency),
  capacity: z.number().int().min(0).max(10_000_000).nullable(),
  color: colour
})
export type TicketTypeInput = z.infer<typeof ticketTypeInput>

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
export const attendeeInput = attendeeFields.refine((a) => a.firstName !== '' || a.lastName !== '', {
  path: ['lastName'],
  message: M.firstOrLastName
})
export type AttendeeInput = z.infer<typeof attendeeInput>

export const staffInput = z.object({
  name: text().min(1, M.nameRequired),
  role: z.enum(ROLES),
  pin: z
    .string()
    .regex(/^\d+$/, M.pinDigits)
    .min(LIMITS.pin.min, M.pinTooShort)
    .max(LIMITS.pin.max, M.pinTooLong)
})

// ---- results ----

export interface EventRow {
  id: string
  name: string
  type: EventType
  startDate: string
  endDate: string
  timezone: string
  venue: string | null
  capacity: number | null
  status: EventStatus
  createdAt: string
}

export interface TicketTypeRow {
  id: string
  eventId: string
  code: string
  name: string
  priceCents: number
  currency: string
  capacity: number | null
  color: string
}

export interface CheckinInfo {
  checkinId: string
  at: string
  deskId: string
  deskName: string | null
  staffId: string
  staffName: string | null
}

export interface AttendeeRow {
  id: string
  eventId: string
  code: string
  firstName: string
  lastName: string
  email: string | null
  company: string | null
  jobTitle: string | null
  phone: string | null
  ticketTypeId: string
  status: AttendeeStatus
  paymentMethod: PaymentMethod | null
  amountCents: number | null
  preferredLanguage: Language | null
  notes: string | null
  externalRef: string | null
  createdAt: string
  checkedInAt: string | null
}

export type CheckinResult =
  | { outcome: 'admitted'; attendee: AttendeeRow; checkin: CheckinInfo }
  | { outcome: 'already_checked_in'; attendee: AttendeeRow; previous: CheckinInfo }
  | { outcome: 'cancelled'; attendee: AttendeeRow }
  | { outcome: 'unknown_code'; code: string }

export interface Counters {
  eventId: string
  expected: number
  checkedIn: number
  byTicketType: { ticketTypeId: string; name: string; color: string; expected: number; checkedIn: number }[]
}

export interface StaffRow {
  id: string
  name: string
  role: (typeof ROLES)[number]
  active: boolean
}

export interface SessionInfo {
  token: string
  staff: StaffRow
  deskId: string
  deskName: string
}

export interface ChangeEntry {
  hlc: string
  at: string
  deskId: string
  deskName: string | null
  staffId: string | null
  staffName: string | null
  action: string
  table: string
  rowId: string
  op: 'insert' | 'update'
  data: Record<string, unknown>
}

export interface AttendeeHistory {
  changes: ChangeEntry[]
  checkins: (CheckinInfo & { kind: 'in' | 'undo'; method: string })[]
}

/**
 * This desk's clock is behind changes it has made or received by more than the
 * 5 minutes the clock tolerates: desks would order edits wrongly. Check-ins go on.
 */
export interface ClockWarning {
  cause: 'behind_history' | 'behind_peer'
  minutesBehind: number
}

export interface ExportFile {
  fileName: string
  mimeType: string
  base64: string
  rows: number
}
