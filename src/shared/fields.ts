/**
 * The validation vocabulary every contract slice shares: field limits, the
 * keyed validation messages the renderer translates, and common field schemas.
 */
import { z } from 'zod'
import { cleanLine, cleanLines, hasVisibleText } from './clean'
import { isEmailAddress, normaliseEmail } from './email'
import { isCurrency } from './currencies'

// Field limits shared by the forms and the API validation.
export const LIMITS = { name: 200, text: 200, notes: 2000, pin: { min: 4, max: 12 } } as const

export const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es', 'it', 'pl'] as const
export type Language = (typeof LANGUAGES)[number]

/**
 * Validation messages: English for the API, keyed so the renderer shows them in
 * the operator's language (the core maps a message back to its key).
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
  fileTooLarge: 'The file is too large',
  nameInvisible: 'A name needs visible letters, not only invisible characters',
  folderFullPath: 'Give the folder as a full path',
  timeFormat: 'Use a time like 09:30',
  closesBeforeOpens: 'The list closes before it opens',
  reasonRequired: 'Give a reason',
  amountOrPercent: 'Give an amount or a percentage, not both',
  awardWholeOrLines: 'Award the whole request to one vendor or each line, not both'
} as const
export type FieldMessageKey = keyof typeof FIELD_MESSAGES
/** Numbers a translated message needs. */
export const FIELD_MESSAGE_PARAMS: Partial<Record<FieldMessageKey, Record<string, number>>> = {
  pinTooShort: { min: LIMITS.pin.min },
  pinTooLong: { max: LIMITS.pin.max }
}
const M = FIELD_MESSAGES

export const id = z.string().min(1).max(64)
/**
 * The id a client makes for a row it creates (UUIDv7), so a retried request
 * finds the row its first attempt made instead of creating a second one.
 */
export const clientId = z.uuid().optional()
export const text = (max: number = LIMITS.text) => z.string().trim().max(max)
export const optionalText = (max: number = LIMITS.text) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null))
/**
 * A person's name or another one-line text about them: control characters,
 * escape sequences, bidi overrides and zero-width filler are removed (see
 * shared/clean.ts); what is left must show something.
 */
export const personName = (max: number = LIMITS.name) =>
  z
    .string()
    .transform(cleanLine)
    .pipe(z.string().max(max))
    .refine((v) => v === '' || hasVisibleText(v), M.nameInvisible)
/** An optional one-line text about a person, cleaned like a name; empty becomes null. */
export const optionalLine = (max: number = LIMITS.text) =>
  z
    .string()
    .nullish()
    .transform((v) => (v ? cleanLine(v) : ''))
    .pipe(z.string().max(max))
    .refine((v) => v === '' || hasVisibleText(v), M.nameInvisible)
    .transform((v) => (v ? v : null))
/** Optional notes over several lines, cleaned; empty becomes null. */
export const optionalLines = (max: number = LIMITS.notes) =>
  z
    .string()
    .nullish()
    .transform((v) => (v ? cleanLines(v) : ''))
    .pipe(z.string().max(max))
    .transform((v) => (v ? v : null))
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, M.dateFormat)
/** RFC 6531: accented and non-Latin local parts and internationalised domains are addresses too. */
export const email = z.string().max(LIMITS.text).transform(normaliseEmail).pipe(z.string().refine(isEmailAddress, M.email))
export const optionalEmail = z
  .union([z.literal('').transform(() => null), email, z.null()])
  .optional()
  .transform((v) => v ?? null)
export const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, M.colour)
export const money = z.number().int().min(0).max(100_000_000)
/** An amount in minor units (cents) for contracts and budgets: up to 100 million in major units. */
export const amountMinor = z.number().int().min(0).max(10_000_000_000)
/** An active ISO 4217 code ("eur" is taken as EUR; "KRO" or "KRONER" are refused). */
export const currency = z.string().trim().toUpperCase().refine(isCurrency, M.currency)
export const timezone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return true
    } catch {
      return false
    }
  }, M.timeZone)
