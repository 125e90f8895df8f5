import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ColumnMapping, ImportField } from '../../shared/contract/attendees'
import { isEmailAddress } from '../../shared/email'
import { guessMapping, normaliseHeader } from './import-headers'
import { mapRows } from './import-mapping'
import { normaliseLanguage, splitFullName } from './import-values'
import { parseImportFile, type ParsedTable } from '../tabular/parse'

const fixturesDir = new URL('../../../tests/fixtures/import/', import.meta.url)
const parseFixture = (name: string) => parseImportFile(name, new Uint8Array(readFileSync(new URL(name, fixturesDir))))

/** guessMapping, with column indexes replaced by header text for readable expectations. */
function guessByHeader(headers: string[]): Partial<Record<ImportField, string>> {
  const mapping = guessMapping(headers)
  return Object.fromEntries(Object.entries(mapping).map(([field, column]) => [field, headers[column]]))
}

function table(headers: string[], rows: string[][]): ParsedTable {
  return { format: 'csv', encoding: 'utf-8', delimiter: ',', headers, rows }
}

const NAME_EMAIL: ColumnMapping = { firstName: 0, lastName: 1, email: 2 }

describe('guessMapping: export formats', () => {
  it('maps an Eventbrite attendee export', async () => {
    const t = await parseFixture('eventbrite-utf8-bom.csv')
    expect(guessByHeader(t.headers)).toEqual({
      firstName: 'First Name',
      lastName: 'Last Name',
      email: 'Email',
      company: 'Company',
      jobTitle: 'Job Title',
      ticketType: 'Ticket Type',
      code: 'Order #'
    })
  })

  it('maps a pretix export and leaves out "Attendee name" when its parts exist', async () => {
    const t = await parseFixture('pretix-utf8.csv')
    expect(guessByHeader(t.headers)).toEqual({
      firstName: 'Attendee name: Given name',
      lastName: 'Attendee name: Family name',
      email: 'E-mail',
      company: 'Company',
      ticketType: 'Product',
      code: 'Order code'
    })
  })

  it('maps pretix "Attendee name" to fullName when it is the only name column', () => {
    expect(guessByHeader(['Order code', 'Attendee name', 'E-mail'])).toEqual({
      code: 'Order code',
      fullName: 'Attendee name',
      email: 'E-mail'
    })
  })

  it('maps a Cvent-like report', async () => {
    const t = await parseFixture('cvent-utf16le-bom.tsv')
    expect(guessByHeader(t.headers)).toEqual({
      firstName: 'First Name',
      lastName: 'Last Name',
      email: 'Email Address',
      company: 'Company Name',
      jobTitle: 'Title',
      ticketType: 'Registration Type',
      code: 'Confirmation Number'
    })
  })
})

