// Turns an uploaded attendee list (CSV in any common encoding/delimiter, or
// .xlsx) into a plain table of trimmed strings. No validation happens here:
// that is import-mapping.ts's job, so a bad cell never rejects the whole file.
// Every refusal carries a key and params the screens translate; no library's
// own error text reaches a user.
import { parse as parseCsv, CsvError } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import { XlsxBook, type XlsxSheet } from './xlsx'
import { ZipError } from './zip'

export { cellToString } from './xlsx'

export interface ParsedTable {
  format: 'csv' | 'xlsx'
  /** 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' for CSV, 'xlsx' for xlsx. */
  encoding: string
  /** ',' ';' '\t' or '|' for CSV, null for xlsx. */
  delimiter: string | null
  /** Trimmed cells of the first non-empty row; an empty header becomes `Column N`. */
  headers: string[]
  /** Data rows, each padded/truncated to headers.length; fully empty rows dropped. */
  rows: string[][]
  /**
   * 1-based row number (as a spreadsheet shows it) of each entry in `rows`.
   * Differs from index + 2 when the file has blank rows or rows above the
   * header. Optional so hand-built tables stay valid; consumers fall back to
   * index + 2.
   */
  lineNumbers?: number[]
  /** The worksheet read, and every worksheet of the workbook (xlsx only). */
  sheet?: string
  sheets?: string[]
}

export type ImportFileErrorCode = 'empty_file' | 'unsupported_format' | 'too_large' | 'malformed'

/** Why a file cannot be imported: a code for the API status, a key + params for the screens. */
export class ImportFileError extends Error {
  constructor(
    public readonly code: ImportFileErrorCode,
    /** Under `importFile.` in the renderer's apiErrors. */
    public readonly key: string,
    message: string,
    public readonly params?: Record<string, string | number>
  ) {
    super(message)
    this.name = 'ImportFileError'
  }
}

export const DEFAULT_MAX_ROWS = 200_000

export interface ParseOptions {
  maxRows?: number
  /** The worksheet to read; by default the one `scoreHeaders` likes best (the first on a tie). */
  sheet?: string
  /** How much a header row looks like an attendee list (higher is better). */
  scoreHeaders?: (headers: string[]) => number
}

export async function parseImportFile(fileName: string, data: Uint8Array, options: ParseOptions = {}): Promise<ParsedTable> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const kind = detectKind(fileName, bytes)
  if (kind === 'zip') return parseXlsx(bytes, maxRows, options)

  const { text, encoding } = decodeText(bytes)
  if (text.trim() === '') throw new ImportFileError('empty_file', 'empty', 'The file is empty.')
  if (looksBinary(text)) {
    throw new ImportFileError('unsupported_format', 'binary', 'This is not a CSV or Excel file; upload a CSV or .xlsx file.')
  }
  const delimiter = sniffDelimiter(text)
  const collected = parseCsvText(text, delimiter, maxRows)
  return { format: 'csv', encoding, delimiter, ...collected }
}

// ---------------------------------------------------------------------------
// Format detection

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
// Things people upload by mistake. Decoded as windows-1252 they would turn
// into a table of garbage instead of a clear message.
const OTHER_BINARY_MAGIC: ReadonlyArray<{ magic: number[]; what: string }> = [
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'PDF' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'PNG' },
  { magic: [0xff, 0xd8, 0xff], what: 'JPEG' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'GIF' },
  { magic: [0x1f, 0x8b], what: 'gzip' },
  { magic: [0x52, 0x61, 0x72, 0x21], what: 'RAR' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: '7-Zip' },
  { magic: [0x4d, 0x5a], what: 'Windows program' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'Linux program' },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], what: 'SQLite database' }
]
// The extension is also the message's key (under importFile.).
const UNSUPPORTED_EXTENSIONS: Readonly<Record<string, string>> = {
  ods: 'OpenDocument spreadsheets (.ods) are not supported; save as .xlsx or CSV',
  numbers: 'Apple Numbers files are not supported; export as .xlsx or CSV'
}

