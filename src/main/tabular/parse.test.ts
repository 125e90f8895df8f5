import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { ImportFileError, cellToString, decodeText, parseImportFile, sniffDelimiter } from './parse'

const fixturesDir = new URL('../../../tests/fixtures/import/', import.meta.url)
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, fixturesDir)))
const parseFixture = (name: string) => parseImportFile(name, fixture(name))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

async function expectImportError(promise: Promise<unknown>, code: ImportFileError['code']): Promise<ImportFileError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(ImportFileError)
  expect((err as ImportFileError).code).toBe(code)
  return err as ImportFileError
}

describe('parseImportFile: CSV encodings and delimiters', () => {
  it('reads an Eventbrite export in UTF-8 with BOM and strips the BOM', async () => {
    const t = await parseFixture('eventbrite-utf8-bom.csv')
    expect(t).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' })
    expect(t.headers[0]).toBe('Order #') // no \uFEFF glued to the first header
    expect(t.headers).toEqual([
      'Order #', 'Order Date', 'First Name', 'Last Name', 'Email', 'Quantity', 'Ticket Type', 'Company', 'Job Title'
    ])
    expect(t.rows).toHaveLength(3)
    expect(t.rows[0]?.[3]).toBe('Müller')
    expect(t.rows[0]?.[7]).toBe('Müller & Söhne, GmbH')
    expect(t.rows[1]?.[8]).toBe('Head of "Ops"')
    // Trailing empty cells are kept as '' so every row has headers.length cells.
    expect(t.rows[2]).toEqual(['1234567892', '2025-03-03 09:15', 'Zoë', "O'Brien", 'zoe@example.ie', '1', 'Early Bird', '', ''])
    expect(t.lineNumbers).toEqual([2, 3, 4])
  })

  it('reads UTF-8 without BOM (pretix)', async () => {
    const t = await parseFixture('pretix-utf8.csv')
    expect(t).toMatchObject({ encoding: 'utf-8', delimiter: ',' })
    expect(t.headers[2]).toBe('Attendee name: Given name')
    expect(t.rows[0]).toEqual(['ABC12', 'Łukasz Nowak', 'Łukasz', 'Nowak', 'lukasz@example.pl', 'Żabka Sp. z o.o.', 'Conference pass'])
  })

  it('reads UTF-16LE with BOM and tabs (Excel "Unicode text")', async () => {
    const t = await parseFixture('cvent-utf16le-bom.tsv')
    expect(t).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' })
    expect(t.headers[0]).toBe('First Name')
    expect(t.headers).toHaveLength(7)
    expect(t.rows[0]).toEqual(['Chloé', 'Durand', 'chloe@example.fr', 'Société Générale', 'Directrice', 'Speaker', 'K7M2P9'])
    expect(t.rows[1]?.[1]).toBe('Østergaard')
    expect(t.rows[1]?.[3]).toBe('Nordic, Inc.')
  })

  it('detects UTF-16BE without a BOM from the NUL-byte pattern', async () => {
    const t = await parseFixture('dutch-utf16be-nobom.csv')
    expect(t).toMatchObject({ encoding: 'utf-16be', delimiter: ',' })
    expect(t.headers).toEqual(['Voornaam', 'Achternaam', 'E-mail', 'Bedrijf', 'Taal'])
    expect(t.rows[0]).toEqual(['Jan', 'de Vries', 'jan@example.nl', 'Bakkerij Één', 'Nederlands'])
  })

  it('detects UTF-16LE without a BOM too', () => {
    const bytes = iconv.encode('Name,Email\nÄrger,a@b.de\n', 'utf-16le')
    expect(decodeText(bytes)).toEqual({ text: 'Name,Email\nÄrger,a@b.de\n', encoding: 'utf-16le' })
  })

  it('falls back to windows-1252 when the bytes are not valid UTF-8', async () => {
    const t = await parseFixture('french-windows-1252.csv')
    expect(t).toMatchObject({ encoding: 'windows-1252', delimiter: ';' })
    expect(t.headers).toEqual(['Prénom', 'Nom', 'Société', 'Courriel', 'Langue', 'Remarques'])
    expect(t.rows[0]?.[0]).toBe('Éloïse')
    expect(t.rows[1]?.slice(0, 3)).toEqual(['Jürgen', 'Groß', 'Straße AG'])
    expect(t.rows[1]?.[5]).toBe('Prix: 50 €') // 0x80 is € in windows-1252, not a C1 control
  })

  it('picks ; over , in a German export with decimal commas and commas in names', async () => {
    const t = await parseFixture('german-semicolon.csv')
    expect(t.delimiter).toBe(';')
    expect(t.headers).toHaveLength(8)
    expect(t.rows[1]?.[3]).toBe('Müller, Meier & Co.')
    expect(t.rows[1]?.[6]).toBe('2,25')
    expect(t.rows[2]?.[7]).toBe('Kommt später; ca. 10 Uhr')
  })

  it('reads a pipe-delimited file', async () => {
    const t = await parseFixture('spanish-pipe.csv')
    expect(t.delimiter).toBe('|')
    expect(t.rows).toEqual([['María José', 'Fernández López', 'mj@example.es', 'Telefónica', 'español']])
  })

  it('keeps quoted newlines, commas and quotes, and numbers lines like a spreadsheet', async () => {
    const t = await parseFixture('quoted-newlines.csv')
    expect(t.delimiter).toBe(',')
    expect(t.rows).toEqual([
      ['Smith, John', 'john@example.com', 'Line one\r\nLine two, with comma'],
      ['Jane Doe', 'jane@example.com', 'She said "hi"'],
      ['Bob\r\nBuilder', 'bob@example.com', 'plain']
    ])
    // Row 2 spans two physical lines but is one spreadsheet row; row 3 is blank.
    expect(t.lineNumbers).toEqual([2, 4, 5])
  })

  it('passes hostile content through untouched', async () => {
    const t = await parseFixture('hostile.csv')
    expect(t.delimiter).toBe(',') // the | inside the quoted formula must not win
    expect(t.headers).toEqual(['Name', 'Email', 'Company', 'Notes'])
    expect(t.rows.map((r) => r[0])).toEqual([
      "=cmd|' /C calc'!A0",
      '<script>alert(1)</script>',
      '🎉 Zoë 👩🏽‍💻',
      'محمد علي',
      'Nul\u0000Byte'
    ])
    expect(t.rows[0]?.[2]).toBe('=HYPERLINK("http://evil.example","x")')
    expect(t.rows[3]?.[2]).toBe('שלום בע"מ') // a quote mid-field is data (relax_quotes)
    expect(t.rows[3]?.[3]).toBe('\u202Eevil')
  })

  it('trims cells, names empty headers, pads short rows and truncates long ones', async () => {
    const t = await parseImportFile('x.csv', utf8(' Name ,,Email\n  Ann  ,x,ann@example.com,extra,more\nBob\n'))
    expect(t.headers).toEqual(['Name', 'Column 2', 'Email'])
    expect(t.rows).toEqual([
      ['Ann', 'x', 'ann@example.com'],
      ['Bob', '', '']
    ])
  })

  it('drops trailing columns that have neither a header nor data', async () => {
    const t = await parseImportFile('x.csv', utf8('Name,Email,,\nAnn,ann@example.com,,\n'))
    expect(t.headers).toEqual(['Name', 'Email'])
    expect(t.rows).toEqual([['Ann', 'ann@example.com']])
  })

  it('uses the first non-empty row as header and drops fully empty rows', async () => {
    const t = await parseImportFile('x.csv', utf8('\n,,\nName,Email\n,\nAnn,a@b.de\n  ,  \nBob,b@b.de'))
    expect(t.headers).toEqual(['Name', 'Email'])
    expect(t.rows).toEqual([
      ['Ann', 'a@b.de'],
      ['Bob', 'b@b.de']
    ])
    expect(t.lineNumbers).toEqual([5, 7])
  })

  it('keeps very long cells as they are (validation reports them later)', async () => {
    const long = 'x'.repeat(5000)
    const t = await parseImportFile('x.csv', utf8(`Name,Notes\nAnn,${long}\n`))
    expect(t.rows[0]?.[1]).toHaveLength(5000)
  })

  it('handles a 10,000-column row', async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `h${i}`).join(',')
    const row = Array.from({ length: 10_000 }, (_, i) => `v${i}`).join(',')
    const t = await parseImportFile('wide.csv', utf8(`${header}\n${row}\n`))
    expect(t.headers).toHaveLength(10_000)
    expect(t.rows[0]?.[9_999]).toBe('v9999')
  })

  it('treats a single-column file as comma-delimited', async () => {
    const t = await parseImportFile('names.csv', utf8('Name\nAnn\nBob\n'))
    expect(t.delimiter).toBe(',')
    expect(t.rows).toEqual([['Ann'], ['Bob']])
  })

  it('reports an unclosed quote as malformed', async () => {
    const err = await expectImportError(parseImportFile('x.csv', utf8('Name,Email\n"Ann,a@b.de\nBob,b@b.de\n')), 'malformed')
    expect(err.message).toMatch(/could not be read/)
  })
})

