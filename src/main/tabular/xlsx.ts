/**
 * Reads an .xlsx workbook that is already in memory, one row at a time: only
 * the shared strings, the styles (for dates) and the rows read so far are
 * held, so a workbook of 800,000 rows stops at the row limit instead of
 * filling the heap. Parsing is exceljs's streaming reader; the entries come
 * from our ZIP directory in the order we need them (see zip.ts).
 */
import ExcelJS from 'exceljs'
import type { Readable } from 'node:stream'
import { openZipEntry, readZipDirectory, type ZipEntry } from './zip'

// Inflated sizes past which a part is refused (a real workbook's are far below; a zip bomb's are not).
const PART_MAX_BYTES = 32 * 1024 * 1024
const SHARED_STRINGS_MAX_BYTES = 128 * 1024 * 1024
const SHEET_MAX_BYTES = 2 * 1024 * 1024 * 1024 - 1
// How far into a sheet its header row is looked for.
const HEADER_SEARCH_ROWS = 20

/**
 * exceljs's streaming WorkbookReader, used through the steps its own parse()
 * runs in zip order (exceljs 4.4, the last release). They fill the shared
 * strings, styles and sheet list that its worksheet reader needs.
 */
interface WorkbookReaderSteps {
  model?: { sheets?: { name: string; rId: string; state?: string }[] }
  workbookRels?: { Id: string; Target: string }[]
  _parseRels(entry: Readable): Promise<void>
  _parseWorkbook(entry: Readable): Promise<void>
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>
  _parseStyles(entry: Readable): Promise<void>
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>
}

export interface XlsxSheet {
  name: string
  hidden: boolean
  entry: ZipEntry
}

export interface XlsxRow {
  /** Trimmed display strings, by column (index 0 = column A). */
  cells: string[]
  /** 1-based row number as Excel shows it. */
  rowNumber: number
}

export class XlsxBook {
  private constructor(
    private readonly data: Buffer,
    private readonly reader: WorkbookReaderSteps,
    readonly sheets: XlsxSheet[]
  ) {}

  /** Null when the ZIP is no workbook (a .docx, an .ods, any other archive). */
  static async open(data: Buffer): Promise<XlsxBook | null> {
    const entries = readZipDirectory(data)
    const part = (name: string, max = PART_MAX_BYTES): Readable | null => {
      const entry = entries.get(name)
      return entry ? openZipEntry(data, entry, max) : null
    }
    const workbook = part('xl/workbook.xml')
    if (!workbook) return null
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(workbook, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'ignore'
    }) as unknown as WorkbookReaderSteps
    const rels = part('xl/_rels/workbook.xml.rels')
    if (rels) await reader._parseRels(rels)
    await reader._parseWorkbook(workbook)
    const strings = part('xl/sharedStrings.xml', SHARED_STRINGS_MAX_BYTES)
    if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _
    const styles = part('xl/styles.xml')
    if (styles) await reader._parseStyles(styles)

    const sheets: XlsxSheet[] = []
    for (const sheet of reader.model?.sheets ?? []) {
      const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target
      if (!target) continue
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`
      const entry = entries.get(path)
      if (entry) sheets.push({ name: sheet.name, hidden: sheet.state !== undefined && sheet.state !== 'visible', entry })
    }
    return new XlsxBook(data, reader, sheets)
  }

  /** The sheet's non-empty rows, streamed. Stop iterating any time: the rest is never read. */
  async *rows(sheet: XlsxSheet): AsyncGenerator<XlsxRow> {
    const stream = openZipEntry(this.data, sheet.entry, SHEET_MAX_BYTES)
    const [parsed] = [...this.reader._parseWorksheet(stream, '0')]
    if (!parsed) return
    try {
      for await (const row of parsed.value) {
        const cells: string[] = []
        row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
          const text = cellToString(cell.value).trim()
          if (text === '') return
          while (cells.length < colNumber - 1) cells.push('')
          cells[colNumber - 1] = text
        })
        if (cells.length > 0) yield { cells, rowNumber: row.number }
      }
    } finally {
      stream.destroy()
    }
  }

  /** The first non-empty row near the top of a sheet (its header), or [] for an empty sheet. */
  async headerOf(sheet: XlsxSheet): Promise<string[]> {
    for await (const row of this.rows(sheet)) return row.rowNumber <= HEADER_SEARCH_ROWS ? row.cells : []
    return []
  }
}

/** Plain-text rendering of an exceljs cell value, close to what Excel displays. */
export function cellToString(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberToString(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return dateToString(value)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('error' in value) return value.error
  if ('formula' in value || 'sharedFormula' in value) {
    // The cached result is what the user saw; we never evaluate formulas.
    const result = value.result
    return result === undefined ? '' : cellToString(result)
  }
  if ('hyperlink' in value) {
    // `text` may itself be rich text in files written by some tools.
    const text: unknown = value.text
    if (typeof text === 'string' && text !== '') return text
    if (typeof text === 'object' && text !== null && 'richText' in text) {
      return cellToString(text as ExcelJS.CellRichTextValue)
    }
    return value.hyperlink.replace(/^mailto:/i, '')
  }
  return ''
}

function numberToString(value: number): string {
  if (!Number.isFinite(value)) return ''
  if (Number.isInteger(value)) {
    // Avoid 1e+21 style output for long digit strings such as phone numbers.
    return Math.abs(value) < 1e21 ? String(value) : value.toLocaleString('en-US', { useGrouping: false })
  }
  // Excel keeps 15 significant digits; this drops binary noise like 0.30000000000000004.
  return String(Number(value.toPrecision(15)))
}

// exceljs returns dates as UTC instants that carry the wall-clock value.
function dateToString(value: Date): string {
  if (Number.isNaN(value.getTime())) return ''
  const iso = value.toISOString()
  const date = iso.slice(0, 10)
  const time = iso.slice(11, 19)
  if (time === '00:00:00') return date
  return `${date} ${time.endsWith(':00') ? time.slice(0, 5) : time}`
}
