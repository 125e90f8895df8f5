/**
 * The import worker (a worker thread): parsing an 83 MB file or checking
 * 50,000 rows takes seconds of CPU, which on the desk's own thread froze every
 * desk and scanner connected to it. Here it runs beside them. Built as its own
 * entry (electron.vite.config.ts); see import-thread.ts for the other side.
 */
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'
import type { ColumnMapping } from '../../shared/contract/attendees'
import { cleanLine } from '../../shared/clean'
import { ApiError } from '../../shared/errors'
import { ImportFileError, parseImportFile, type ParsedTable } from '../tabular/parse'
import { attendeeHeaderScore, guessMapping } from './import-headers'
import { mapRows, lineOf } from './import-mapping'
import { addedPerTicketType, applyPlan, fileStatuses, fileTicketTypes, type CheckedRow, type ExistingPeople } from './import-plan'
import type { CheckSummary, ImportRequests, ImportRequestType, RequestMessage, ResponseMessage, SerializedError, UploadSummary } from './import-protocol'

const SAMPLE_ROWS = 10
const ISSUES_SHOWN = 500

interface Upload {
  table: ParsedTable
  mapped: { key: string; result: ReturnType<typeof mapRows> } | null
  planned: { key: string; rows: CheckedRow[] } | null
}

const uploads = new Map<string, Upload>()
const { databaseFile } = workerData as { databaseFile: string }
let db: Database.Database | null = null
let checkpointer: Database.Database | null = null

function database(): Database.Database {
  db ??= new Database(databaseFile, { readonly: true, fileMustExist: true })
  return db
}

function upload(importId: string): Upload {
  const found = uploads.get(importId)
  if (!found) throw new ApiError('not_found', 'This upload has expired; choose the file again', { key: 'importExpired' })
  return found
}

function mapped(entry: Upload, mapping: ColumnMapping): ReturnType<typeof mapRows> {
  const key = JSON.stringify(mapping)
  if (entry.mapped?.key !== key) entry.mapped = { key, result: mapRows(entry.table, mapping) }
  return entry.mapped.result
}

/** Everyone already in the event, by the other system's code and by e-mail (first by id, as on every desk). */
function existingPeople(eventId: string): ExistingPeople {
  const rows = database()
    .prepare('SELECT id, email, external_ref AS code, ticket_type_id AS ticketTypeId, status FROM attendees WHERE event_id = ? ORDER BY id')
    .all(eventId) as { id: string; email: string | null; code: string | null; ticketTypeId: string; status: string }[]
  const existing: ExistingPeople = { byCode: new Map(), byEmail: new Map() }
  for (const { id, email, code, ticketTypeId, status } of rows) {
    const person = { id, ticketTypeId, status }
    if (code !== null && !existing.byCode.has(code)) existing.byCode.set(code, person)
    if (email !== null && !existing.byEmail.has(email)) existing.byEmail.set(email, { ...person, hasCode: code !== null })
  }
  return existing
}

const handlers: { [K in ImportRequestType]: (body: ImportRequests[K]['in']) => Promise<ImportRequests[K]['out']> | ImportRequests[K]['out'] } = {
  async parse({ importId, fileName, base64, sheet, maxRows, event }): Promise<UploadSummary> {
    const table = await parseImportFile(fileName, Buffer.from(base64, 'base64'), { sheet, maxRows, scoreHeaders: attendeeHeaderScore })
    const entry: Upload = { table, mapped: null, planned: null }
    uploads.set(importId, entry)
    const mapping = guessMapping(table.headers)
    const { rows } = mapped(entry, mapping)
    return {
      format: table.format,
      encoding: table.encoding,
      delimiter: table.delimiter,
      sheet: table.sheet ?? null,
      sheets: table.sheets ?? [],
      // What the preview shows: no control characters or bidi overrides to scramble it.
      headers: table.headers.map(cleanLine),
      sample: table.rows.slice(0, SAMPLE_ROWS).map((row) => row.map(cleanLine)),
      sampleLines: table.rows.slice(0, SAMPLE_ROWS).map((_, index) => lineOf(table, index)),
      rowCount: table.rows.length,
      mapping,
      ticketTypes: fileTicketTypes(rows, event),
      statuses: fileStatuses(rows)
    }
  },

  check({ importId, eventId, mapping, plan, event, duplicates }): CheckSummary {
    const entry = upload(importId)
    const { rows: mappedRows, issues: rowIssues } = mapped(entry, mapping)
    const planned = applyPlan(mappedRows, plan, event, existingPeople(eventId))
    const issues = [...rowIssues, ...planned.issues].sort((a, b) => a.line - b.line)
    const planKey = JSON.stringify([mapping, plan])
    entry.planned = { key: planKey, rows: planned.rows }
    const errorLines = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.line))
    const warnedLines = new Set(issues.filter((i) => i.severity === 'warning' && !errorLines.has(i.line)).map((i) => i.line))
    return {
      planKey,
      ready: planned.rows.length,
      issueCount: errorLines.size,
      warningCount: warnedLines.size,
      issues: issues.slice(0, ISSUES_SHOWN),
      existingDuplicates: planned.rows.filter((r) => r.existing !== null).length,
      skippedByStatus: planned.skippedByStatus,
      ticketTypes: fileTicketTypes(mappedRows, event),
      statuses: fileStatuses(mappedRows),
      adding: [...addedPerTicketType(planned.rows, duplicates)],
      creates: [...new Set(planned.rows.flatMap((r) => (r.createTicketType === null ? [] : [r.createTicketType])))]
    }
  },

  rows({ importId, planKey, offset, limit }): CheckedRow[] {
    const entry = upload(importId)
    if (entry.planned?.key !== planKey) throw new ApiError('conflict', 'The file was checked again meanwhile; import it again', { key: 'importChanged' })
    return entry.planned.rows.slice(offset, offset + limit)
  },

  drop({ importId }): null {
    uploads.delete(importId)
    return null
  },

  checkpoint(): null {
    // Only ever checkpoints: copying committed WAL frames into the database file needs a writable connection.
    checkpointer ??= new Database(databaseFile, { fileMustExist: true })
    checkpointer.pragma('wal_checkpoint(PASSIVE)')
    return null
  }
}

function serialize(err: unknown): SerializedError {
  if (err instanceof ImportFileError) return { kind: 'file', code: err.code, key: err.key, message: err.message, params: err.params }
  if (err instanceof ApiError) return { kind: 'api', code: err.code, key: err.key, message: err.message, params: err.params }
  return { kind: 'other', code: 'internal', message: err instanceof Error ? err.message : String(err) }
}

parentPort!.on('message', (message: RequestMessage) => {
  void (async () => {
    let response: ResponseMessage
    try {
      const handle = handlers[message.type] as (body: unknown) => unknown
      response = { id: message.id, result: await handle(message.body) }
    } catch (err) {
      response = { id: message.id, error: serialize(err) }
    }
    parentPort!.postMessage(response)
  })()
})
