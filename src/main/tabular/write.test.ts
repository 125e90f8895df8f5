import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { neutraliseCell, safeSheetName, writeCsv, writeXlsx, type ExportColumn } from './write'
import { parseImportFile } from './parse'

interface Person {
  name: string
  note: string | null
  amount: number | null
}

const COLUMNS: ExportColumn<Person>[] = [
  { header: 'Name', width: 25, value: (p) => p.name },
  { header: 'Note', value: (p) => p.note },
  { header: 'Amount', width: 8, value: (p) => p.amount }
]

const TRICKY: Person[] = [
  { name: 'Zoë Ångström-Øre', note: 'Straße, Größe, ½ – “quotes”', amount: 12.5 },
  { name: '🎉 Party 👩🏽‍💻', note: 'He said "hi", then left', amount: 0 },
  { name: 'محمد علي', note: 'line one\r\nline two\nline three', amount: -3 },
  { name: 'Comma, Inc.', note: null, amount: null },
  { name: '<script>alert(1)</script>', note: '  padded  ', amount: 1e6 }
]

const FORMULAS = ['=1+1', '+SUM(A1)', '-2+3', '-1', '@SUM(A1)', '@cmd', '\t=1+1', '\r=1+1', "=cmd|' /C calc'!A0", '+1+1', '+49 30 =1', '+1 HYPERLINK']
const PHONE_NUMBERS = ['+49 30 1234-567', '+1 (555) 010-0199', '+441632960961', '+33 1.23.45.67.89', '+31/20-555 0100']

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0])
  const sheet = workbook.worksheets[0]
  if (sheet === undefined) throw new Error('no worksheet')
  return sheet
}

function sheetValues(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: unknown[] = []
    for (let c = 1; c <= sheet.columnCount; c++) values.push(row.getCell(c).value ?? null)
    out.push(values)
  })
  return out
}

function readCsv(buffer: Buffer): string[][] {
  return parseCsv(buffer, { bom: true })
}