describe('guessMapping: languages', () => {
  it.each([
    [
      'German',
      ['Vorname', 'Nachname', 'E-Mail-Adresse', 'Firma', 'Sprache', 'Telefon', 'Betrag', 'Bemerkungen'],
      { firstName: 'Vorname', lastName: 'Nachname', email: 'E-Mail-Adresse', company: 'Firma', preferredLanguage: 'Sprache', phone: 'Telefon', notes: 'Bemerkungen' }
    ],
    [
      'Dutch',
      ['Voornaam', 'Achternaam', 'E-mailadres', 'Bedrijf', 'Taal', 'Functie'],
      { firstName: 'Voornaam', lastName: 'Achternaam', email: 'E-mailadres', company: 'Bedrijf', preferredLanguage: 'Taal', jobTitle: 'Functie' }
    ],
    [
      'French',
      ['Prénom', 'Nom', 'Société', 'Courriel', 'Langue', 'Remarques', 'Téléphone'],
      { firstName: 'Prénom', lastName: 'Nom', company: 'Société', email: 'Courriel', preferredLanguage: 'Langue', notes: 'Remarques', phone: 'Téléphone' }
    ],
    [
      'Spanish',
      ['Nombre', 'Apellidos', 'Correo electrónico', 'Empresa', 'Idioma', 'Cargo'],
      { firstName: 'Nombre', lastName: 'Apellidos', email: 'Correo electrónico', company: 'Empresa', preferredLanguage: 'Idioma', jobTitle: 'Cargo' }
    ],
    [
      'Italian',
      ['Nome', 'Cognome', 'Azienda', 'Email', 'Lingua', 'Cellulare', 'Note'],
      { firstName: 'Nome', lastName: 'Cognome', company: 'Azienda', email: 'Email', preferredLanguage: 'Lingua', phone: 'Cellulare', notes: 'Note' }
    ],
    [
      'Polish',
      ['Imię', 'Nazwisko', 'Firma', 'Adres e-mail', 'Język', 'Stanowisko', 'Uwagi'],
      { firstName: 'Imię', lastName: 'Nazwisko', company: 'Firma', email: 'Adres e-mail', preferredLanguage: 'Język', jobTitle: 'Stanowisko', notes: 'Uwagi' }
    ],
    [
      'generic English',
      ['Name', 'Email', 'Organisation', 'Attendee type', 'Mobile', 'Position', 'Notes', 'Language'],
      { fullName: 'Name', email: 'Email', company: 'Organisation', ticketType: 'Attendee type', phone: 'Mobile', jobTitle: 'Position', notes: 'Notes', preferredLanguage: 'Language' }
    ]
  ])('recognises %s headers', (_language, headers, expected) => {
    expect(guessByHeader(headers)).toEqual(expected)
  })

  it('ignores case, accents and punctuation', () => {
    expect(guessByHeader(['PRENOM', 'nom', 'e_mail', 'SOCIETE', 'job-title', 'TELEPHONE'])).toEqual({
      firstName: 'PRENOM',
      lastName: 'nom',
      email: 'e_mail',
      company: 'SOCIETE',
      jobTitle: 'job-title',
      phone: 'TELEPHONE'
    })
  })
})

describe('guessMapping: rules', () => {
  it('reads German "Name" next to "Vorname" as the surname', () => {
    expect(guessByHeader(['Name', 'Vorname', 'E-Mail'])).toEqual({ lastName: 'Name', firstName: 'Vorname', email: 'E-Mail' })
  })

  it('treats a lone French "Nom" or Spanish "Nombre" as the whole name', () => {
    expect(guessByHeader(['Nom', 'Email'])).toEqual({ fullName: 'Nom', email: 'Email' })
    expect(guessByHeader(['Nombre', 'Email'])).toEqual({ fullName: 'Nombre', email: 'Email' })
  })

  it('keeps Full name next to only one name part (rows fall back to splitting it)', () => {
    expect(guessByHeader(['Full name', 'First name'])).toEqual({ fullName: 'Full name', firstName: 'First name' })
  })

  it('drops fullName when both parts are present', () => {
    expect(guessMapping(['Full name', 'First name', 'Last name'])).toEqual({ firstName: 1, lastName: 2 })
  })

  it('gives each field one column (the leftmost) and each column one field', () => {
    const mapping = guessMapping(['Email', 'E-mail', 'Company', 'Firma', 'Ticket', 'Ticket Type'])
    expect(mapping).toEqual({ email: 0, company: 2, ticketType: 4 })
    const columns = Object.values(mapping)
    expect(new Set(columns).size).toBe(columns.length)
  })

  it('prefers a per-attendee code over an order number', () => {
    expect(guessByHeader(['Order #', 'First Name', 'Last Name', 'Barcode #']).code).toBe('Barcode #')
    expect(guessByHeader(['Order #', 'Attendee #']).code).toBe('Attendee #')
  })

  it('uses looser matches only as a fallback, and not for flags about a field', () => {
    expect(guessByHeader(['Email opt-in', 'Phone (mobile)', 'Guest E-mail', 'Newsletter'])).toEqual({
      phone: 'Phone (mobile)',
      email: 'Guest E-mail'
    })
    expect(guessByHeader(['Work email', 'Buyer phone'])).toEqual({ email: 'Work email', phone: 'Buyer phone' })
  })

  it('returns an empty mapping for unknown headers, hostile text and 10,000 columns', () => {
    expect(guessMapping(['Foo', 'Bar', '', '=cmd|\' /C calc\'!A0', '<script>alert(1)</script>', '🎉'])).toEqual({})
    const wide = Array.from({ length: 10_000 }, (_, i) => `h${i}`)
    wide[9_999] = 'Email'
    expect(guessMapping(wide)).toEqual({ email: 9_999 })
  })

  it('normalises headers to plain words', () => {
    expect(normaliseHeader('Order #')).toBe('order number')
    expect(normaliseHeader('E-Mail-Adresse')).toBe('email adresse')
    expect(normaliseHeader('Attendee name: Given name')).toBe('attendee name given name')
    expect(normaliseHeader(' Société\u0000 ')).toBe('societe')
    expect(normaliseHeader('Łódź Nr.')).toBe('lodz number')
  })
})

