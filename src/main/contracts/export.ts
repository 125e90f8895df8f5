/** Budget vs actual as XLSX: one row per line, forecast and variance as formulas, one total row per currency. */
import type { ExportFile } from '../../shared/contract/attendees'
import type { BudgetLineSummary } from '../../shared/contract/contracts'
import type { Language } from '../../shared/fields'
import { vocabulary } from '../../shared/i18n/all'
import type { GuardedSql } from '../core/sql'
import { getEvent } from '../events/queries'
import { writeXlsx, type ExportColumn } from '../tabular/write'
import { budgetSummary } from './queries'

type Row = { line: BudgetLineSummary } | { total: { currency: string; plannedMinor: number; committedMinor: number; paidMinor: number; forecastMinor: number; varianceMinor: number } }

export async function exportBudget(read: GuardedSql, eventId: string, language?: Language): Promise<ExportFile> {
  const text = vocabulary(language)
  const event = getEvent(read, eventId)
  const { lines, totals } = budgetSummary(read, eventId)
  const last = lines.length + 1
  const figures = (r: Row) => ('line' in r ? r.line : r.total)
  // A total sums the lines of its currency (column C) only: amounts in different currencies are never added.
  const total = (col: string) => (r: Row, row: number) => ('total' in r && lines.length > 0 ? `SUMIF($C$2:$C$${last},$C${row},${col}$2:${col}$${last})` : null)
  const money = (pick: (f: ReturnType<typeof figures>) => number, col: string): Pick<ExportColumn<Row>, 'value' | 'formula' | 'format'> => ({
    format: 'money',
    value: (r) => pick(figures(r)) / 100,
    formula: total(col)
  })
  const columns: ExportColumn<Row>[] = [
    { header: text('columns.budget_lines.category'), width: 18, value: (r) => ('line' in r ? text(`budgetCategories.${r.line.category}`) : text('budgetFigures.total')) },
    { header: text('columns.budget_lines.name'), width: 30, value: (r) => ('line' in r ? r.line.name : '') },
    { header: text('columns.budget_lines.currency'), width: 10, value: (r) => figures(r).currency },
    { header: text('columns.budget_lines.planned_minor'), width: 14, ...money((f) => f.plannedMinor, 'D') },
    { header: text('budgetFigures.committed'), width: 14, ...money((f) => f.committedMinor, 'E') },
    { header: text('budgetFigures.paid'), width: 14, ...money((f) => f.paidMinor, 'F') },
    {
      header: text('budgetFigures.forecast'),
      width: 14,
      ...money((f) => f.forecastMinor, 'G'),
      formula: (r, row) => ('line' in r ? `MAX(D${row},E${row})` : total('G')(r, row))
    },
    {
      header: text('budgetFigures.variance'),
      width: 14,
      ...money((f) => f.varianceMinor, 'H'),
      formula: (r, row) => ('line' in r ? `D${row}-G${row}` : total('H')(r, row))
    }
  ]
  const rows: Row[] = [...lines.map((line) => ({ line })), ...totals.map((t) => ({ total: t }))]
  const data = await writeXlsx(rows, columns, text('budgetFigures.sheet'))
  const safeName = event.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 60) || 'event'
  return {
    fileName: `${safeName} budget ${new Date().toISOString().slice(0, 10)}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: data.toString('base64'),
    rows: lines.length
  }
}
