import { EventEmitter } from 'node:events'
import { mkdirSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { eq, max } from 'drizzle-orm'
import type { z } from 'zod'
import { contract, isMethodName, type ChangedEvent, type MethodName } from '../../shared/contract'
import { FIELD_MESSAGE_PARAMS, FIELD_MESSAGES, type FieldMessageKey } from '../../shared/domain'
import { ApiError, type FieldIssue } from '../../shared/errors'
import { openDatabase, type Db, type Sqlite, type Statement } from '../db/open'
import { changes, desks, meta } from '../db/schema'
import { handlers } from '../handlers'
import { ImportStaging } from '../attendees/import-staging'
import { attendeeSearchIndex } from '../attendees/search-index'
import { ticketTypeCounts } from '../checkin/ticket-type-counts'
import { resolveSession } from '../staff/auth'
import { DeskClock } from './clock'
import { newId } from './ids'
import { ChangeLog, type Touched } from './mutator'
import type { Ctx, Handler } from './rpc'

export interface CoreOptions {
  /** Folder holding this desk's database. */
  dataDir: string
  /** Folder with the app's `drizzle/` migrations. */
  appRoot: string
  /** Names this desk (shown in check-in outcomes and the audit); the host name by default. */
  deskName?: string
  appVersion?: string
}

/** One desk: its database, its clock, its change log and the API it serves. */
export class Core {
  readonly sqlite: Sqlite
  readonly db: Db
  readonly schemaVersion: string
  readonly deskId: string
  readonly clock: DeskClock
  readonly changeLog: ChangeLog
  readonly imports = new ImportStaging()
  readonly appVersion: string
  private readonly emitter = new EventEmitter()
  private writeQueue: Promise<unknown> = Promise.resolve()

  constructor(options: CoreOptions) {
    mkdirSync(options.dataDir, { recursive: true })
    const opened = openDatabase(join(options.dataDir, 'eventdesk.db'), join(options.appRoot, 'drizzle'))
    this.sqlite = opened.sqlite
    this.db = opened.db
    this.schemaVersion = opened.schemaVersion
    this.appVersion = options.appVersion ?? '0.0.0'
    this.deskId = this.loadDeskId()
    const last = this.db.select({ hlc: max(changes.hlc) }).from(changes).get()?.hlc
    this.clock = new DeskClock(this.deskId.replace(/-/g, '').slice(-16).toUpperCase(), last)
    this.changeLog = new ChangeLog(this.sqlite, this.clock, this.deskId)
    this.changeLog.project('attendees', attendeeSearchIndex(this.sqlite))
    this.changeLog.project('attendees', ticketTypeCounts(this.sqlite))
    this.registerDesk(options.deskName)
  }

  /** A prepared statement, compiled once per desk and reused (hot paths run thousands a second). */
  statement(sql: string): Statement {
    return this.changeLog.statement(sql)
  }

  get deskName(): string {
    return this.db.select({ name: desks.name }).from(desks).where(eq(desks.id, this.deskId)).get()?.name ?? hostname()
  }

  /**
   * Runs one API method as the holder of `token` (or anonymously for public
   * methods): unknown method, missing session, wrong role and invalid input
   * are refused before any handler runs.
   */
  async call(name: string, rawInput: unknown, token: string | null): Promise<unknown> {
    if (!isMethodName(name)) throw new ApiError('unknown_method', `Unknown method "${name}"`)
    const spec = contract[name]
    const session = token ? resolveSession(this, token) : null
    if (spec.roles !== 'public') {
      if (!session) throw new ApiError('unauthenticated', 'Sign in first', { key: 'signInFirst' })
      if (!spec.roles.includes(session.staff.role)) {
        throw new ApiError('forbidden', `The ${session.staff.role} role may not call ${name}`, { key: 'forbidden' })
      }
    }
    const parsed = spec.input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const issues = parsed.error.issues.map(toFieldIssue)
      const first = issues[0]!
      throw new ApiError('invalid_input', `Invalid ${first.path}: ${first.message}`, { issues, key: 'invalidField' })
    }
    const handler = handlers[name] as Handler<MethodName>
    const ctx: Ctx = { core: this, session, method: name }
    return await handler(parsed.data as never, ctx)
  }

  /**
   * Runs `work` when every write queued before it has finished: writes never
   * interleave, even when one of them yields to the event loop mid-transaction.
   */
  exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.writeQueue.then(work)
    this.writeQueue = run.catch(() => undefined)
    return run
  }

  onChanged(listener: (event: ChangedEvent) => void): () => void {
    this.emitter.on('changed', listener)
    return () => this.emitter.off('changed', listener)
  }

  notifyChanged(touched: Touched): void {
    const event: ChangedEvent = { tables: [...touched.tables], eventIds: [...touched.eventIds] }
    this.emitter.emit('changed', event)
  }

  close(): void {
    this.sqlite.close()
  }

  private loadDeskId(): string {
    const row = this.db.select().from(meta).where(eq(meta.key, 'desk_id')).get()
    if (row) return row.value
    const deskId = newId()
    this.db.insert(meta).values({ key: 'desk_id', value: deskId }).run()
    return deskId
  }

  private registerDesk(name: string | undefined): void {
    const current = this.db.select({ name: desks.name }).from(desks).where(eq(desks.id, this.deskId)).get()
    if (current && (!name || current.name === name)) return
    this.sqlite.transaction(() => {
      const write = this.changeLog.writer({ staffId: null, action: current ? 'desk.rename' : 'desk.register' })
      if (current) write.update(desks, this.deskId, { name: name! })
      else write.insert(desks, { id: this.deskId, name: name ?? hostname(), createdAt: new Date().toISOString() })
    })()
  }

}

const MESSAGE_KEYS = new Map(Object.entries(FIELD_MESSAGES).map(([key, text]) => [text as string, key as FieldMessageKey]))

/** A zod issue as the API reports it: path, English message, and a key + params to translate it. */
function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.map(String).join('.') || '(input)'
  const known = MESSAGE_KEYS.get(issue.message)
  if (known) {
    const params = FIELD_MESSAGE_PARAMS[known]
    return { path, message: issue.message, key: known, ...(params ? { params } : {}) }
  }
  if (issue.code === 'too_big') {
    return { path, message: issue.message, key: issue.origin === 'string' ? 'tooLong' : 'tooLarge', params: { max: Number(issue.maximum) } }
  }
  if (issue.code === 'too_small') {
    const min = Number(issue.minimum)
    if (issue.origin === 'string') return { path, message: issue.message, ...(min <= 1 ? { key: 'required' } : { key: 'tooShort', params: { min } }) }
    return { path, message: issue.message, key: 'tooSmall', params: { min } }
  }
  if (issue.code === 'invalid_value') return { path, message: issue.message, key: 'chooseOption' }
  return { path, message: issue.message, key: 'invalid' }
}