describe('splitFullName', () => {
  it.each([
    ['Smith, John', 'John', 'Smith'],
    ['  García Márquez ,  Gabriel  José ', 'Gabriel José', 'García Márquez'],
    ['John Smith', 'John', 'Smith'],
    ['Ludwig van Beethoven', 'Ludwig van', 'Beethoven'],
    ['  Jean   Luc\tPicard ', 'Jean Luc', 'Picard'],
    ['Madonna', '', 'Madonna'],
    ['Smith,', '', 'Smith']
  ])('%j → first %j, last %j', (input, firstName, lastName) => {
    expect(splitFullName(input)).toEqual({ firstName, lastName })
  })
})

describe('normaliseLanguage', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['de-DE', 'de'],
    ['en_GB', 'en'],
    ['fr-CA', 'fr'],
    ['Deutsch', 'de'],
    ['German', 'de'],
    ['English', 'en'],
    ['English (UK)', 'en'],
    ['Nederlands', 'nl'],
    ['français', 'fr'],
    ['Español', 'es'],
    ['italiano', 'it'],
    ['Polski', 'pl'],
    ['Englisch', 'en'],
    ['ger', 'de'],
    [' NL ', 'nl']
  ])('%j → %s', (input, expected) => {
    expect(normaliseLanguage(input)).toBe(expected)
  })

  it.each(['pt', 'pt-BR', 'Klingon', 'e', 'deutsch-ish', 'en-', '--'])('%j is not supported', (input) => {
    expect(normaliseLanguage(input)).toBeNull()
  })
})

