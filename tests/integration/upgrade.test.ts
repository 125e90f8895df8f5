/**
 * Desks at an event run mixed versions for a day. A record from a newer desk
 * naming a table or column this desk does not know yet is kept, relayed, and
 * applied once this desk has been upgraded (its migrations and modules know it).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { z } from 'zod'
import { afterEach, describe, expect, it } from 'vitest'
import { Core } from '../../src/main/core/core'
import { defineModule, query } from '../../src/main/core/module'
import { modules } from '../../src/main/modules'
import { method } from '../../src/shared/contract/method'
import { APP_ROOT, removeDir, tempDir } from './helpers'

const gadgets = sqliteTable('gadgets', { id: text('id').primaryKey(), name: text('name').notNull(), colour: text('colour') })
const gadgetModule = defineModule(
  { 'gadget.none': method<null>()({ input: z.object({}), roles: 'public' }) },
  { name: 'gadgets', tables: [{ table: gadgets, kind: 'lww', scope: 'fleet' }], handlers: { 'gadget.none': query(() => null) } }
)

/** The app's migrations plus one more (what the next version ships). */
function upgradedApp(): string {
  const root = tempDir('eventdesk-app-')
  cpSync(join(APP_ROOT, 'drizzle'), join(root, 'drizzle'), { recursive: true })
  const journalFile = join(root, 'drizzle', 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[] }
  const last = journal.entries.at(-1)!
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_gadgets' })
  writeFileSync(journalFile, JSON.stringify(journal))
  writeFileSync(join(root, 'drizzle', '9999_gadgets.sql'), 'CREATE TABLE gadgets (id text PRIMARY KEY NOT NULL, name text NOT NULL, colour text);')
  return root
}

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(removeDir))

describe('records from a newer version', () => {
  it('keep a value this desk cannot hold yet (a new status) without applying it, and apply the rest', async () => {
    const dataDir = tempDir()
    dirs.push(dataDir)
    const desk = new Core({ dataDir, appRoot: APP_ROOT, modules, appVersion: 'now' })
    const level = desk.changeLog.level
    const event = { id: 'e1', name: 'Summit', type: 'conference', start_date: '2026-11-23', end_date: '2026-11-24', timezone: 'UTC', venue: null, capacity: null, status: 'draft', created_at: '2026-11-22T10:00:00.000Z' }
    const base = { deskId: 'newer-desk', staffId: null, action: 'event.update', tbl: 'events', rowId: 'e1' }
    const result = await desk.applyRemoteChanges([
      { ...base, hlc: '2026-11-22T10:00:00.000Z-0000-AAAAAAAAAAAAAAAA', op: 'insert', action: 'event.create', data: event, v: level },
      { ...base, hlc: '2026-11-22T10:01:00.000Z-0000-AAAAAAAAAAAAAAAA', op: 'update', data: { status: 'sold_out', name: 'Summit 2026' }, v: level + 1 }
    ])
    expect(result).toMatchObject({ applied: 1, deferred: 1, rejected: [] })
    expect(desk.sqlite.prepare('SELECT name, status FROM events').get()).toEqual({ name: 'Summit 2026', status: 'draft' })
    expect(desk.sqlite.prepare('SELECT tbl, row_id FROM pending_changes').all()).toEqual([{ tbl: 'events', row_id: 'e1' }])
    desk.close()
  })

  it('are kept by an older desk and applied after its upgrade', async () => {
    const newerApp = upgradedApp()
    const dataNew = tempDir()
    const dataOld = tempDir()
    dirs.push(newerApp, dataNew, dataOld)
    const newer = new Core({ dataDir: dataNew, appRoot: newerApp, modules: [...modules, gadgetModule], appVersion: 'next' })
    await newer.transact('gadget.create', ({ write }) => write.insert(gadgets, { id: 'g1', name: 'Lanyard printer', colour: 'blue' }))
    const records = newer.changesSince('', 1000)
    newer.close()

    const older = new Core({ dataDir: dataOld, appRoot: APP_ROOT, modules, appVersion: 'now' })
    expect(await older.applyRemoteChanges(records)).toMatchObject({ deferred: 1, rejected: [] })
    // Kept whole (and so relayed to other desks), waiting.
    expect(older.changesSince('', 1000).find((r) => r.tbl === 'gadgets')).toMatchObject({ data: { id: 'g1', name: 'Lanyard printer', colour: 'blue' } })
    older.close()

    const upgraded = new Core({ dataDir: dataOld, appRoot: newerApp, modules: [...modules, gadgetModule], appVersion: 'next' })
    expect(upgraded.sqlite.prepare('SELECT * FROM gadgets').all()).toEqual([{ id: 'g1', name: 'Lanyard printer', colour: 'blue' }])
    expect(upgraded.sqlite.prepare('SELECT * FROM pending_changes').all()).toEqual([])
    upgraded.close()
  })
})
