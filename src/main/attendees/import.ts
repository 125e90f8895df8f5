/**
 * Attendee import: upload (parse + guess the columns) → check (per-row issues
 * before anything is written) → commit (one transaction: all rows or none).
 */
import type { ColumnMapping, ImportCheckResult, RowIssue } from '../../shared/import'
import { ApiError } from '../../shared/errors'
import { foldText } from '../../shared/text'
import type { Core } from '../core/core'
import { chunkedMutation, sessionOf, type Handlers } from '../core/rpc'
import { attendees } from '../db/schema'
import { getEvent, listTicketTypes } from '../events/handlers'
import { guessMapping, mapRows, type ImportRow } from './import-mapping'
import { ImportFileError, parseImportFile } from './import-parse'
import { assertTicketTypeOfEvent, insertAttendee } from './service'
import type { Staged } from './import-staging'

const ISSUES_SHOWN = 500
// ~40 ms of writing between breaths: other requests wait at most that long.
const COMMIT_CHUNK = 1000
const SAMPLE_ROWS = 10

interface CheckedRow extends ImportRow {
  ticketTypeId: string
}

interface Checked {
  rows: CheckedRow[]
  issues: RowIssue[]
  existing: Map<string, string> // e-mail → attendee id already in the event
}

/** Maps the staged rows (once per mapping) and checks them against the event as it is now. */
function checkRows(core: Core, staged: Staged, mapping: ColumnMapping, defaultTicketTypeId: string): Checked {
  const { eventId, table: importTable } = staged
  assertTicketTypeOfEvent(core, defaultTicketTypeId, eventId)
  for (const [field, column] of Object.entries(mapping)) {
    if (column >= importTable.headers.length) {
      throw new ApiError('invalid_input', `Column ${column + 1} for ${field} is not in the file`, {
        key: 'importColumnMissing',
        params: { column: column + 1 }
      })
    }
  }
  const ticketTypes = new Map<string, string>()
  for (const t of listTicketTypes(core, eventId)) {
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
  const existing = new Map<string, string>()
  const emails = core.statement('SELECT email, id FROM attendees WHERE event_id = ? AND email IS NOT NULL ORDER BY seq DESC')
    .all(eventId) as { email: string; id: string }[]
  for (const e of emails) existing.set(e.email, e.id)
  return { rows: checked, issues, existing }
}

export const importHandlers = {
  'import.upload': async (input, ctx) => {
    getEvent(ctx.core, input.eventId)
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
    const importId = ctx.core.imports.put(input.eventId, sessionOf(ctx).staff.id, table)
    return {
      importId,
      format: table.format,
      encoding: table.encoding,
      delimiter: table.delimiter,
      headers: table.headers,
      sample: table.rows.slice(0, SAMPLE_ROWS),
      rowCount: table.rows.length,
      mapping: guessMapping(table.headers)
    }
  },

  'import.check': (input, ctx): ImportCheckResult => {
    const staged = ctx.core.imports.get(input.importId, sessionOf(ctx).staff.id)
    const { rows, issues, existing } = checkRows(ctx.core, staged, input.mapping, input.defaultTicketTypeId)
    return {
      ready: rows.length,
      issueCount: issues.length,
      issues: issues.slice(0, ISSUES_SHOWN),
      existingDuplicates: rows.filter((r) => r.email && existing.has(r.email)).length
    }
  },

  'import.progress': (input, ctx) => {
    const staged = ctx.core.imports.get(input.importId, sessionOf(ctx).staff.id)
    return staged.progress ?? { done: 0, total: 0 }
  },

  'import.commit': chunkedMutation(async (input, ctx) => {
    const { core, write } = ctx
    const staged = core.imports.get(input.importId, sessionOf(ctx).staff.id)
    const { rows, issues, existing } = checkRows(core, staged, input.mapping, input.defaultTicketTypeId)
    const progress = (staged.progress = { done: 0, total: rows.length })
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
        const patch = {
          firstName: row.firstName || undefined,
          lastName: row.lastName || undefined,
          company: row.company ?? undefined,
          jobTitle: row.jobTitle ?? undefined,
          phone: row.phone ?? undefined,
          ticketTypeId: row.ticketType ? row.ticketTypeId : undefined,
          preferredLanguage: row.preferredLanguage ?? undefined,
          notes: row.notes ?? undefined,
          externalRef: row.code ?? undefined
        }
        write.update(attendees, existingId, patch)
        merged++
        continue
      }
      const id = insertAttendee(core, write, {
        eventId: staged.eventId,
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
    core.imports.drop(input.importId)
    return { created, merged, skipped, rejected: issues.length }
  })
} satisfies Pick<Handlers, 'import.upload' | 'import.check' | 'import.progress' | 'import.commit'>