describe('neutraliseCell', () => {
  it.each(FORMULAS)('prefixes %j with an apostrophe', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`)
  })

  it.each(['Anna', '', ' =1+1', "'quoted", '1+1', 'a=b', 'mail@example.com', '€5'])('leaves %j alone', (value) => {
    expect(neutraliseCell(value)).toBe(value)
  })

  it.each(PHONE_NUMBERS)('leaves the phone number %j as it is', (value) => {
    expect(neutraliseCell(value)).toBe(value)
  })
})

describe('writeXlsx', () => {
  it('round-trips accents, emoji, RTL, quotes, commas and newlines; numbers stay numbers', async () => {
    const sheet = await readXlsx(await writeXlsx(TRICKY, COLUMNS, 'Attendees'))
    expect(sheet.name).toBe('Attendees')
    // Line breaks come back as LF, Excel's in-cell line break.
    const expected = TRICKY.map((p) => [p.name, p.note?.replace(/\r\n/g, '\n') ?? null, p.amount])
    expect(sheetValues(sheet)).toEqual([['Name', 'Note', 'Amount'], ...expected])
    expect(sheet.getCell('B4').value).toBe('line one\nline two\nline three')
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number)
    expect(sheet.getCell('C4').value).toBe(-3) // a negative number is a number, not a formula
  })

  it('writes formula-like text as inert string cells, exactly as typed, headers included', async () => {
    // No guard in XLSX: a string cell is a value, never a formula, and a ' would show in it.
    const texts = [...FORMULAS, ...PHONE_NUMBERS]
    const rows: Person[] = texts.map((name) => ({ name, note: null, amount: null }))
    const columns: ExportColumn<Person>[] = [{ header: '=HEADER()', value: (p) => p.name }]
    const sheet = await readXlsx(await writeXlsx(rows, columns, 'S'))
    const values = sheetValues(sheet).map((r) => r[0])
    expect(values).toEqual(['=HEADER()', ...texts.map((f) => f.replace('\r', '\n'))])
    for (let r = 1; r <= values.length; r++) {
      expect(sheet.getCell(r, 1).type).toBe(ExcelJS.ValueType.String)
      expect(sheet.getCell(r, 1).formula).toBeUndefined()
    }
  })

  it('writes times as date cells on the wall clock of the given zone, and money with two decimals', async () => {
    interface Visit {
      at: Date | null
      paid: number | null
    }
    const columns: ExportColumn<Visit>[] = [
      { header: 'At', value: (v) => v.at },
      { header: 'Paid', format: 'money', value: (v) => v.paid }
    ]
    const rows: Visit[] = [
      { at: new Date('2026-11-23T08:05:09.123Z'), paid: 12.5 }, // winter: UTC+1
      { at: new Date('2026-07-01T22:30:00Z'), paid: 0 }, // summer: UTC+2, the next day
      { at: null, paid: null }
    ]
    const sheet = await readXlsx(await writeXlsx(rows, columns, 'S', { timeZone: 'Europe/Berlin' }))
    // Excel's serial numbers have no zone: exceljs reads them back with the wall clock in the UTC fields.
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.Date)
    expect((sheet.getCell('A2').value as Date).toISOString()).toBe('2026-11-23T09:05:09.000Z')
    expect((sheet.getCell('A3').value as Date).toISOString()).toBe('2026-07-02T00:30:00.000Z')
    expect(sheet.getCell('A2').numFmt).toBe('yyyy-mm-dd hh:mm')
    expect(sheet.getCell('A4').value).toBeNull()
    expect(sheet.getCell('B2').value).toBe(12.5)
    expect(sheet.getCell('B2').numFmt).toBe('#,##0.00')
    expect(sheet.getCell('B3').numFmt).toBe('#,##0.00')
  })

  it('has a bold, frozen header row, an autofilter and column widths', async () => {
    const sheet = await readXlsx(await writeXlsx(TRICKY, COLUMNS, 'Attendees'))
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(sheet.getRow(1).getCell(3).font?.bold).toBe(true)
    expect(sheet.getRow(2).getCell(1).font?.bold).not.toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.autoFilter).toBe('A1:C1')
    expect(sheet.getColumn(1).width).toBe(25)
    expect(sheet.getColumn(2).width).toBe(10) // default for a short header
    expect(sheet.getColumn(3).width).toBe(8)
  })

  it('drops characters XML cannot hold instead of producing a corrupt file', async () => {
    const rows: Person[] = [{ name: 'Nul\u0000Byte\u0001\u001f', note: 'lone \ud800 surrogate', amount: Number.NaN }]
    const sheet = await readXlsx(await writeXlsx(rows, COLUMNS, 'S'))
    expect(sheetValues(sheet)[1]).toEqual(['NulByte', 'lone  surrogate', null])
  })

  it('caps cells at Excel’s 32,767 characters', async () => {
    const rows: Person[] = [{ name: 'x'.repeat(40_000), note: null, amount: null }]
    const sheet = await readXlsx(await writeXlsx(rows, COLUMNS, 'S'))
    expect(String(sheet.getCell('A2').value)).toHaveLength(32_767)
  })

  it('writes our own formulas with their cached results; user text stays a value', async () => {
    const columns: ExportColumn<Person>[] = [
      { header: 'Name', value: (p) => p.name },
      { header: 'Amount', value: (p) => p.amount },
      { header: 'Double', value: (p) => (p.amount ?? 0) * 2, formula: (_p, row) => `B${row}*2` }
    ]
    const sheet = await readXlsx(await writeXlsx([{ name: '=1+1', note: null, amount: 21 }], columns, 'Sheet'))
    expect(sheet.getCell('A2').value).toBe('=1+1')
    expect(sheet.getCell('C2').value).toEqual({ formula: 'B2*2', result: 42 })
    // CSV has no formulas: it writes the value.
    expect(writeCsv([{ name: 'x', note: null, amount: 21 }], columns).toString('utf8')).toContain('x,21,42')
  })

  it('accepts any iterable and an empty list', async () => {
    function* generate(): Generator<Person> {
      yield { name: 'From a generator', note: null, amount: 1 }
    }
    expect(sheetValues(await readXlsx(await writeXlsx(generate(), COLUMNS, 'S')))).toEqual([
      ['Name', 'Note', 'Amount'],
      ['From a generator', null, 1]
    ])
    expect(sheetValues(await readXlsx(await writeXlsx([], COLUMNS, 'S')))).toEqual([['Name', 'Note', 'Amount']])
  })

  it('makes sheet names Excel accepts', async () => {
    expect(safeSheetName('Q1/Q2: [draft]?*')).toBe('Q1 Q2   draft')
    expect(safeSheetName("'quoted'")).toBe('quoted')
    expect(safeSheetName('   ')).toBe('Sheet1')
    expect(safeSheetName('A very long event name that goes on and on')).toHaveLength(31)
    const sheet = await readXlsx(await writeXlsx([], COLUMNS, 'Attendees: 2025/26'))
    expect(sheet.name).toBe('Attendees  2025 26')
  })

  it('writes 100,000 rows × 10 columns', async () => {
    interface Wide {
      i: number
    }
    const columns: ExportColumn<Wide>[] = [
      { header: 'Code', value: (r) => `C${r.i}` },
      { header: 'First name', value: (r) => `Zoë${r.i}` },
      { header: 'Last name', value: (r) => `Müller${r.i}` },
      { header: 'E-mail', value: (r) => `user${r.i}@example.com` },
      { header: 'Company', value: (r) => `Company ${r.i % 500}, Inc.` },
      { header: 'Job title', value: () => 'Engineer' },
      { header: 'Phone', value: (r) => `+49 30 ${1_000_000 + r.i}` },
      { header: 'Ticket type', value: () => 'Standard' },
      { header: 'Amount', value: (r) => r.i / 100 },
      { header: 'Notes', value: (r) => (r.i % 10 === 0 ? `=note ${r.i}` : null) }
    ]
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ i }))
    const started = performance.now()
    const buffer = await writeXlsx(rows, columns, 'Attendees')
    const ms = performance.now() - started
    console.log(`writeXlsx: 100,000 rows × 10 columns → ${(buffer.length / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms`)
    const sheet = await readXlsx(buffer)
    expect(sheet.rowCount).toBe(100_001)
    expect(sheet.getCell('A100001').value).toBe('C99999')
    expect(sheet.getCell('I100001').value).toBe(999.99)
    expect(sheet.getCell('J100000').value).toBe(null)
    expect(sheet.getCell('J99992').value).toBe('=note 99990')
  })
})

describe('writeCsv', () => {
  it('writes UTF-8 with BOM, commas and CRLF line ends', () => {
    const buffer = writeCsv([{ name: 'Zoë', note: null, amount: 2 }], COLUMNS)
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(buffer.subarray(3).toString('utf8')).toBe('Name,Note,Amount\r\nZoë,,2\r\n')
  })

  it('quotes per RFC 4180', () => {
    const text = writeCsv(TRICKY, COLUMNS).toString('utf8')
    expect(text).toContain('"Straße, Größe, ½ – “quotes”"')
    expect(text).toContain('"He said ""hi"", then left"')
    expect(text).toContain('"line one\r\nline two\nline three"')
    expect(text).toContain('"Comma, Inc.",,\r\n')
    expect(text).toContain('"  padded  "')
  })

  it('round-trips through csv-parse', () => {
    expect(readCsv(writeCsv(TRICKY, COLUMNS))).toEqual([
      ['Name', 'Note', 'Amount'],
      ['Zoë Ångström-Øre', 'Straße, Größe, ½ – “quotes”', '12.5'],
      ['🎉 Party 👩🏽‍💻', 'He said "hi", then left', '0'],
      ['محمد علي', 'line one\r\nline two\nline three', '-3'],
      ['Comma, Inc.', '', ''],
      ['<script>alert(1)</script>', '  padded  ', '1000000']
    ])
  })

  it('neutralises formula-like strings, headers included, but not numbers or phone numbers', () => {
    const rows: Person[] = [...FORMULAS, ...PHONE_NUMBERS].map((name) => ({ name, note: null, amount: -1 }))
    const columns: ExportColumn<Person>[] = [
      { header: '@header', value: (p) => p.name },
      { header: 'Amount', value: (p) => p.amount }
    ]
    expect(readCsv(writeCsv(rows, columns))).toEqual([
      ["'@header", 'Amount'],
      ...FORMULAS.map((f) => [`'${f}`, '-1']),
      ...PHONE_NUMBERS.map((p) => [p, '-1'])
    ])
  })

  it('writes times as "YYYY-MM-DD HH:mm" in the given zone, money with two decimals', () => {
    const columns: ExportColumn<{ at: Date | null; paid: number | null }>[] = [
      { header: 'At', value: (v) => v.at },
      { header: 'Paid', format: 'money', value: (v) => v.paid }
    ]
    const rows = [
      { at: new Date('2026-11-23T08:05:59Z'), paid: 12.5 },
      { at: new Date('2026-07-01T22:30:00Z'), paid: 1234 },
      { at: null, paid: null }
    ]
    expect(readCsv(writeCsv(rows, columns, { timeZone: 'Europe/Berlin' }))).toEqual([
      ['At', 'Paid'],
      ['2026-11-23 09:05', '12.50'],
      ['2026-07-02 00:30', '1234.00'],
      ['', '']
    ])
    expect(readCsv(writeCsv(rows.slice(0, 1), columns, { timeZone: 'America/New_York' }))[1]).toEqual(['2026-11-23 03:05', '12.50'])
  })

  it('writes semicolon-separated values with a decimal comma, quoting what holds a semicolon', () => {
    const text = writeCsv(TRICKY, [...COLUMNS, { header: 'Paid', format: 'money', value: (p) => p.amount }], { delimiter: ';' }).toString('utf8')
    expect(text.split('\r\n')[0]).toBe('\uFEFFName;Note;Amount;Paid')
    expect(text).toContain('Zoë Ångström-Øre;Straße, Größe, ½ – “quotes”;12,5;12,50\r\n')
    expect(parseCsv(writeCsv([{ name: 'a;b', note: null, amount: 1 }], COLUMNS, { delimiter: ';' }), { bom: true, delimiter: ';' })).toEqual([
      ['Name', 'Note', 'Amount'],
      ['a;b', '', '1']
    ])
  })

  it('is read back by the importer (encoding, delimiter, quoted newlines)', async () => {
    const table = await parseImportFile('export.csv', writeCsv(TRICKY, COLUMNS))
    expect(table).toMatchObject({ encoding: 'utf-8', delimiter: ',', headers: ['Name', 'Note', 'Amount'] })
    expect(table.rows.map((r) => r[0])).toEqual(TRICKY.map((p) => p.name))
    expect(table.rows[2]?.[1]).toBe('line one\r\nline two\nline three')
  })

  it('writes only the header for an empty list', () => {
    expect(writeCsv([], COLUMNS).toString('utf8')).toBe('\uFEFFName,Note,Amount\r\n')
  })
})
