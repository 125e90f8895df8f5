// Second step of an attendee import: guess which column holds which field,
// then turn table rows into clean ImportRows plus a list of per-line issues.
// Pure functions over a ParsedTable; nothing here touches the database.
import { z } from 'zod'
import { IMPORT_FIELDS, type ColumnMapping, type ImportField, type RowIssue } from '../../shared/contract/attendees'
import { LANGUAGES, LIMITS, type Language } from '../../shared/fields'
import { foldText } from '../../shared/text'
import type { ParsedTable } from '../tabular/parse'

// The field list, mapping and issue types live in shared/ because the renderer
// and the IPC contract use them too; re-exported so import code has one entry point.
export { IMPORT_FIELDS }
export type { ColumnMapping, ImportField, RowIssue }

export interface ImportRow {
  /** 1-based row number as a spreadsheet shows it (header = 1). */
  line: number
  firstName: string
  lastName: string
  email: string | null
  company: string | null
  jobTitle: string | null
  phone: string | null
  ticketType: string | null
  code: string | null
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
  company: LIMITS.text,
  jobTitle: LIMITS.text,
  phone: PHONE_MAX,
  ticketType: LIMITS.text,
  code: LIMITS.text,
  preferredLanguage: LIMITS.text,
  notes: LIMITS.notes
}

const FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  firstName: 'first name',
  lastName: 'last name',
  fullName: 'name',
  email: 'e-mail',
  company: 'company',
  jobTitle: 'job title',
  phone: 'phone',
  ticketType: 'ticket type',
  code: 'code',
  preferredLanguage: 'language',
  notes: 'notes'
}

// ---------------------------------------------------------------------------
// Header recognition

/**
 * Folds a header to lowercase ASCII-ish words: accents and punctuation go,
 * '#' and common abbreviations become "number", "e-mail" becomes "email".
 * "E-Mail-Adresse" → "email adresse", "Order #" → "order number".
 */
