// Writes lists (attendees, check-ins, …) to XLSX and CSV buffers. Every text
// cell is neutralised so a name like "=HYPERLINK(…)" typed at a kiosk can't
// run as a formula when an organiser opens the export.
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'

export interface ExportColumn<T> {
  header: string
  /** Column width in characters (XLSX only). */
  width?: number
  value: (row: T) => string | number | null
}

// OWASP "CSV injection": these lead characters make Excel, LibreOffice and
// Google Sheets treat a cell as a formula. Tab and CR are included because
// some importers strip them and then see the formula behind them.
const FORMULA_START = /^[=+\-@\t\r]/

/** Prefixes a ' to values that spreadsheet apps would otherwise run as formulas. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

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

function xlsxText(value: string): string {
  // Neutralise before touching line breaks, so "\r=1+1" still gets its prefix.
  let text = neutraliseCell(value.replace(XML_INVALID, ''))
  // Excel's in-cell line break is LF; a raw CR would be turned into LF by any
  // XML reader anyway, so normalise up front and keep the output predictable.
  text = text.replace(/\r\n?/g, '\n')
  if (text.length > XLSX_MAX_CELL_CHARS) {
    // Excel's per-cell limit; cut without leaving half a surrogate pair behind.
    text = text.slice(0, XLSX_MAX_CELL_CHARS).replace(/[\uD800-\uDBFF]$/, '')
  }
  return text
}

function xlsxValue(value: string | number | null): string | number | null {
  if (value === null) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  return xlsxText(value)
}

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
 * column widths, numbers as numbers) and returns the finished file.
 */
export async function writeXlsx<T>(rows: Iterable<T>, columns: ExportColumn<T>[], sheetName: string): Promise<Buffer> {
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
  sheet.columns = columns.map((c) => ({ width: c.width ?? defaultWidth(c.header) }))
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
    sheet.addRow(columns.map((c) => xlsxValue(c.value(row)))).commit()
    if (rowCount % YIELD_EVERY_ROWS === 0) await new Promise<void>((resolve) => setImmediate(resolve))
  }
  sheet.commit()
  await workbook.commit()
  await ended
  return Buffer.concat(chunks)
}

// ---------------------------------------------------------------------------
// CSV

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

// RFC 4180: quote fields containing a quote, comma or line break, doubling
// inner quotes. Leading/trailing spaces are quoted too so no reader trims them.
function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function csvValue(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  return csvField(neutraliseCell(value))
}

/** UTF-8 with BOM (so Excel detects the encoding), comma-separated, CRLF line ends. */
export function writeCsv<T>(rows: Iterable<T>, columns: ExportColumn<T>[]): Buffer {
  const lines: string[] = [columns.map((c) => csvField(neutraliseCell(c.header))).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvValue(c.value(row))).join(','))
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}
