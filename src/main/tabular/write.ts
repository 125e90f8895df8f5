// Writes lists (attendees, check-ins, …) to XLSX and CSV buffers.
//
// Formulas: a name like "=HYPERLINK(…)" typed at a kiosk must not run when an
// organiser opens the export. In XLSX every text is written as a string cell
// (a value, never an <f> formula), which Excel, LibreOffice and Google Sheets
// show as typed; a guard there would only put a visible ' in front of phone
// numbers. CSV has no cell types, so spreadsheet apps read a leading = + - @
// as a formula: there formula-like text gets a ' in front (neutraliseCell).
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'

/** Dates are instants; they are written as the wall-clock time of the sheet's time zone. */
export type CellValue = string | number | Date | null

export interface ExportColumn<T> {
  header: string
  /** Column width in characters (XLSX only). */
  width?: number
  /** 'money': numbers with two decimals. */
  format?: 'money'
  value: (row: T) => CellValue
  /**
   * XLSX only: a formula of our own (never text from a user) for this cell,
   * given the row's number in the sheet; `value` is its cached result (and
   * what CSV writes).
   */
  formula?: (row: T, rowNumber: number) => string | null
}

export interface SheetOptions {
  /** IANA zone that Date cells are shown in (spreadsheets keep no zone); UTC by default. */
  timeZone?: string
}

export interface CsvOptions extends SheetOptions {
  /**
   * ',' or ';' (what Excel expects where the decimal separator is a comma:
   * numbers are then written with a decimal comma, as Excel there writes them).
   */
  delimiter?: ',' | ';'
}

// OWASP "CSV injection": these lead characters make Excel, LibreOffice and
// Google Sheets treat a cell as a formula. Tab and CR are included because
// some importers strip them and then see the formula behind them.
const FORMULA_START = /^[=+\-@\t\r]/
// A phone number ("+49 30 1234-567", "+1 (555) 010-0199"): a + then digits,
// spaces and ( ) . / - only. Without letters, !, | or a second operator it can
// name no function, reference or command, so it is left as it is.
const PHONE_NUMBER = /^\+\d[\d ()./-]*$/

/** Prefixes a ' to CSV values that spreadsheet apps would otherwise run as formulas. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PHONE_NUMBER.test(value) ? `'${value}` : value
}

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>()

/** The date and time a clock in `timeZone` showed at `date`. */
function wallClock(date: Date, timeZone: string): WallClock {
  let format = zoneFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
    zoneFormats.set(timeZone, format)
  }
  const parts: Record<string, number> = {}
  for (const part of format.formatToParts(date)) if (part.type !== 'literal') parts[part.type] = Number(part.value)
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! }
}

const pad = (n: number) => String(n).padStart(2, '0')

// ---------------------------------------------------------------------------
// XLSX

const XLSX_MAX_ROWS = 1_048_576
const XLSX_MAX_CELL_CHARS = 32_767
// Let the zip stream drain and the main process answer IPC during big exports.
const YIELD_EVERY_ROWS = 2_000

// Characters XML 1.0 cannot carry. exceljs writes them verbatim, and Excel
// then refuses the whole file as corrupt, so they are dropped (as are lone
// UTF-16 surrogates, which cannot be encoded as UTF-8).
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

// String cells are values, never formulas (see the top of this file): no guard needed.
function xlsxText(value: string): string {
  // Excel's in-cell line break is LF; a raw CR would be turned into LF by any
  // XML reader anyway, so normalise up front and keep the output predictable.
  let text = value.replace(XML_INVALID, '').replace(/\r\n?/g, '\n')
  if (text.length > XLSX_MAX_CELL_CHARS) {
    // Excel's per-cell limit; cut without leaving half a surrogate pair behind.
    text = text.slice(0, XLSX_MAX_CELL_CHARS).replace(/[\uD800-\uDBFF]$/, '')
  }
  return text
}

/**
 * A Date for exceljs whose UTC fields are the zone's wall clock: exceljs turns
 * a Date into Excel's zone-less serial number from its UTC fields.
 */
function xlsxDate(date: Date, timeZone: string): Date | null {
  if (Number.isNaN(date.getTime())) return null
  const c = wallClock(date, timeZone)
  return new Date(Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second))
}

function xlsxValue(value: CellValue, timeZone: string): string | number | Date | null {
  if (value === null) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (value instanceof Date) return xlsxDate(value, timeZone)
  return xlsxText(value)
}

