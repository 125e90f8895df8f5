/**
 * Attendee import: upload (parse + guess the columns) → check (per-row issues,
 * the file's ticket types and statuses, before anything is written) → commit.
 * Parsing and checking run on the import worker (import-worker.ts), so the
 * desk keeps answering; the commit writes in chunks of a few tens of
 * milliseconds with every queued write (a scanner's check-in) in between, and
 * is undone as a whole if it fails (import-journal.ts).
 */
import type { AttendeeRow, attendeesContract, ColumnMapping, OverCapacity, StatusPlan, TicketTypePlan } from '../../shared/contract/attendees'
import { ApiError } from '../../shared/errors'
import { chunkedMutation, perDesk, query, sessionOf, type ChunkedWriteCtx, type Ctx, type HandlersOf } from '../core/module'
import type { GuardedSql } from '../core/sql'
import { getEvent, getTicketType, listTicketTypes } from '../events/queries'
import { createTicketType } from '../events/service'
import { ImportStaging, type Staged } from '../tabular/staging'
import { ChunkJournal, undoImport } from './import-journal'
import { existingOf, suggestCode, ticketTypeKey, type CheckedRow, type ExistingPeople } from './import-plan'
import type { CheckSummary } from './import-protocol'
import { ImportThread } from './import-thread'
import { getAttendee } from './queries'
import { attendees } from './schema'
import { assertTicketTypeOfEvent, insertAttendee, registeredIn } from './service'

// A chunk writes for this long; then queued writes get their turn: a check-in
// waits at most about this long (plus the commit) behind an import.
const CHUNK_MS = 25
// Rows fetched from the worker at a time (the next batch is fetched while this one is written).
const FETCH_ROWS = 2000
// How often the worker checkpoints the WAL while the import fills it.
const CHECKPOINT_MS = 250
// Colours for the ticket types an import creates.
const PALETTE = ['#1e88e5', '#8e24aa', '#43a047', '#fb8c00', '#e53935', '#00897b', '#5e35b1', '#6d4c41']

interface DeskImports {
  staging: ImportStaging
  thread: ImportThread
}

export const importsOf = perDesk((desk): DeskImports => {
  const imports: DeskImports = {
    staging: new ImportStaging((importId) => {
      imports.thread.request('drop', { importId }).catch(() => undefined)
    }),
    thread: new ImportThread(desk.databaseFile, () => imports.staging.clear())
  }
  return imports
})

function staged(ctx: Ctx, importId: string): Staged {
  return importsOf(ctx.desk).staging.get(importId, sessionOf(ctx).staff.id)
}

interface PlanRequest {
  importId: string
  mapping: ColumnMapping
  defaultTicketTypeId?: string
  ticketTypes: TicketTypePlan[]
  statuses: StatusPlan
}

/** Has the worker check the staged rows against the plan and the event as it is now. */
function checkOnWorker(read: GuardedSql, ctx: Ctx, upload: Staged, input: PlanRequest, duplicates: 'skip' | 'merge'): Promise<CheckSummary> {
  const eventId = upload.scopeId
  if (input.defaultTicketTypeId !== undefined) assertTicketTypeOfEvent(read, input.defaultTicketTypeId, eventId)
  for (const choice of input.ticketTypes) if (choice.action === 'map') assertTicketTypeOfEvent(read, choice.ticketTypeId, eventId)
  const { importId, mapping, defaultTicketTypeId, ticketTypes, statuses } = input
  return importsOf(ctx.desk).thread.request('check', {
    importId,
    eventId,
    mapping,
    plan: { defaultTicketTypeId, ticketTypes, statuses },
    event: listTicketTypes(read, eventId),
    duplicates
  })
}

/** The ticket types the import would take past their capacity. */
function overCapacity(read: GuardedSql, adding: [string, number][]): OverCapacity[] {
  const over: OverCapacity[] = []
  for (const [ticketTypeId, n] of adding) {
    const { name, capacity } = getTicketType(read, ticketTypeId)
    if (capacity === null) continue
    const registered = registeredIn(read, ticketTypeId)
    if (registered + n > capacity) over.push({ ticketTypeId, name, capacity, registered, adding: n })
  }
  return over
}