export function normaliseHeader(header: string): string {
  return foldText(header.replace(/\u0000/g, ''))
    .replace(/#/g, ' number ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\be mail/g, 'email')
    .replace(/\b(?:nr|no|num|nº)\b/g, 'number')
}

// Scores: an exact synonym beats a weaker synonym beats a loose "contains"
// match, so "Barcode #" wins the code field over "Order #" in the same file.
const EXACT = 100
const WEAK = 60
const PREFIXED = 10 // subtracted when a synonym only matches after dropping "Attendee …" etc.
const CONTAINS = 40

type SynonymList = Readonly<Partial<Record<ImportField, readonly string[]>>>

const STRONG_SYNONYMS: SynonymList = {
  firstName: [
    'first name', 'firstname', 'first', 'fname', 'given name', 'given names', 'forename', 'forenames', 'christian name',
    'attendee name: given name', 'name: given name', 'vorname', 'vornamen', 'rufname', 'voornaam', 'voornamen',
    'roepnaam', 'prénom', 'prénoms', 'nombre', 'nombres', 'nome', 'primo nome', 'imię', 'imiona'
  ],
  lastName: [
    'last name', 'lastname', 'last', 'lname', 'surname', 'family name', 'familyname', 'attendee name: family name',
    'name: family name', 'nachname', 'familienname', 'zuname', 'achternaam', 'familienaam', 'nom', 'nom de famille',
    'apellidos', 'apellido', 'cognome', 'nazwisko'
  ],
  fullName: [
    'name', 'full name', 'fullname', 'attendee name', 'attendee', 'participant', 'participant name', 'guest name',
    'name of attendee', 'contact name', 'display name', 'registrant name', 'delegate name', 'teilnehmer',
    'teilnehmername', 'vollständiger name', 'vor- und nachname', 'naam', 'volledige naam', 'deelnemer',
    'nom complet', 'nom et prénom', 'prénom et nom', 'nombre completo', 'nombre y apellidos', 'nome completo',
    'nome e cognome', 'imię i nazwisko'
  ],
  email: [
    'email', 'e-mail', 'email address', 'e-mail address', 'mail', 'attendee email', 'e-mail-adresse', 'emailadresse',
    'mailadresse', 'e-mailadres', 'emailadres', 'mailadres', 'adresse e-mail', 'adresse électronique', 'courriel',
    'mél', 'correo', 'correo electrónico', 'dirección de correo', 'dirección de correo electrónico',
    'indirizzo email', 'indirizzo e-mail', 'posta elettronica', 'adres e-mail', 'adres email', 'poczta e-mail'
  ],
  company: [
    'company', 'company name', 'organisation', 'organization', 'organisation name', 'organization name', 'org',
    'employer', 'affiliation', 'institution', 'firma', 'firmenname', 'unternehmen', 'arbeitgeber', 'bedrijf',
    'bedrijfsnaam', 'organisatie', 'société', 'entreprise', 'organisme', 'empresa', 'compañía', 'organización',
    'institución', 'azienda', 'società', 'organizzazione', 'ente', 'nazwa firmy', 'instytucja', 'organizacja'
  ],
  jobTitle: [
    'job title', 'jobtitle', 'position', 'job position', 'role', 'job role', 'job', 'function', 'occupation',
    'designation', 'berufsbezeichnung', 'funktion', 'beruf', 'stellenbezeichnung', 'positie', 'functie',
    'functietitel', 'poste', 'fonction', 'intitulé du poste', 'titre du poste', 'cargo', 'puesto', 'ruolo',
    'posizione', 'qualifica', 'mansione', 'stanowisko', 'funkcja'
  ],
  phone: [
    'phone', 'phone number', 'telephone', 'telephone number', 'tel', 'mobile', 'mobile phone', 'mobile number',
    'cell', 'cell phone', 'cellphone', 'work phone', 'telefon', 'telefonnummer', 'handy', 'handynummer', 'mobil',
    'mobilnummer', 'mobiltelefon', 'telefoon', 'telefoonnummer', 'mobiel', 'mobiel nummer', 'gsm', 'téléphone',
    'portable', 'numéro de téléphone', 'teléfono', 'móvil', 'celular', 'telefono', 'cellulare',
    'numero di telefono', 'telefon komórkowy', 'numer telefonu', 'komórka'
  ],
  ticketType: [
    'ticket type', 'ticket', 'ticket category', 'ticket name', 'ticket class', 'attendee type', 'registration type',
    'registration category', 'attendee category', 'participant type', 'category', 'product', 'pass', 'pass type',
    'admission type', 'tickettyp', 'ticketart', 'ticketkategorie', 'kategorie', 'teilnehmertyp', 'teilnahmeart',
    'ticketsoort', 'type ticket', 'categorie', 'type de billet', 'billet', 'tipo de entrada', 'entrada',
    'categoría', 'tipo de inscripción', 'tipo di biglietto', 'biglietto', 'categoria', 'rodzaj biletu', 'bilet',
    'typ biletu', 'kategoria'
  ],
  code: [
    // "#", "No." and "Nr." all normalise to "number": 'ticket #' also covers "Ticket Number".
    'code', 'barcode', 'barcode #', 'qr code', 'ticket code', 'ticket #', 'ticket id', 'attendee #', 'attendee id',
    'attendee code', 'registration code', 'registration #', 'registration id', 'confirmation #', 'confirmation code',
    'booking code', 'booking reference', 'reference', 'ref', 'secret', 'ticket secret', 'ticketnummer', 'ticketcode',
    'buchungsnummer', 'anmeldenummer', 'teilnehmernummer', 'boekingsnummer', 'registratienummer', 'numéro de billet',
    'code billet', 'référence', 'código', 'número de entrada', 'localizador', 'codice', 'numero biglietto', 'kod',
    'numer biletu'
  ],
  preferredLanguage: [
    'language', 'preferred language', 'lang', 'locale', 'communication language', 'correspondence language',
    'sprache', 'bevorzugte sprache', 'korrespondenzsprache', 'taal', 'voorkeurstaal', 'langue', 'langue préférée',
    'idioma', 'idioma preferido', 'lingua', 'lingua preferita', 'język', 'preferowany język'
  ],
  notes: [
    'notes', 'note', 'comments', 'comment', 'remarks', 'remark', 'additional information', 'bemerkungen',
    'bemerkung', 'anmerkungen', 'anmerkung', 'notizen', 'notiz', 'kommentar', 'kommentare', 'hinweise', 'hinweis',
    'opmerkingen', 'opmerking', 'notities', 'notitie', 'remarques', 'remarque', 'commentaires', 'commentaire',
    'observaciones', 'notas', 'nota', 'comentarios', 'osservazioni', 'commenti', 'annotazioni', 'uwagi', 'notatki',
    'komentarz'
  ]
}

// Plausible but ambiguous headers: used only when nothing better is there.
const WEAK_SYNONYMS: SynonymList = {
  // "Title" is a job title in Cvent exports but a salutation in some others.
  jobTitle: ['title', 'titre', 'titolo'],
  ticketType: ['type', 'tipo', 'typ', 'soort', 'variation'],
  // Order-level codes are shared by everyone in a group booking, so they lose
  // against any per-attendee code column.
  code: [
    'order #', 'order code', 'order id', 'order reference', 'order', 'bestellnummer', 'ordernummer', 'bestelnummer',
    'numéro de commande', 'número de pedido', 'numero ordine', 'numer zamówienia'
  ]
}

const PREFIXES = [
  'attendee', 'attendees', 'participant', 'guest', 'registrant', 'delegate', 'contact', 'ticket holder', 'holder',
  'teilnehmer', 'teilnehmende', 'deelnemer', 'participante', 'partecipante', 'uczestnik'
].map(normaliseHeader)

const CONTAINS_RULES: ReadonlyArray<{ field: ImportField; tokens: readonly string[] }> = [
  { field: 'email', tokens: ['email', 'mail', 'courriel', 'correo'] },
  { field: 'phone', tokens: ['phone', 'telephone', 'telefon', 'telefoon', 'telefono', 'mobile', 'mobil', 'handy'] },
  { field: 'company', tokens: ['company', 'organisation', 'organization', 'firma', 'bedrijf', 'empresa', 'azienda'] }
]
// "Email opt-in", "Phone verified" and friends are about the field, not the field itself.
const CONTAINS_STOP_TOKENS = new Set([
  'opt', 'optin', 'consent', 'newsletter', 'marketing', 'verified', 'confirmed', 'subscribe', 'subscribed',
  'permission', 'allowed', 'sent', 'bounced', 'einwilligung', 'toestemming'
])

function buildSynonymTable(): Map<string, { field: ImportField; score: number }> {
  const table = new Map<string, { field: ImportField; score: number }>()
  const add = (lists: SynonymList, score: number) => {
    for (const field of IMPORT_FIELDS) {
      for (const synonym of lists[field] ?? []) {
        const key = normaliseHeader(synonym)
        const existing = table.get(key)
        if (existing === undefined || existing.score < score) table.set(key, { field, score })
      }
    }
  }
  add(WEAK_SYNONYMS, WEAK)
  add(STRONG_SYNONYMS, EXACT)
  return table
}

const SYNONYMS = buildSynonymTable()

/** Best (field, score) for one header, or null when it means nothing to us. */
function scoreHeader(header: string): { field: ImportField; score: number } | null {
  const full = normaliseHeader(header)
  if (full === '') return null
  const exact = SYNONYMS.get(full)
  if (exact !== undefined) return exact

  // "Phone (mobile)", "E-Mail (geschäftlich)", "Email *": the bracket is a hint, not the name.
  const bare = normaliseHeader(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '))
  const bareMatch = bare === full ? undefined : SYNONYMS.get(bare)
  if (bareMatch !== undefined) return { field: bareMatch.field, score: bareMatch.score - 1 }

  for (const prefix of PREFIXES) {
    if (bare.startsWith(`${prefix} `)) {
      const rest = SYNONYMS.get(bare.slice(prefix.length + 1))
      if (rest !== undefined) return { field: rest.field, score: rest.score - PREFIXED }
    }
  }

  const tokens = bare.split(' ')
  if (tokens.some((t) => CONTAINS_STOP_TOKENS.has(t))) return null
  for (const rule of CONTAINS_RULES) {
    if (tokens.some((t) => rule.tokens.includes(t))) return { field: rule.field, score: CONTAINS }
  }
  return null
}

// When a lone header could be a first name, a last name or a whole name.
const AMBIGUOUS_NAME_HEADERS = new Set(['nombre', 'nome', 'nom'])
// German and Dutch forms pair "Vorname"/"Voornaam" with "Name"/"Naam" meaning the surname.
const SURNAME_WHEN_PAIRED = new Set(['name', 'naam'])

/**
 * Guesses field → column. Each column gets at most one field and each field
 * one column; the strongest matches are placed first, ties go to the leftmost
 * column. fullName is dropped when both first and last name columns exist.
 */
export function guessMapping(headers: string[]): ColumnMapping {
  const candidates: Array<{ column: number; field: ImportField; score: number }> = []
  headers.forEach((header, column) => {
    const match = scoreHeader(header)
    if (match !== null) candidates.push({ column, ...match })
  })
  candidates.sort(
    (a, b) => b.score - a.score || a.column - b.column || IMPORT_FIELDS.indexOf(a.field) - IMPORT_FIELDS.indexOf(b.field)
  )

  const mapping: ColumnMapping = {}
  const usedColumns = new Set<number>()
  for (const { column, field } of candidates) {
    if (mapping[field] !== undefined || usedColumns.has(column)) continue
    mapping[field] = column
    usedColumns.add(column)
  }

  const headerOf = (field: ImportField): string | null => {
    const column = mapping[field]
    return column === undefined ? null : normaliseHeader(headers[column] ?? '')
  }
  const fullHeader = headerOf('fullName')
  const surnameOnly = fullHeader !== null && SURNAME_WHEN_PAIRED.has(fullHeader)
  if (mapping.firstName !== undefined && mapping.lastName === undefined && surnameOnly) {
    mapping.lastName = mapping.fullName
    delete mapping.fullName
  }
  if (mapping.fullName === undefined) {
    const lone = mapping.firstName === undefined ? 'lastName' : mapping.lastName === undefined ? 'firstName' : null
    const loneHeader = lone === null ? null : headerOf(lone)
    if (lone !== null && loneHeader !== null && AMBIGUOUS_NAME_HEADERS.has(loneHeader)) {
      mapping.fullName = mapping[lone]
      delete mapping[lone]
    }
  }
  if (mapping.firstName !== undefined && mapping.lastName !== undefined) delete mapping.fullName
  return mapping
}

// ---------------------------------------------------------------------------
// Value normalisation

/**
 * Splits a one-column name. "Last, First" is taken at the first comma;
 * otherwise the last word is the last name and everything before it the
 * first name, so particles stay with the first name ("Ludwig van | Beethoven")
 * and a single word ends up as the last name. Simple by design: the user can
 * fix the rare wrong split later, while a clever guess would be wrong in
 * less predictable ways.
 */
export function splitFullName(fullName: string): { firstName: string; lastName: string } {
  const name = collapseSpaces(fullName)
  const comma = name.indexOf(',')
  if (comma >= 0) {
    return { lastName: name.slice(0, comma).trim(), firstName: name.slice(comma + 1).trim() }
  }
  const space = name.lastIndexOf(' ')
  if (space < 0) return { firstName: '', lastName: name }
  return { firstName: name.slice(0, space), lastName: name.slice(space + 1) }
}

// Same check as the shared attendee schema (zod's email regex), so a row that
// passes here also passes there. That regex has no nested ambiguous
// quantifiers, so it runs in linear time even on hostile input.
const EMAIL = z.email()

export function looksLikeEmail(value: string): boolean {
  return EMAIL.safeParse(value).success
}

const LANGUAGE_NAMES: Readonly<Record<Language, readonly string[]>> = {
  en: ['english', 'englisch', 'engels', 'anglais', 'ingles', 'inglese', 'angielski', 'eng'],
  nl: [
    'dutch', 'nederlands', 'hollands', 'vlaams', 'flemish', 'niederlandisch', 'neerlandais', 'neerlandes', 'holandes',
    'olandese', 'niderlandzki', 'holenderski', 'nld', 'dut'
  ],
  de: ['german', 'deutsch', 'duits', 'allemand', 'aleman', 'tedesco', 'niemiecki', 'deu', 'ger'],
  fr: ['french', 'francais', 'franzosisch', 'frans', 'frances', 'francese', 'francuski', 'fra', 'fre'],
  es: ['spanish', 'espanol', 'castellano', 'spanisch', 'spaans', 'espagnol', 'spagnolo', 'hiszpanski', 'spa'],
  it: ['italian', 'italiano', 'italienisch', 'italiaans', 'italien', 'wloski', 'ita'],
  pl: ['polish', 'polski', 'polnisch', 'pools', 'polonais', 'polaco', 'polacco', 'pol']
}
const LANGUAGE_LOOKUP = new Map<string, Language>()
for (const code of LANGUAGES) {
  LANGUAGE_LOOKUP.set(code, code)
  for (const name of LANGUAGE_NAMES[code]) LANGUAGE_LOOKUP.set(name, code)
}

/** "de-DE", "DE", "Deutsch", "German", "français", "English (UK)" → 2-letter code; null if unsupported. */
export function normaliseLanguage(value: string): Language | null {
  const folded = foldText(value).replace(/\([^)]*\)/g, ' ').trim()
  const direct = LANGUAGE_LOOKUP.get(folded)
  if (direct !== undefined) return direct
  // BCP 47 / POSIX locale: take the primary subtag ("de-AT", "pt_BR" → unsupported).
  const locale = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})+$/.exec(folded)
  return locale?.[1] === undefined ? null : (LANGUAGE_LOOKUP.get(locale[1]) ?? null)
}