const NUMBER_FORMAT = { money: '#,##0.00', dateTime: 'yyyy-mm-dd hh:mm' } as const

// Excel: at most 31 characters, none of : \ / ? * [ ], no leading/trailing apostrophe.
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(XML_INVALID, '')
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 31)
    .replace(/^'+|'+$/g, '')
    .trim()
  return cleaned === '' ? 'Sheet1' : cleaned
}

function defaultWidth(header: string): number {
  return Math.min(60, Math.max(10, header.length + 2))
}

/**
 * Streams the rows into an .xlsx (bold frozen header with an autofilter,
 * column widths, numbers as numbers, money with two decimals, times as real
 * date cells) and returns the finished file.
 */
export async function writeXlsx<T>(
  rows: Iterable<T>,
  columns: ExportColumn<T>[],
  sheetName: string,
  options: SheetOptions = {}
): Promise<Buffer> {
  const timeZone = options.timeZone ?? 'UTC'
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  // Observed here so a stream error during the row loop is not an unhandled
  // rejection (which would take the process down); awaiting below still throws it.
  ended.catch(() => undefined)

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(safeSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({
    width: c.width ?? defaultWidth(c.header),
    ...(c.format === 'money' ? { style: { numFmt: NUMBER_FORMAT.money } } : {})
  }))
  if (columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  }

  const header = sheet.addRow(columns.map((c) => xlsxText(c.header)))
  header.font = { bold: true }
  header.commit()

  let rowCount = 1
  for (const row of rows) {
    if (++rowCount > XLSX_MAX_ROWS) {
      throw new RangeError(`An XLSX worksheet holds at most ${XLSX_MAX_ROWS - 1} rows; export as CSV instead`)
    }
    const values = columns.map((c) => xlsxValue(c.value(row), timeZone))
    const added = sheet.addRow(
      values.map((value, i) => {
        const formula = columns[i]!.formula?.(row, rowCount)
        return formula ? { formula, result: value ?? undefined } : value
      })
    )
    values.forEach((value, i) => {
      if (value instanceof Date) added.getCell(i + 1).numFmt = NUMBER_FORMAT.dateTime
    })
    added.commit()
    if (rowCount % YIELD_EVERY_ROWS === 0) await new Promise<void>((resolve) => setImmediate(resolve))
  }
  sheet.commit()
  await workbook.commit()
  await ended
  return Buffer.concat(chunks)
}

// ---------------------------------------------------------------------------
// CSV

// RFC 4180: quote fields containing a quote, the delimiter or a line break,
// doubling inner quotes. Leading/trailing spaces are quoted too so no reader trims them.
function csvField(text: string, delimiter: string): string {
  const needsQuotes = text.includes('"') || text.includes(delimiter) || /[\r\n]|^\s|\s$/.test(text)
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text
}

function csvNumber(value: number, format: ExportColumn<unknown>['format'], decimalComma: boolean): string {
  if (!Number.isFinite(value)) return ''
  const text = format === 'money' ? value.toFixed(2) : String(value)
  return decimalComma ? text.replace('.', ',') : text
}

/** "YYYY-MM-DD HH:mm" in the zone: what Excel and LibreOffice read as a date and time in every locale. */
function csvDate(date: Date, timeZone: string): string {
  if (Number.isNaN(date.getTime())) return ''
  const c = wallClock(date, timeZone)
  return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}`
}

/** UTF-8 with BOM (so Excel detects the encoding), comma- or semicolon-separated, CRLF line ends. */
export function writeCsv<T>(rows: Iterable<T>, columns: ExportColumn<T>[], options: CsvOptions = {}): Buffer {
  const delimiter = options.delimiter ?? ','
  const timeZone = options.timeZone ?? 'UTC'
  const decimalComma = delimiter === ';'
  const cell = (column: ExportColumn<T>, value: CellValue): string => {
    if (value === null) return ''
    if (typeof value === 'number') return csvNumber(value, column.format, decimalComma)
    if (value instanceof Date) return csvDate(value, timeZone)
    return csvField(neutraliseCell(value), delimiter)
  }
  const lines: string[] = [columns.map((c) => csvField(neutraliseCell(c.header), delimiter)).join(delimiter)]
  for (const row of rows) lines.push(columns.map((c) => cell(c, c.value(row))).join(delimiter))
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}