/** Makes the ticket types the plan creates and rows use; file value (folded) → new id. */
function createPlannedTicketTypes(read: GuardedSql, ctx: ChunkedWriteCtx, eventId: string, plan: TicketTypePlan[], used: string[], journal: ChunkJournal): Map<string, string> {
  const event = listTicketTypes(read, eventId)
  const taken = new Set(event.map((t) => t.code.toLowerCase()))
  const currency = event[0]?.currency ?? 'EUR'
  const created = new Map<string, string>()
  for (const choice of plan) {
    const key = ticketTypeKey(choice.value)
    if (choice.action !== 'create' || !used.includes(key) || created.has(key)) continue
    const name = (choice.name ?? choice.value).trim().slice(0, 200) || choice.value
    const ticketType = createTicketType(read, ctx.write, {
      eventId,
      name,
      code: suggestCode(name, taken),
      priceCents: 0,
      currency,
      capacity: null,
      color: PALETTE[(event.length + created.size) % PALETTE.length]!
    })
    journal.ticketTypeCreated(ticketType.id)
    created.set(key, ticketType.id)
  }
  return created
}

/** A batch of rows on its way from the worker, and whether it is here already. */
function prefetch(rows: Promise<CheckedRow[]>): { rows: Promise<CheckedRow[]>; arrived: boolean } {
  const batch = { rows, arrived: false }
  rows.then(() => (batch.arrived = true), () => (batch.arrived = true))
  return batch
}

type ImportMethods = 'import.upload' | 'import.check' | 'import.progress' | 'import.commit'

export const importHandlers: Pick<HandlersOf<typeof attendeesContract>, ImportMethods> = {
  'import.upload': query(async (input, ctx) => {
    getEvent(ctx.read, input.eventId)
    const { staging, thread } = importsOf(ctx.desk)
    const importId = staging.put(input.eventId, sessionOf(ctx).staff.id)
    try {
      const { eventId, fileName, base64, sheet } = input
      const summary = await thread.request('parse', { importId, fileName, base64, sheet, event: listTicketTypes(ctx.read, eventId) })
      return { importId, ...summary }
    } catch (err) {
      staging.drop(importId)
      throw err
    }
  }),

  'import.check': query(async (input, ctx) => {
    const summary = await checkOnWorker(ctx.read, ctx, staged(ctx, input.importId), input, 'skip')
    const { ready, issueCount, warningCount, issues, existingDuplicates, skippedByStatus, ticketTypes, statuses } = summary
    return {
      ready,
      issueCount,
      warningCount,
      issues,
      existingDuplicates,
      skippedByStatus,
      ticketTypes,
      statuses,
      overCapacity: overCapacity(ctx.read, summary.adding)
    }
  }),

  'import.progress': query((input, ctx) => staged(ctx, input.importId).progress ?? { done: 0, total: 0 }),

  'import.commit': chunkedMutation(
    async (input, ctx) => {
      const { read, write } = ctx
      const upload = staged(ctx, input.importId)
      if (upload.progress !== null) throw new ApiError('conflict', 'This file is being imported already', { key: 'importRunning' })
      upload.progress = { done: 0, total: 0 }
      try {
        const eventId = upload.scopeId
        // The worker checks while other writes go on.
        const summary = await ctx.unlocked(() => checkOnWorker(read, ctx, upload, input, input.duplicates))
        if (summary.ready === 0) {
          throw new ApiError('conflict', 'Nothing in this file is ready to import; fix the problems the check lists', { key: 'importNothingReady' })
        }
        const over = overCapacity(read, summary.adding)
        if (over.length > 0 && !input.allowOverCapacity) {
          const { name, capacity, registered, adding } = over[0]!
          throw new ApiError('conflict', `${name} would go past its capacity (${registered} of ${capacity}, ${adding} more in this file)`, {
            key: 'importOverCapacity',
            params: { name, capacity, registered, adding }
          })
        }
        upload.progress.total = summary.ready
        const { thread } = importsOf(ctx.desk)
        // The worker checkpoints the WAL beside the import, so no commit here (the import's or a check-in's) does it.
        ctx.pauseAutoCheckpoint()
        let checkpointing: Promise<null> | null = null
        let checkpointed = performance.now()
        const checkpointSoon = () => {
          if (checkpointing !== null || performance.now() - checkpointed < CHECKPOINT_MS) return
          // A checkpoint that fails is only a larger WAL: SQLite checkpoints it later itself.
          checkpointing = thread
            .request('checkpoint', null)
            .catch(() => null)
            .finally(() => {
              checkpointing = null
              checkpointed = performance.now()
            })
        }
        const journal = new ChunkJournal(read, write, input.importId)
        journal.begin()
        const newTicketTypes = createPlannedTicketTypes(read, ctx, eventId, input.ticketTypes, summary.creates, journal)
        const result = { created: 0, merged: 0, skipped: 0, rejected: summary.issueCount, skippedByStatus: summary.skippedByStatus, warnings: summary.warningCount }
        // Identities written by this import, so a later row of it is matched like one already in the event.
        const written: ExistingPeople = { byCode: new Map(), byEmail: new Map() }
        const fetch = (offset: number) => thread.request('rows', { importId: input.importId, planKey: summary.planKey, offset, limit: FETCH_ROWS })

        let next = prefetch(fetch(0))
        let chunkStarted = performance.now()
        for (let offset = 0; offset < summary.ready; ) {
          let batch: CheckedRow[]
          if (next.arrived) batch = await next.rows
          else {
            // Waiting for the worker: commit and let others write meanwhile.
            journal.end()
            batch = await ctx.unlocked(() => next.rows)
            journal.begin()
            chunkStarted = performance.now()
          }
          if (batch.length === 0) break
          offset += batch.length
          if (offset < summary.ready) next = prefetch(fetch(offset))
          for (const row of batch) {
            if (performance.now() - chunkStarted >= CHUNK_MS) {
              await ctx.breathe()
              // Commit only for a waiting write: uncommitted, the whole import writes each index page once.
              if (ctx.writesWaiting()) {
                journal.end()
                await ctx.commitChunk()
                journal.begin()
                checkpointSoon()
              }
              chunkStarted = performance.now()
            }
            upload.progress.done++
            const ticketTypeId = row.ticketTypeId ?? newTicketTypes.get(row.createTicketType!)!
            // As the check found them (people registered meanwhile on other desks surface as conflicts).
            const person = existingOf(written, row) ?? row.existing
            if (person) {
              if (input.duplicates === 'skip') result.skipped++
              else {
                mergeRow(read, ctx, journal, person.id, row, ticketTypeId)
                result.merged++
              }
              continue
            }
            const id = insertAttendee(read, write, {
              eventId,
              firstName: row.firstName,
              lastName: row.lastName,
              email: row.email,
              invalidEmail: row.invalidEmail,
              company: row.company,
              jobTitle: row.jobTitle,
              phone: row.phone,
              ticketTypeId,
              status: row.status === 'cancelled' ? 'cancelled' : 'registered',
              preferredLanguage: row.preferredLanguage,
              notes: row.notes,
              attention: row.attention,
              doorNote: row.doorNote,
              externalRef: row.code,
              source: 'import'
            })
            const self = { id, ticketTypeId, status: row.status }
            if (row.code !== null) written.byCode.set(row.code, self)
            if (row.email !== null && !written.byEmail.has(row.email)) written.byEmail.set(row.email, { ...self, hasCode: row.code !== null })
            result.created++
          }
        }
        journal.end()
        journal.finish()
        // Leave the WAL checkpointed, so the next commit here does not have to.
        await ctx.unlocked(async () => {
          await checkpointing
          await thread.request('checkpoint', null).catch(() => null)
        })
        importsOf(ctx.desk).staging.drop(input.importId)
        const createdTicketTypes = [...newTicketTypes.values()].map((id) => {
          const { name, code } = getTicketType(read, id)
          return { id, name, code }
        })
        return { ...result, createdTicketTypes }
      } finally {
        upload.progress = null
      }
    },
    (input, { read, write }) => {
      undoImport(read, write, input.importId)
    }
  )
}