describe('sniffDelimiter', () => {
  it('ignores delimiters inside quoted fields, including across newlines', () => {
    expect(sniffDelimiter('a;b;c\n"x,y,z\n1,2,3";2;3\n4;5;6\n')).toBe(';')
  })

  it('prefers the candidate that is consistent over one that is merely frequent', () => {
    expect(sniffDelimiter('Name\tNotes\nDoe, Jane\ta,b,c,d\nRoe, Rich\te,f\n')).toBe('\t')
  })

  it('does not treat a quote in the middle of a field as opening a quoted field', () => {
    expect(sniffDelimiter('Item;Size\n5" screen;small, medium\nCable;1m\n')).toBe(';')
  })
})

describe('parseImportFile: limits and rejected files', () => {
  it('rejects a zero-byte file as empty', async () => {
    await expectImportError(parseFixture('empty.csv'), 'empty_file')
  })

  it('rejects a file of blank lines as empty', async () => {
    await expectImportError(parseFixture('blank-lines.csv'), 'empty_file')
  })

  it('rejects a file with only delimiters as empty', async () => {
    await expectImportError(parseFixture('delimiters-only.csv'), 'empty_file')
  })

  it('accepts a header-only file with no rows', async () => {
    const t = await parseFixture('header-only.csv')
    expect(t.headers).toEqual(['First Name', 'Last Name', 'Email'])
    expect(t.rows).toEqual([])
  })

  it('rejects legacy .xls by its magic bytes, whatever the name', async () => {
    const err = await expectImportError(parseImportFile('renamed.csv', fixture('legacy.xls')), 'unsupported_format')
    expect(err.message).toBe('Excel 97-2003 .xls files and password-protected workbooks cannot be read; save as .xlsx (without a password) or CSV')
    expect(err.key).toBe('xls')
  })

  it('rejects a PDF uploaded by mistake', async () => {
    await expectImportError(parseImportFile('list.csv', utf8('%PDF-1.7\n...')), 'unsupported_format')
  })

  it('rejects .ods by extension', async () => {
    await expectImportError(parseImportFile('list.ods', new Uint8Array([0x50, 0x4b, 3, 4, 0])), 'unsupported_format')
  })

  it('reports a broken .xlsx as malformed', async () => {
    await expectImportError(parseImportFile('list.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])), 'malformed')
  })

  it('enforces maxRows on data rows (blank rows do not count)', async () => {
    const text = 'Name\nA\n\nB\nC\n'
    expect((await parseImportFile('x.csv', utf8(text), { maxRows: 3 })).rows).toHaveLength(3)
    const err = await expectImportError(parseImportFile('x.csv', utf8(text), { maxRows: 2 }), 'too_large')
    expect(err.message).toMatch(/more than 2 rows/)
  })

  it('enforces maxRows for xlsx too', async () => {
    await expectImportError(parseImportFile('attendees.xlsx', fixture('attendees.xlsx'), { maxRows: 1 }), 'too_large')
  })
})

describe('parseImportFile: XLSX', () => {
  it('reads the first worksheet and converts cell values to display strings', async () => {
    const t = await parseFixture('attendees.xlsx')
    expect(t).toMatchObject({ format: 'xlsx', encoding: 'xlsx', delimiter: null })
    expect(t.headers).toEqual([
      'First Name', 'Last Name', 'Email', 'Phone', 'Registered', 'Company', 'Score', 'Paid', 'Column 9', 'Ticket'
    ])
    expect(t.rows).toEqual([
      ['Anna', 'Müller', 'anna@example.com', '4915112345678', '2025-03-14', 'Müller & Söhne', '12', 'TRUE', 'stray', 'VIP'],
      ['Zoë', "O'Brien", 'zoe@example.ie', '+353 1 234 5678', '2025-03-15 09:30', 'Acme', '0.3', 'FALSE', '', 'VIP'],
      ['=1+1', '<b>bold</b>', 'formula-text@example.com', '', '', '', '', '', '', '']
    ])
    // Spreadsheet row 3 is blank, so the second data row is row 4.
    expect(t.lineNumbers).toEqual([2, 4, 5])
  })

  it('detects xlsx by magic bytes even with a misleading name', async () => {
    const t = await parseImportFile('attendees.csv', fixture('attendees.xlsx'))
    expect(t.format).toBe('xlsx')
  })

  it('rejects a workbook whose first sheet is empty', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Empty')
    const data = new Uint8Array(await wb.xlsx.writeBuffer())
    await expectImportError(parseImportFile('empty.xlsx', data), 'empty_file')
  })

  it('keeps only the master value of merged cells', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('S')
    ws.addRow(['Name', 'Group', ''])
    ws.addRow(['Ann', 'Team A', ''])
    ws.mergeCells('B2:C2')
    const t = await parseImportFile('m.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()))
    expect(t.headers).toEqual(['Name', 'Group'])
    expect(t.rows).toEqual([['Ann', 'Team A']])
  })
})

describe('cellToString', () => {
  it('renders every exceljs value shape', () => {
    expect(cellToString(null)).toBe('')
    expect(cellToString(42)).toBe('42')
    expect(cellToString(1e21)).toBe('1000000000000000000000')
    expect(cellToString(2.5)).toBe('2.5')
    expect(cellToString(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29')
    expect(cellToString(new Date(Date.UTC(2024, 1, 29, 8, 5, 9)))).toBe('2024-02-29 08:05:09')
    expect(cellToString({ error: '#N/A' })).toBe('#N/A')
    expect(cellToString({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab')
    expect(cellToString({ formula: 'A1', result: new Date(Date.UTC(2020, 0, 2)) })).toBe('2020-01-02')
    expect(cellToString({ formula: 'A1' })).toBe('')
    expect(cellToString({ sharedFormula: 'A1', result: 7 })).toBe('7')
    expect(cellToString({ text: '', hyperlink: 'mailto:x@y.de' })).toBe('x@y.de')
  })
})

describe('parseImportFile: speed', () => {
  it('parses 50,000 rows × 10 columns of CSV', async () => {
    const header = ['First name', 'Last name', 'Email', 'Company', 'Job title', 'Phone', 'Ticket', 'Code', 'Language', 'Notes']
    const lines = [header.join(',')]
    for (let i = 0; i < 50_000; i++) {
      lines.push(
        `Firstname${i},Lästname${i},user${i}@example.com,"Company ${i % 500}, Inc.",Engineer,+49 30 ${1_000_000 + i},Standard,C${i},de,` +
          `"Notes ${i}, row padding"`
      )
    }
    const data = utf8(lines.join('\r\n'))
    const started = performance.now()
    const t = await parseImportFile('big.csv', data)
    const ms = performance.now() - started
    console.log(`parseImportFile: 50,000 rows × 10 columns, ${(data.length / 1e6).toFixed(1)} MB CSV in ${ms.toFixed(0)} ms`)
    expect(t.rows).toHaveLength(50_000)
    expect(t.rows[49_999]?.[3]).toBe('Company 499, Inc.')
    expect(t.lineNumbers?.[49_999]).toBe(50_001)
  })
})

describe('parseImportFile: workbooks with several sheets', () => {
  const combined = () => new Uint8Array(readFileSync(new URL('real/pretix-orders-combined.xlsx', fixturesDir)))
  const positionsFirst = (headers: string[]) => (headers.includes('Product') ? 2 : headers.length > 0 ? 1 : 0)

  it('reads the sheet the scorer likes best, not the first (pretix: Order positions, not Orders)', async () => {
    const t = await parseImportFile('orders.xlsx', combined(), { scoreHeaders: positionsFirst })
    expect(t).toMatchObject({ sheet: 'Order positions', sheets: ['Orders', 'Order positions', 'Order fees'] })
    expect(t.headers.slice(0, 4)).toEqual(['Event slug', 'Order code', 'Position ID', 'Status'])
    expect(t.rows).toHaveLength(46)
  })

  it('reads the sheet asked for, and says so when there is none by that name', async () => {
    expect((await parseImportFile('orders.xlsx', combined(), { sheet: 'Orders' })).rows).toHaveLength(39)
    const err = await expectImportError(parseImportFile('orders.xlsx', combined(), { sheet: 'Nope' }), 'unsupported_format')
    expect([err.key, err.params]).toEqual(['sheetNotFound', { sheet: 'Nope' }])
  })
})

describe('parseImportFile: binary files', () => {
  it('refuses random bytes and programs instead of decoding them as windows-1252', async () => {
    const random = new Uint8Array(8192).map((_, i) => (i * 7919 + 13) % 251)
    expect((await expectImportError(parseImportFile('list.csv', random), 'unsupported_format')).key).toBe('binary')
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])
    expect((await expectImportError(parseImportFile('list.csv', exe), 'unsupported_format')).key).toBe('knownBinary')
  })

  it('still reads text with a few control characters or terminal escapes', async () => {
    const t = await parseImportFile('x.csv', utf8('Name,Note\nNul\u0000Byte,\u001b[31mred\u001b[0m\nAnn,ok\n'))
    expect(t.rows).toHaveLength(2)
  })
})