describe('isEmailAddress', () => {
  it('accepts ordinary addresses and rejects broken ones', () => {
    for (const ok of ['a@b.co', 'first.last+tag@sub.example.org', "o'brien@example.ie", 'x_y-z@ex-ample.de']) {
      expect(isEmailAddress(ok), ok).toBe(true)
    }
    for (const bad of ['', 'plain', 'a@b', '@b.de', 'a@@b.de', 'a b@c.de', 'a@b..de', 'a@.de', '.a@b.de', 'a@b.c']) {
      expect(isEmailAddress(bad), bad).toBe(false)
    }
  })

  it('rejects 100,000-character hostile strings without catastrophic backtracking', () => {
    const hostile = [
      'a'.repeat(100_000),
      `${'a'.repeat(99_990)}@`,
      `a@${'a'.repeat(99_990)}`,
      `a@${'a.'.repeat(49_995)}!`,
      `${'a.'.repeat(49_995)}@`,
      `a@${'a-'.repeat(49_995)}`,
      '@'.repeat(100_000),
      `${'-'.repeat(99_990)}@a`
    ]
    const started = performance.now()
    for (const value of hostile) expect(isEmailAddress(value)).toBe(false)
    // A backtracking blow-up takes minutes to years; linear matching takes
    // milliseconds. The bound is loose on purpose so slow CI never flakes.
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})

describe('mapRows', () => {
  it('maps a real file end to end, with spreadsheet line numbers', async () => {
    const t = await parseFixture('eventbrite-utf8-bom.csv')
    const { rows, issues } = mapRows(t, guessMapping(t.headers))
    expect(issues).toEqual([])
    expect(rows).toEqual([
      {
        line: 2, firstName: 'Anna', lastName: 'Müller', email: 'anna.mueller@example.com', invalidEmail: null, status: 'registered', statusValue: '', attention: false, doorNote: null, company: 'Müller & Söhne, GmbH',
        jobTitle: 'CTO', phone: null, ticketType: 'Early Bird', code: '1234567890', preferredLanguage: null, notes: null
      },
      {
        line: 3, firstName: 'José', lastName: 'García', email: 'jose@example.es', invalidEmail: null, status: 'registered', statusValue: '', attention: false, doorNote: null, company: 'Acme', jobTitle: 'Head of "Ops"',
        phone: null, ticketType: 'VIP', code: '1234567891', preferredLanguage: null, notes: null
      },
      {
        line: 4, firstName: 'Zoë', lastName: "O'Brien", email: 'zoe@example.ie', invalidEmail: null, status: 'registered', statusValue: '', attention: false, doorNote: null, company: null, jobTitle: null, phone: null,
        ticketType: 'Early Bird', code: '1234567892', preferredLanguage: null, notes: null
      }
    ])
  })

  it('normalises languages from a windows-1252 French file', async () => {
    const t = await parseFixture('french-windows-1252.csv')
    const { rows, issues } = mapRows(t, guessMapping(t.headers))
    expect(issues).toEqual([])
    expect(rows.map((r) => [r.firstName, r.lastName, r.company, r.preferredLanguage])).toEqual([
      ['Éloïse', 'Dubois', 'Société Générale', 'fr'],
      ['Jürgen', 'Groß', 'Straße AG', 'de']
    ])
  })

  it('keeps the physical line numbers of files with quoted newlines and blank lines', async () => {
    const t = await parseFixture('quoted-newlines.csv')
    const { rows } = mapRows(t, guessMapping(t.headers))
    expect(rows.map((r) => [r.line, r.firstName, r.lastName, r.notes])).toEqual([
      [2, 'John', 'Smith', 'Line one\nLine two, with comma'], // line breaks kept, as \n
      [4, 'Jane', 'Doe', 'She said "hi"'],
      [5, 'Bob', 'Builder', 'plain'] // the newline inside the quoted name collapses to a space
    ])
  })

  it('falls back to index + 2 for tables without line numbers', () => {
    const { rows } = mapRows(table(['First', 'Last', 'Email'], [['A', 'B', ''], ['C', 'D', '']]), NAME_EMAIL)
    expect(rows.map((r) => r.line)).toEqual([2, 3])
  })

  it('splits fullName when it is the only name column', () => {
    const t = table(['Name', 'Email'], [['Smith, John', ''], ['Ludwig van Beethoven', ''], ['Madonna', '']])
    const { rows } = mapRows(t, { fullName: 0, email: 1 })
    expect(rows.map((r) => [r.firstName, r.lastName])).toEqual([
      ['John', 'Smith'],
      ['Ludwig van', 'Beethoven'],
      ['', 'Madonna']
    ])
  })

  it('uses first/last columns and splits fullName only for rows where both are empty', () => {
    const t = table(['Full name', 'First'], [['Ann Lee', 'Annie'], ['Bo Chen', '']])
    const { rows } = mapRows(t, { fullName: 0, firstName: 1 })
    expect(rows.map((r) => [r.firstName, r.lastName])).toEqual([
      ['Annie', ''],
      ['Bo', 'Chen']
    ])
  })

  it('trims, collapses whitespace in names, lowercases e-mails and turns empty optionals into null', () => {
    const t = table(
      ['First', 'Last', 'Email', 'Company', 'Phone', 'Notes'],
      [['  Mary \u00a0 Ann ', ' van  der\tBerg ', '  MAILTO:Mary.Ann@Example.COM ', '   ', ' +31 20 123 ', '  keep   inner  ']]
    )
    const { rows } = mapRows(t, { ...NAME_EMAIL, company: 3, phone: 4, notes: 5 })
    expect(rows[0]).toMatchObject({
      firstName: 'Mary Ann',
      lastName: 'van der Berg',
      email: 'mary.ann@example.com',
      company: null,
      phone: '+31 20 123',
      notes: 'keep   inner'
    })
  })

  it('reports a row without any name', () => {
    const t = table(['First', 'Last', 'Email'], [['', '', 'a@example.com'], ['Ann', '', '']])
    const { rows, issues } = mapRows(t, NAME_EMAIL)
    expect(issues).toEqual([
      { line: 2, field: null, code: 'missing_name', severity: 'error', message: 'Line 2: a first name or a last name is required.' }
    ])
    expect(rows.map((r) => r.line)).toEqual([3])
  })

  it('keeps people whose e-mail is no address, with the value apart and a warning naming the line and the column', () => {
    const t = table(['First', 'Last', 'E-Mail-Adresse'], [['Ann', 'Lee', 'ann@'], ['Bo', 'Li', 'bo at example.com']])
    const { rows, issues } = mapRows(t, NAME_EMAIL)
    expect(rows.map((r) => [r.lastName, r.email, r.invalidEmail])).toEqual([
      ['Lee', null, 'ann@'],
      ['Li', null, 'bo at example.com']
    ])
    expect(issues.map((i) => [i.line, i.field, i.code, i.severity])).toEqual([
      [2, 'email', 'invalid_email', 'warning'],
      [3, 'email', 'invalid_email', 'warning']
    ])
    expect(issues[0]?.message).toBe(
      'Line 2: "ann@" in the e-mail (column "E-Mail-Adresse") is not a valid e-mail address; the person is imported and the value kept for you to fix.'
    )
  })

  it('accepts internationalised addresses (RFC 6531) and keeps them as written, in NFC and lower case', () => {
    const t = table(
      ['First', 'Last', 'Email'],
      [['José', 'Müller', 'José.Müller@Example.org'], ['Info', 'Söhne', 'info@müller-söhne.de'], ['Ivan', 'Petrov', 'ivan@пример.рф']]
    )
    const { rows, issues } = mapRows(t, NAME_EMAIL)
    expect(issues).toEqual([])
    expect(rows.map((r) => r.email)).toEqual(['josé.müller@example.org', 'info@müller-söhne.de', 'ivan@пример.рф'])
  })

  it('reports the same e-mail on later lines only, case-insensitively', () => {
    const t = table(
      ['First', 'Last', 'Email'],
      [['A', 'One', 'dup@example.com'], ['B', 'Two', 'other@example.com'], ['C', 'Three', 'DUP@Example.com'], ['D', 'Four', 'dup@example.com']]
    )
    const { rows, issues } = mapRows(t, NAME_EMAIL)
    expect(rows.map((r) => r.lastName)).toEqual(['One', 'Two'])
    expect(issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [4, 'email', 'duplicate_in_file'],
      [5, 'email', 'duplicate_in_file']
    ])
    expect(issues[0]?.message).toBe('Line 4: the e-mail address dup@example.com is already used on line 2.')
  })

  it('reports values over the length limits (200, phone 40, notes 2,000)', () => {
    const t = table(
      ['First', 'Last', 'Email', 'Company', 'Phone', 'Notes'],
      [
        ['A', 'x'.repeat(200), '', 'c'.repeat(200), '1'.repeat(40), 'n'.repeat(2_000)], // exactly at the limits: fine
        ['B', 'x'.repeat(201), '', '', '', ''],
        ['C', 'Lee', '', 'c'.repeat(201), '', ''],
        ['D', 'Lee', '', '', '1'.repeat(41), ''],
        ['E', 'Lee', '', '', '', 'n'.repeat(2_001)],
        ['F', 'Lee', `${'a'.repeat(100_000)}@example.com`, '', '', '']
      ]
    )
    const { rows, issues } = mapRows(t, { ...NAME_EMAIL, company: 3, phone: 4, notes: 5 })
    expect(rows.map((r) => r.firstName)).toEqual(['A'])
    expect(issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [3, 'lastName', 'too_long'],
      [4, 'company', 'too_long'],
      [5, 'phone', 'too_long'],
      [6, 'notes', 'too_long'],
      [7, 'email', 'too_long']
    ])
    expect(issues[0]?.message).toBe('Line 3: the last name (column "Last") is too long (201 characters; at most 200 are allowed).')
  })

  it('reports a fullName too long to split into valid parts', () => {
    const { issues } = mapRows(table(['Name'], [[`${'a'.repeat(150)} ${'b'.repeat(150)}`]]), { fullName: 0 })
    expect(issues.map((i) => [i.field, i.code])).toEqual([['fullName', 'too_long']])
  })

  it('normalises languages and reports unsupported ones', () => {
    const t = table(
      ['First', 'Last', 'Email', 'Language'],
      [['A', 'A', '', 'Deutsch'], ['B', 'B', '', 'de-DE'], ['C', 'C', '', 'Nederlands'], ['D', 'D', '', 'pt-BR'], ['E', 'E', '', '']]
    )
    const { rows, issues } = mapRows(t, { ...NAME_EMAIL, preferredLanguage: 3 })
    // An unsupported language is left out; the person is imported.
    expect(rows.map((r) => r.preferredLanguage)).toEqual(['de', 'de', 'nl', null, null])
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ line: 5, field: 'preferredLanguage', code: 'invalid_language', severity: 'warning' })
    expect(issues[0]?.message).toBe(
      'Line 5: "pt-BR" in the language (column "Language") is not a supported language; use one of en, nl, de, fr, es, it, pl. ' +
        'The person is imported without a language.'
    )
  })

  it('reports every problem of a row once per field and drops the row', () => {
    const t = table(['First', 'Last', 'Email', 'Language'], [['', '', 'nope', 'xx']])
    const { rows, issues } = mapRows(t, { ...NAME_EMAIL, preferredLanguage: 3 })
    expect(rows).toEqual([])
    expect(issues.map((i) => i.code)).toEqual(['missing_name', 'invalid_email', 'invalid_language'])
  })

  it('passes hostile content through as plain data, without NUL bytes and bidi overrides, and says so', async () => {
    const t = await parseFixture('hostile.csv')
    expect(guessMapping(t.headers)).toEqual({ fullName: 0, email: 1, company: 2, notes: 3 })
    // Name mapped as lastName so every value is compared exactly as written.
    const { rows, issues } = mapRows(t, { lastName: 0, email: 1, company: 2, notes: 3 })
    expect(issues.map((i) => [i.line, i.field, i.code, i.severity])).toEqual([
      [5, 'notes', 'cleaned', 'warning'],
      [6, 'lastName', 'cleaned', 'warning'],
      [6, 'company', 'cleaned', 'warning']
    ])
    expect(rows.map((r) => [r.lastName, r.company, r.notes])).toEqual([
      ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","x")', '+1'],
      ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '@SUM(A1)'],
      ['🎉 Zoë 👩🏽‍💻', '😀 Corp', '-1'], // the emoji's zero-width joiner stays
      ['محمد علي', 'שלום בע"מ', 'evil'],
      ['NulByte', 'NullCo', 'x']
    ])
  })

  it('splits hostile full names like any other', async () => {
    const t = await parseFixture('hostile.csv')
    const { rows } = mapRows(t, guessMapping(t.headers))
    expect(rows.map((r) => [r.firstName, r.lastName])).toEqual([
      ["=cmd|' /C", "calc'!A0"],
      ['', '<script>alert(1)</script>'],
      ['🎉 Zoë', '👩🏽‍💻'],
      ['محمد', 'علي'],
      ['', 'NulByte']
    ])
  })

  it('keeps messages about hostile values on one line and short', () => {
    const t = table(['First', 'Last', 'Email'], [['A', 'B', `\u202Eevil\r\n${'x'.repeat(500)}`]])
    const { issues } = mapRows(t, NAME_EMAIL)
    expect(issues[0]?.message).not.toMatch(/[\r\n\u202E]/)
    expect(issues[0]?.message.length).toBeLessThan(200)
  })

  it('reads a mapped column at index 9,999 of a 10,000-column row', () => {
    const headers = Array.from({ length: 10_000 }, (_, i) => `h${i}`)
    const row = Array.from({ length: 10_000 }, (_, i) => `v${i}`)
    const { rows } = mapRows(table(headers, [row]), { firstName: 0, lastName: 9_999 })
    expect(rows[0]).toMatchObject({ firstName: 'v0', lastName: 'v9999' })
  })

  it('treats mapping entries outside the table as unmapped', () => {
    const { rows, issues } = mapRows(table(['First', 'Last'], [['Ann', 'Lee']]), { firstName: 0, lastName: 1, email: 7 })
    expect(issues).toEqual([])
    expect(rows[0]?.email).toBeNull()
  })

  it('maps the xlsx fixture', async () => {
    const t = await parseFixture('attendees.xlsx')
    const { rows, issues } = mapRows(t, guessMapping(t.headers))
    expect(issues).toEqual([])
    expect(rows.map((r) => [r.line, r.firstName, r.lastName, r.email, r.phone, r.company, r.ticketType])).toEqual([
      [2, 'Anna', 'Müller', 'anna@example.com', '4915112345678', 'Müller & Söhne', 'VIP'],
      [4, 'Zoë', "O'Brien", 'zoe@example.ie', '+353 1 234 5678', 'Acme', 'VIP'],
      [5, '=1+1', '<b>bold</b>', 'formula-text@example.com', null, null, null]
    ])
  })
})