function startsWith(data: Uint8Array, magic: readonly number[]): boolean {
  return data.length >= magic.length && magic.every((b, i) => data[i] === b)
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase()
}

function detectKind(fileName: string, data: Uint8Array): 'csv' | 'zip' {
  if (data.length === 0) throw new ImportFileError('empty_file', 'empty', 'The file is empty.')
  const ext = extensionOf(fileName)
  if (startsWith(data, OLE_MAGIC)) {
    throw new ImportFileError(
      'unsupported_format',
      'xls',
      'Excel 97-2003 .xls files and password-protected workbooks cannot be read; save as .xlsx (without a password) or CSV'
    )
  }
  const unsupported = UNSUPPORTED_EXTENSIONS[ext]
  if (unsupported !== undefined) throw new ImportFileError('unsupported_format', ext, unsupported)
  // Magic bytes win over the name: browsers and mail clients rename files.
  if (startsWith(data, ZIP_MAGIC)) return 'zip'
  for (const { magic, what } of OTHER_BINARY_MAGIC) {
    if (startsWith(data, magic)) {
      throw new ImportFileError('unsupported_format', 'knownBinary', `This looks like a ${what} file; upload a CSV or .xlsx file`, { what })
    }
  }
  return 'csv'
}

// Text has next to no control characters; random bytes decoded as windows-1252
// have ~11 % (terminal escapes, which hostile text may carry, are not counted).
const BINARY_SAMPLE_CHARS = 64 * 1024
const BINARY_CONTROL_SHARE = 0.03
const BINARY_CONTROL_MIN = 16

/** Whether decoded "text" is really binary: many control characters (tabs, line breaks and ESC aside). */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, BINARY_SAMPLE_CHARS)
  const controls = sample.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\ufffd]/g)?.length ?? 0
  return controls >= BINARY_CONTROL_MIN && controls > sample.length * BINARY_CONTROL_SHARE
}

// ---------------------------------------------------------------------------
// Text decoding

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export function decodeText(data: Uint8Array): { text: string; encoding: TextEncodingName } {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: bytes.toString('utf8', 3), encoding: 'utf-8' }
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decodeUtf16le(bytes.subarray(2)), encoding: 'utf-16le' }
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decodeUtf16be(bytes.subarray(2)), encoding: 'utf-16be' }

  const utf16 = guessUtf16(bytes)
  if (utf16 === 'utf-16le') return { text: decodeUtf16le(bytes), encoding: utf16 }
  if (utf16 === 'utf-16be') return { text: decodeUtf16be(bytes), encoding: utf16 }

  try {
    // ignoreBOM: the BOM case was handled above; don't let the decoder eat a
    // U+FEFF that is really part of the data.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    return { text, encoding: 'utf-8' }
  } catch {
    // Not valid UTF-8: almost always an Excel "CSV (Windows)" export.
    return { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' }
  }
}

function decodeUtf16le(bytes: Buffer): string {
  return iconv.decode(bytes, 'utf-16le', { stripBOM: true })
}

function decodeUtf16be(bytes: Buffer): string {
  return iconv.decode(bytes, 'utf-16be', { stripBOM: true })
}

// UTF-16 without a BOM: text in Latin scripts has a NUL in every other byte
// (the high byte). A few stray NULs in a UTF-8 file stay far below the bar.
function guessUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const sampleLength = Math.min(bytes.length, 4096) & ~1
  if (sampleLength < 2) return null
  let evenNuls = 0
  let oddNuls = 0
  for (let i = 0; i < sampleLength; i += 2) {
    if (bytes[i] === 0) evenNuls++
    if (bytes[i + 1] === 0) oddNuls++
  }
  const pairs = sampleLength / 2
  if (oddNuls / pairs > 0.4 && evenNuls / pairs < 0.05) return 'utf-16le'
  if (evenNuls / pairs > 0.4 && oddNuls / pairs < 0.05) return 'utf-16be'
  return null
}

// ---------------------------------------------------------------------------
// Delimiter sniffing

const DELIMITERS = [',', ';', '\t', '|'] as const
const SNIFF_RECORDS = 20
const SNIFF_CHARS = 64 * 1024