function collapseSpaces(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}

function clean(value: string): string {
  return value.replace(/\u0000/g, '').trim()
}

// Quoted values in messages: short, and without line breaks or bidi controls
// that would scramble the issue list.
function preview(value: string, max = 40): string {
  const flat = value.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

// ---------------------------------------------------------------------------
// Row mapping

/**
 * Maps and validates every row. Only rows without any issue are returned in
 * `rows`; each problem is reported once per field in `issues`, in file order.
 * Mapping entries that point outside the table are treated as unmapped.
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
    else rows.push(row)
  })
  return { rows, issues }
}

type OptionalTextField = 'company' | 'jobTitle' | 'phone' | 'ticketType' | 'code' | 'notes'

/** Checks one row at a time; remembers e-mails across rows for the duplicate check. */
class RowChecker {
  /** Issues of the row last passed to check(). */
  issues: RowIssue[] = []
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
    return {
      line,
      firstName,
      lastName,
      email: this.email(),
      company: this.optional('company'),
      jobTitle: this.optional('jobTitle'),
      phone: this.optional('phone'),
      ticketType: this.optional('ticketType'),
      code: this.optional('code'),
      preferredLanguage: this.language(),
      notes: this.optional('notes')
    }
  }

  private names(): { firstName: string; lastName: string } {
    let firstName = collapseSpaces(this.value('firstName'))
    let lastName = collapseSpaces(this.value('lastName'))
    if (firstName === '' && lastName === '' && this.columns.fullName !== undefined) {
      const full = this.value('fullName')
      if (!this.tooLong('fullName', full)) ({ firstName, lastName } = splitFullName(full))
    } else {
      this.tooLong('firstName', firstName)
      this.tooLong('lastName', lastName)
    }
    if (firstName === '' && lastName === '' && this.issues.length === 0) {
      this.report(null, 'missing_name', 'a first name or a last name is required.')
    }
    return { firstName, lastName }
  }

  private email(): string | null {
    const raw = this.value('email').replace(/^mailto:/i, '')
    if (raw === '') return null
    const email = raw.toLowerCase()
    if (this.tooLong('email', email)) return email
    if (!looksLikeEmail(email)) {
      this.report('email', 'invalid_email', `"${preview(raw)}" in the ${this.where('email')} is not a valid e-mail address.`, {
        value: preview(raw),
        column: this.header('email')
      })
      return email
    }
    const firstLine = this.firstLineOfEmail.get(email)
    if (firstLine === undefined) {
      this.firstLineOfEmail.set(email, this.line)
    } else {
      this.report('email', 'duplicate_in_file', `the e-mail address ${preview(email)} is already used on line ${firstLine}.`, {
        value: preview(email),
        firstLine
      })
    }
    return email
  }

  private language(): Language | null {
    const raw = this.value('preferredLanguage')
    if (raw === '' || this.tooLong('preferredLanguage', raw)) return null
    const language = normaliseLanguage(raw)
    if (language === null) {
      this.report(
        'preferredLanguage',
        'invalid_language',
        `"${preview(raw)}" in the ${this.where('preferredLanguage')} is not a supported language; ` +
          `use one of ${LANGUAGES.join(', ')}.`,
        { value: preview(raw), column: this.header('preferredLanguage') }
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

  private value(field: ImportField): string {
    const column = this.columns[field]
    return column === undefined ? '' : clean(this.cells[column] ?? '')
  }

  private tooLong(field: ImportField, text: string): boolean {
    const max = FIELD_MAX[field]
    if (text.length <= max) return false
    this.report(field, 'too_long', `the ${this.where(field)} is too long (${text.length} characters; at most ${max} are allowed).`, {
      column: this.header(field),
      length: text.length,
      max
    })
    return true
  }

  /** "e-mail (column "E-Mail-Adresse")": the field and the column the user knows it by. */
  private where(field: ImportField): string {
    return `${FIELD_LABELS[field]} (column "${this.header(field)}")`
  }

  private header(field: ImportField): string {
    const column = this.columns[field]
    return preview(column === undefined ? '' : (this.headers[column] ?? ''))
  }

  private report(field: ImportField | null, code: RowIssue['code'], text: string, params?: RowIssue['params']): void {
    this.issues.push({ line: this.line, field, code, message: `Line ${this.line}: ${text}`, ...(params ? { params } : {}) })
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
