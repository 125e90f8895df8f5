/**
 * Attendee import: upload (parse + guess the columns) → check (per-row issues
 * before anything is written) → commit (one transaction: all rows or none).
 */
import type { attendeesContract, ColumnMapping, RowIssue } from '../../shared/contract/attendees'
import { ApiError } from '../../shared/errors'
import { foldText } from '../../shared/text'
import { chunkedMutation, perDesk, query, sessionOf, type Ctx, type HandlersOf } from '../core/module'
import type { GuardedSql } from '../core/sql'
import { getEvent, listTicketTypes } from '../events/queries'
import { ImportFileError, parseImportFile } from '../tabular/parse'
import { ImportStaging, type Staged } from '../tabular/staging'
import { guessMapping, lineOf, mapRows, type ImportRow } from './import-mapping'
import { emailsOfEvent } from './queries'
import { assertTicketTypeOfEvent, insertAttendee } from './service'
import { attendees } from './schema'

const ISSUES_SHOWN = 500
// ~40 ms of writing between breaths: other requests wait at most that long.
const COMMIT_CHUNK = 1000
const SAMPLE_ROWS = 10

type Mapped = ReturnType<typeof mapRows>
const stagingOf = perDesk(() => new ImportStaging<Mapped>())

interface CheckedRow extends ImportRow {
  ticketTypeId: string
}

interface Checked {
  rows: CheckedRow[]
  issues: RowIssue[]
  existing: Map<string, string> // e-mail → attendee id already in the event
}

/** Maps the staged rows (once per mapping) and checks them against the event as it is now. */
function checkRows(read: GuardedSql, staged: Staged<Mapped>, mapping: ColumnMapping, defaultTicketTypeId: string): Checked {
  const { scopeId: eventId, table: importTable } = staged
  assertTicketTypeOfEvent(read, defaultTicketTypeId, eventId)
  for (const [field, column] of Object.entries(mapping)) {
    if (column >= importTable.headers.length) {
      throw new ApiError('invalid_input', `Column ${column + 1} for ${field} is not in the file`, {
        key: 'importColumnMissing',
        params: { column: column + 1 }
      })
    }
  }
  const ticketTypes = new Map<string, string>()
  for (const t of listTicketTypes(read, eventId)) {
    ticketTypes.set(foldText(t.code), t.id)
    ticketTypes.set(foldText(t.name), t.id)
  }
  const mappingKey = JSON.stringify(mapping)
  if (staged.mapped?.mappingKey !== mappingKey) staged.mapped = { mappingKey, result: mapRows(importTable, mapping) }
  const { rows } = staged.mapped.result
  const issues = [...staged.mapped.result.issues]
  const checked: CheckedRow[] = []
  for (const row of rows) {
    const ticketTypeId = row.ticketType ? ticketTypes.get(foldText(row.ticketType)) : defaultTicketTypeId
    if (!ticketTypeId) {
      issues.push({
        line: row.line,
        field: 'ticketType',
        code: 'unknown_ticket_type',
        message: `Line ${row.line}: the ticket type "${row.ticketType}" does not exist in this event`,
        params: { value: row.ticketType ?? '' }
      })
      continue
    }
    checked.push({ ...row, ticketTypeId })
  }
  issues.sort((a, b) => a.line - b.line)
  return { rows: checked, issues, existing: emailsOfEvent(read, eventId) }
}

function staged(ctx: Ctx, importId: string): Staged<Mapped> {
  return stagingOf(ctx.desk).get(importId, sessionOf(ctx).staff.id)
}

type ImportMethods = 'import.upload' | 'import.check' | 'import.progress' | 'import.commit'

export const importHandlers: Pick<HandlersOf<typeof attendeesContract>, ImportMethods> = {
  'import.upload': query(async (input, ctx) => {
    getEvent(ctx.read, input.eventId)
    let table
    try {
      table = await parseImportFile(input.fileName, Buffer.from(input.base64, 'base64'))
    } catch (err) {
      if (err instanceof ImportFileError) {
        throw new ApiError(err.code === 'too_large' ? 'too_large' : 'invalid_input', err.message, {
          key: `importFile.${err.code}`,
          issues: [{ path: 'file', message: err.message, key: `importFile.${err.code}` }]
        })
      }
      throw err
    }
    const importId = stagingOf(ctx.desk).put(input.eventId, sessionOf(ctx).staff.id, table)
    return {
      importId,
      format: table.format,
      encoding: table.encoding,
      delimiter: table.delimiter,
      headers: table.headers,
      sample: table.rows.slice(0, SAMPLE_ROWS),
      sampleLines: table.rows.slice(0, SAMPLE_ROWS).map((_, index) => lineOf(table, index)),
      rowCount: table.rows.length,
      mapping: guessMapping(table.headers)
    }
  }),

  'import.check': query((input, ctx) => {
    const { rows, issues, existing } = checkRows(ctx.read, staged(ctx, input.importId), input.mapping, input.defaultTicketTypeId)
    return {
      ready: rows.length,
      issueCount: issues.length,
      issues: issues.slice(0, ISSUES_SHOWN),
      existingDuplicates: rows.filter((r) => r.email && existing.has(r.email)).length
    }
  }),

  'import.progress': query((input, ctx) => staged(ctx, input.importId).progress ?? { done: 0, total: 0 }),

  'import.commit': chunkedMutation(
    async (input, ctx) => {
      const { read, write } = ctx
      const upload = staged(ctx, input.importId)
      const { rows, issues, existing } = checkRows(read, upload, input.mapping, input.defaultTicketTypeId)
      const progress = (upload.progress = { done: 0, total: rows.length })
      let created = 0
      let merged = 0
      let skipped = 0
      for (const row of rows) {
        if (++progress.done % COMMIT_CHUNK === 0) await ctx.breathe()
        const existingId = row.email ? existing.get(row.email) : undefined
        if (existingId) {
          if (input.duplicates === 'skip') {
            skipped++
            continue
          }
          // Merge: what the file says wins, but an empty cell never erases data.
          write.update(attendees, existingId, {
            firstName: row.firstName || undefined,
            lastName: row.lastName || undefined,
            company: row.company ?? undefined,
            jobTitle: row.jobTitle ?? undefined,
            phone: row.phone ?? undefined,
            ticketTypeId: row.ticketType ? row.ticketTypeId : undefined,
            preferredLanguage: row.preferredLanguage ?? undefined,
            notes: row.notes ?? undefined,
            externalRef: row.code ?? undefined
          })
          merged++
          continue
        }
        const id = insertAttendee(read, write, {
          eventId: upload.scopeId,
          firstName: row.firstName,
          lastName: row.lastName,
          email: row.email,
          company: row.company,
          jobTitle: row.jobTitle,
          phone: row.phone,
          ticketTypeId: row.ticketTypeId,
          preferredLanguage: row.preferredLanguage,
          notes: row.notes,
          externalRef: row.code,
          source: 'import'
        })
        if (row.email) existing.set(row.email, id)
        created++
      }
      stagingOf(ctx.desk).drop(input.importId)
      return { created, merged, skipped, rejected: issues.length }
    }
  )
}