/**
 * Picks the delimiter whose field count is most consistent (and > 1) over the
 * first records. Ties go to the one giving more columns, then to list order.
 * Falls back to ',' (a single-column file parses the same with any choice).
 */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, SNIFF_CHARS)
  const complete = sample.length === text.length
  let best: { delimiter: string; consistency: number; columns: number } | null = null
  for (const delimiter of DELIMITERS) {
    const counts = fieldCounts(sample, delimiter, SNIFF_RECORDS, complete)
    const { value: columns, frequency } = mode(counts)
    if (columns <= 1) continue
    const consistency = frequency / counts.length
    if (
      best === null ||
      consistency > best.consistency ||
      (consistency === best.consistency && columns > best.columns)
    ) {
      best = { delimiter, consistency, columns }
    }
  }
  return best?.delimiter ?? ','
}

/**
 * Field count of each non-blank record, following the same quote rules as
 * csv-parse with relax_quotes: a quote only opens a quoted field at the start
 * of a field, and "" inside one is an escaped quote.
 */
function fieldCounts(sample: string, delimiter: string, maxRecords: number, complete: boolean): number[] {
  const counts: number[] = []
  let fields = 1
  let inQuotes = false
  let atFieldStart = true
  let hasContent = false
  for (let i = 0; i < sample.length && counts.length < maxRecords; i++) {
    const c = sample[i]
    if (inQuotes) {
      if (c === '"') {
        if (sample[i + 1] === '"') i++
        else inQuotes = false
      }
      continue
    }
    if (c === delimiter) {
      fields++
      atFieldStart = true
      hasContent = true
    } else if (c === '\n' || c === '\r') {
      if (hasContent) counts.push(fields)
      fields = 1
      atFieldStart = true
      hasContent = false
    } else if (c === '"' && atFieldStart) {
      inQuotes = true
      atFieldStart = false
      hasContent = true
    } else {
      atFieldStart = false
      if (c !== ' ' && c !== '\t') hasContent = true
    }
  }
  // The last record only counts if the sample is the whole text; otherwise it
  // may have been cut in half.
  if (complete && !inQuotes && hasContent && counts.length < maxRecords) counts.push(fields)
  return counts
}

function mode(values: number[]): { value: number; frequency: number } {
  const frequencies = new Map<number, number>()
  let value = 0
  let frequency = 0
  for (const v of values) {
    const f = (frequencies.get(v) ?? 0) + 1
    frequencies.set(v, f)
    if (f > frequency || (f === frequency && v > value)) {
      value = v
      frequency = f
    }
  }
  return { value, frequency }
}

// ---------------------------------------------------------------------------
// Table assembly (shared by CSV and XLSX)

interface TableBody {
  headers: string[]
  rows: string[][]
  lineNumbers: number[]
}

/** Collects trimmed rows one at a time, tracking spreadsheet row numbers and the row limit. */
class TableCollector {
  private header: string[] | null = null
  private readonly rows: string[][] = []
  private readonly lineNumbers: number[] = []
  /** Index + 1 of the right-most non-empty data cell seen so far. */
  private dataWidth = 0

  constructor(private readonly maxRows: number) {}

  /** `cells` must already be trimmed strings. */
  add(cells: string[], lineNumber: number): void {
    const used = usedWidth(cells)
    if (used === 0) return
    if (this.header === null) {
      this.header = cells
      return
    }
    if (this.rows.length >= this.maxRows) {
      throw new ImportFileError(
        'too_large',
        'tooManyRows',
        `This file has more than ${this.maxRows.toLocaleString('en-US')} rows; split it into smaller files.`,
        { max: this.maxRows }
      )
    }
    this.rows.push(cells)
    this.lineNumbers.push(lineNumber)
    this.dataWidth = Math.max(this.dataWidth, used)
  }