describe('mapRows: speed', () => {
  it('maps 50,000 rows', () => {
    const headers = ['First name', 'Last name', 'Email', 'Company', 'Job title', 'Phone', 'Ticket', 'Code', 'Language', 'Notes']
    const rows = Array.from({ length: 50_000 }, (_, i) => [
      ` First${i} `, `Läst ${i}`, `User${i}@Example.com`, `Company ${i % 500}`, 'Engineer', `+49 30 ${i}`, 'Standard', `C${i}`,
      i % 2 === 0 ? 'Deutsch' : 'en-GB', `Notes ${i}`
    ])
    const t = table(headers, rows)
    const mapping = guessMapping(headers)
    const started = performance.now()
    const result = mapRows(t, mapping)
    console.log(`mapRows: 50,000 rows × 10 columns in ${(performance.now() - started).toFixed(0)} ms`)
    expect(result.issues).toEqual([])
    expect(result.rows).toHaveLength(50_000)
    expect(result.rows[49_999]).toMatchObject({ firstName: 'First49999', email: 'user49999@example.com', preferredLanguage: 'en' })
  })
})

describe('real export layouts', () => {
  it('prefers the scannable barcode over the attendee number (Eventbrite)', () => {
    expect(guessByHeader(['Order #', 'First Name', 'Last Name', 'Email', 'Ticket Type', 'Attendee #', 'Barcode #', 'Attendee Status'])).toMatchObject({
      code: 'Barcode #',
      status: 'Attendee Status'
    })
  })

  it("takes the attendee's e-mail, with the order's for rows without one (pretix orders)", () => {
    expect(guessByHeader(['Order code', 'Status', 'Email', 'Product', 'Attendee name: Given name', 'Attendee name: Family name', 'Attendee email', 'Ticket secret', 'Order comment'])).toEqual({
      code: 'Ticket secret',
      status: 'Status',
      email: 'Attendee email',
      buyerEmail: 'Email',
      ticketType: 'Product',
      firstName: 'Attendee name: Given name',
      lastName: 'Attendee name: Family name',
      comment: 'Order comment'
    })
    const t = table(['Attendee email', 'Email', 'Last'], [['', 'order@example.com', 'Petrov'], ['me@example.com', 'order@example.com', 'Ivanov']])
    const { rows } = mapRows(t, { email: 0, buyerEmail: 1, lastName: 2 })
    expect(rows.map((r) => r.email)).toEqual(['order@example.com', 'me@example.com'])
  })

  it('reads attention, comments and special needs into the door note (pretix check-in list, Cvent)', () => {
    expect(guessByHeader(['Secret', 'Paid', 'Requires special attention', 'Comment'])).toEqual({ code: 'Secret', status: 'Paid', attention: 'Requires special attention', comment: 'Comment' })
    expect(guessByHeader(['Registration Status', 'Confirmation Number', 'Special Accommodations', 'Internal Note'])).toEqual({
      status: 'Registration Status',
      code: 'Confirmation Number',
      accommodations: 'Special Accommodations',
      comment: 'Internal Note'
    })
    const t = table(['Last', 'Attention', 'Needs', 'Note'], [['Zulu', 'Yes', 'Wheelchair user', 'Arrives late\r\nby train'], ['Lee', 'No', '', '']])
    const { rows } = mapRows(t, { lastName: 0, attention: 1, accommodations: 2, comment: 3 })
    expect(rows.map((r) => [r.attention, r.doorNote])).toEqual([
      [true, 'Wheelchair user\nArrives late\nby train'],
      [false, null]
    ])
  })

  it('maps statuses to registered, cancelled or pending; a pending one is flagged with its status in the door note', () => {
    const values = ['Attending', 'Checked In', 'Not Attending', 'Refunded', 'Canceled', 'Cancelled', 'Declined', 'expired', 'paid', 'pending', 'Waitlisted', 'Pending Approval', 'No', 'Yes', 'Accepted', 'Storniert', 'Something else']
    const t = table(['Last', 'Status'], values.map((v, i) => [`P${i}`, v]))
    const { rows, issues } = mapRows(t, { lastName: 0, status: 1 })
    expect(rows.map((r) => [r.statusValue, r.status])).toEqual([
      ['Attending', 'registered'], ['Checked In', 'registered'], ['Not Attending', 'cancelled'], ['Refunded', 'cancelled'], ['Canceled', 'cancelled'],
      ['Cancelled', 'cancelled'], ['Declined', 'cancelled'], ['expired', 'cancelled'], ['paid', 'registered'], ['pending', 'pending'], ['Waitlisted', 'pending'],
      ['Pending Approval', 'pending'], ['No', 'pending'], ['Yes', 'registered'], ['Accepted', 'registered'], ['Storniert', 'cancelled'], ['Something else', 'registered']
    ])
    expect(rows.find((r) => r.statusValue === 'Waitlisted')).toMatchObject({ attention: true, doorNote: 'Status: Waitlisted' })
    expect(issues).toEqual([expect.objectContaining({ line: 18, code: 'unknown_status', severity: 'warning' })])
  })

  it('names one person per ticket code: the same e-mail on several tickets is fine, the same code twice is not', () => {
    const t = table(['Last', 'Email', 'Barcode'], [['Petrov', 'ivan@example.com', 'A1'], ['Petrov', 'ivan@example.com', 'A2'], ['Petrov', 'ivan@example.com', 'A2']])
    const { rows, issues } = mapRows(t, { lastName: 0, email: 1, code: 2 })
    expect(rows.map((r) => r.code)).toEqual(['A1', 'A2'])
    expect(issues.map((i) => [i.line, i.code])).toEqual([[4, 'duplicate_code_in_file']])
  })
})

describe('splitFullName with titles', () => {
  it.each([
    ['Mrs Andrea Zulu', 'Andrea', 'Zulu'],
    ['Dr. Hans Meier', 'Hans', 'Meier'],
    ['Prof. Dr. Jürgen Groß', 'Jürgen', 'Groß'],
    ['M. Jean Dupont', 'Jean', 'Dupont'],
    ['M Dupont', 'M', 'Dupont'], // without its dot "M" may be an initial
    ['Dr', '', 'Dr']
  ])('%j → first %j, last %j', (input, firstName, lastName) => {
    expect(splitFullName(input)).toEqual({ firstName, lastName })
  })
})