/** Merge: what the file says wins, but an empty cell never erases data. */
function mergeRow(read: GuardedSql, ctx: ChunkedWriteCtx, journal: ChunkJournal, id: string, row: CheckedRow, ticketTypeId: string): void {
  const patch = {
    firstName: row.firstName || undefined,
    lastName: row.lastName || undefined,
    email: row.email ?? undefined,
    // A valid address from the file replaces an unusable one; an unusable one never replaces a valid one.
    invalidEmail: row.email !== null ? null : (row.invalidEmail ?? undefined),
    company: row.company ?? undefined,
    jobTitle: row.jobTitle ?? undefined,
    phone: row.phone ?? undefined,
    ticketTypeId: row.ticketType !== null ? ticketTypeId : undefined,
    status: row.statusValue !== '' ? (row.status === 'cancelled' ? ('cancelled' as const) : ('registered' as const)) : undefined,
    preferredLanguage: row.preferredLanguage ?? undefined,
    notes: row.notes ?? undefined,
    attention: row.attention || undefined,
    doorNote: row.doorNote ?? undefined,
    externalRef: row.code ?? undefined
  }
  const before: AttendeeRow = getAttendee(read, id)
  const previous: Partial<Record<keyof typeof patch, unknown>> = {}
  for (const [key, value] of Object.entries(patch) as [keyof typeof patch, unknown][]) {
    if (value !== undefined) previous[key] = before[key]
  }
  if (ctx.write.update(attendees, id, patch)) journal.merged(id, previous as Partial<AttendeeRow>)
}