  finish(): TableBody {
    if (this.header === null) throw new ImportFileError('empty_file', 'noData', 'The file has no data.')
    // The header decides the width, except that trailing columns with neither
    // a header nor any data are dropped (exporters often add a stray trailing
    // delimiter or format empty columns).
    const width = Math.min(this.header.length, Math.max(usedWidth(this.header), this.dataWidth))
    const headers = this.header.slice(0, width)
    for (let i = 0; i < headers.length; i++) {
      if (headers[i] === '') headers[i] = `Column ${i + 1}`
    }
    for (const row of this.rows) {
      if (row.length > width) row.length = width
      while (row.length < width) row.push('')
    }
    return { headers, rows: this.rows, lineNumbers: this.lineNumbers }
  }
}

function usedWidth(cells: string[]): number {
  let width = cells.length
  while (width > 0 && cells[width - 1] === '') width--
  return width
}

// ---------------------------------------------------------------------------
// CSV

function parseCsvText(text: string, delimiter: string, maxRows: number): TableBody {
  const collector = new TableCollector(maxRows)
  let lineNumber = 0
  try {
    parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      // Blank lines are kept (and dropped by the collector) so that every
      // record counts as one spreadsheet row and line numbers match what the
      // user sees when opening the file in Excel.
      skip_empty_lines: false,
      on_record: (record: string[]) => {
        lineNumber++
        collector.add(record.map(trimCell), lineNumber)
        // Returning null keeps csv-parse from building a second copy of the table.
        return null
      }
    })
  } catch (err) {
    if (err instanceof ImportFileError) throw err
    if (err instanceof CsvError) {
      // csv-parse's own words name its options; the line is what helps the organizer.
      const line = (err as CsvError & { lines?: number }).lines ?? lineNumber + 1
      throw new ImportFileError('malformed', 'csvUnreadable', `The CSV file could not be read near line ${line}; check its quotes, or save it again as CSV.`, { line })
    }
    throw err
  }
  return collector.finish()
}

function trimCell(value: string): string {
  return value.trim()
}

// ---------------------------------------------------------------------------
// XLSX

async function parseXlsx(data: Buffer, maxRows: number, options: ParseOptions): Promise<ParsedTable> {
  try {
    const book = await XlsxBook.open(data)
    if (!book) {
      throw new ImportFileError('unsupported_format', 'zipNotXlsx', 'This ZIP archive is not an Excel workbook; upload a CSV or .xlsx file')
    }
    if (book.sheets.length === 0) throw new ImportFileError('empty_file', 'noSheets', 'The Excel file has no worksheets.')
    const sheet = await chooseSheet(book, options)
    const collector = new TableCollector(maxRows)
    for await (const { cells, rowNumber } of book.rows(sheet)) collector.add(cells, rowNumber)
    return {
      format: 'xlsx',
      encoding: 'xlsx',
      delimiter: null,
      ...collector.finish(),
      sheet: sheet.name,
      sheets: book.sheets.map((s) => s.name)
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err
    if (err instanceof ZipError && err.reason === 'too_large') {
      throw new ImportFileError('too_large', 'xlsxTooLarge', 'This Excel file is too large to read; split it, or save it as CSV.')
    }
    // exceljs's and the XML parser's words mean nothing to an organizer.
    throw new ImportFileError('malformed', 'xlsxUnreadable', 'The Excel file could not be read; save it again as .xlsx or CSV.')
  }
}

/** The sheet asked for; else the visible sheet whose header looks most like an attendee list. */
async function chooseSheet(book: XlsxBook, options: ParseOptions): Promise<XlsxSheet> {
  if (options.sheet !== undefined) {
    const named = book.sheets.find((s) => s.name === options.sheet)
    if (!named) {
      throw new ImportFileError('unsupported_format', 'sheetNotFound', `The workbook has no sheet "${options.sheet.slice(0, 100)}".`, {
        sheet: options.sheet.slice(0, 100)
      })
    }
    return named
  }
  const candidates = book.sheets.filter((s) => !s.hidden)
  const sheets = candidates.length > 0 ? candidates : book.sheets
  if (sheets.length === 1 || !options.scoreHeaders) return sheets[0]!
  let best = sheets[0]!
  let bestScore = -Infinity
  for (const sheet of sheets) {
    const score = options.scoreHeaders(await book.headerOf(sheet))
    if (score > bestScore) {
      best = sheet
      bestScore = score
    }
  }
  return best
}
