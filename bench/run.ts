/**
 * EventDesk benchmarks: `npm run bench`. Seeds 100,000 attendees in a temp
 * desk and measures the hot paths through the real API (Core.call: validation,
 * session, handler, change log), printing and writing bench/results.json.
 * Not part of `npm test`: timings are reported, never asserted.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Core } from '../src/main/core/core'
import { newId } from '../src/main/core/ids'
import { checkins } from '../src/main/checkin/schema'
import { modules } from '../src/main/modules'
import { people, seededRandom } from '../src/main/demo/people'
import type { InputOf, MethodName, ResultOf } from '../src/shared/contract'
import { ftsQuery } from '../src/main/attendees/queries'
import { eventToken } from '../src/main/attendees/search-index'
import { foldText } from '../src/shared/text'
import { scanBenchmark } from './scan'
import { salesBenchmarks } from './sales'
import { syncBenchmarks } from './sync'
import { badgeBenchmarks } from './badges'
import { vendorBenchmarks } from './vendors'
import { startBackups } from '../src/main/backup/start'

interface Metric {
  value: number
  unit: string
  target: number
  better: 'lower' | 'higher'
}

const ROOT = join(__dirname, '..')
const results: Record<string, Metric> = {}

/** Prints a figure; those with a target also go to bench/results.json (the others explain them). */
function record(key: string, value: number, unit: string, target: number | null, better: 'lower' | 'higher' = 'lower'): void {
  const rounded = Number(value.toFixed(unit === 'ms' ? 3 : 2))
  if (target !== null) results[key] = { value: rounded, unit, target, better }
  const verdict = target === null ? '' : (better === 'lower' ? value <= target : value >= target) ? '  ok' : '  MISSED'
  console.log(`${key.padEnd(34)} ${rounded.toString().padStart(10)} ${unit.padEnd(3)} target ${target ?? '-'}${verdict}`)
}

function median(samples: number[]): number {
  return percentile(samples, 50)
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function csvOf(count: number, seed: number, offset: number): string {
  const lines = ['First Name,Last Name,Email,Company,Job Title,Language']
  let i = offset
  for (const p of people(count, seed)) {
    const email = p.email.replace('@', `.${i++}@`)
    lines.push([p.firstName, p.lastName, email, p.company ?? '', p.jobTitle ?? '', p.preferredLanguage].map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))
  }
  return lines.join('\r\n')
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'eventdesk-bench-'))
  const core = new Core({ dataDir: dir, appRoot: ROOT, modules, appVersion: 'bench' })
  const call = <M extends MethodName>(method: M, input: InputOf<M>, token: string | null = null) =>
    core.call(method, input, token) as Promise<ResultOf<M>>
  try {
    const { token } = await call('staff.setupFirstOrganizer', { name: 'Bench', pin: '1234' })
    const event = await call('event.create', { name: 'Bench Con', type: 'conference', startDate: '2026-11-23', endDate: '2026-11-24', timezone: 'Europe/Berlin', venue: null, capacity: null, status: 'live' }, token)
    const ga = await call('ticketType.create', { eventId: event.id, code: 'GA', name: 'General', priceCents: 0, currency: 'EUR', capacity: null, color: '#1e88e5' }, token)

    // The import worker thread starts with a desk's first upload (from TypeScript here, compiled on the
    // fly by tsx: ~1 s; from out/main in the app). Started first, so the figures below are the import's own.
    const warm = await call('import.upload', { eventId: event.id, fileName: 'warm.csv', base64: Buffer.from('First name\nWarm').toString('base64') }, token)
    await call('import.check', { importId: warm.importId, mapping: warm.mapping, defaultTicketTypeId: ga.id }, token)

    // Import: upload (decode, parse, guess) + check + commit of 50,000 CSV rows, as the UI does it.
    // Parse and check run on the import worker; the commit on the desk's thread.
    const importOnce = async (csv: string, duringCommit?: (commit: Promise<unknown>) => Promise<void>): Promise<{ total: number; commit: number }> => {
      const started = performance.now()
      const upload = await call('import.upload', { eventId: event.id, fileName: 'attendees.csv', base64: Buffer.from(csv).toString('base64') }, token)
      await call('import.check', { importId: upload.importId, mapping: upload.mapping, defaultTicketTypeId: ga.id }, token)
      const commitStarted = performance.now()
      const commit = call('import.commit', { importId: upload.importId, mapping: upload.mapping, defaultTicketTypeId: ga.id, duplicates: 'skip' }, token)
      await duringCommit?.(commit)
      const result = await commit
      if (result.created !== 50_000) throw new Error(`import created ${result.created}`)
      const ended = performance.now()
      return { total: (ended - started) / 1000, commit: (ended - commitStarted) / 1000 }
    }
    const first = await importOnce(csvOf(50_000, 1, 0))
    record('import_csv_50k_s', first.total, 's', 3)

    // The same rows and their search index, inserted by bare better-sqlite3 in one transaction:
    // same table, indexes and FTS table (copied from this desk's schema), no change log, no counters.
    const bareDb = new Database(join(dir, 'bare-import.db'))
    bareDb.pragma('journal_mode = WAL')
    bareDb.pragma('synchronous = NORMAL')
    const schema = core.sqlite
      .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND (tbl_name = 'attendees' OR name = 'attendees_fts') ORDER BY type DESC")
      .all() as { sql: string }[]
    for (const { sql } of schema) bareDb.exec(sql)
    const imported = core.sqlite.prepare('SELECT * FROM attendees WHERE event_id = ? ORDER BY seq').all(event.id) as Record<string, string | number | null>[]
    const columns = Object.keys(imported[0]!).filter((c) => c !== 'seq')
    const bareRow = bareDb.prepare(`INSERT INTO attendees (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
    const bareFtsRow = bareDb.prepare('INSERT INTO attendees_fts (rowid, name, email, company, code, ev) VALUES (?, ?, ?, ?, ?, ?)')
    const fold = (v: unknown) => (typeof v === 'string' ? foldText(v) : null)
    const bareStarted = performance.now()
    bareDb.transaction(() => {
      for (const row of imported) {
        const { seq: _seq, ...values } = row
        const { lastInsertRowid } = bareRow.run(values)
        bareFtsRow.run(lastInsertRowid, foldText(`${row.first_name} ${row.last_name}`), fold(row.email), fold(row.company), row.code, eventToken(event.id))
      }
    })()
    const bareSeconds = (performance.now() - bareStarted) / 1000
    bareDb.close()
    record('import_commit_50k_s', first.commit, 's', null)
    record('import_bare_insert_50k_s', bareSeconds, 's', null)
    record('import_vs_bare_ratio', first.commit / bareSeconds, 'x', 2)
    record('import_total_vs_bare_ratio', first.total / bareSeconds, 'x', null)

    // A scanner checking people in, one after the other, while the next 50,000-row import commits.
    const checkinCodes = (core.sqlite.prepare('SELECT code FROM attendees WHERE event_id = ? ORDER BY random() LIMIT 5000').all(event.id) as { code: string }[]).map((r) => r.code)
    const duringImport: number[] = []
    await importOnce(csvOf(50_000, 2, 50_000), async (commit) => {
      let done = false
      void commit.finally(() => (done = true))
      for (let i = 0; !done; i++) {
        const t = performance.now()
        await call('checkin.byCode', { eventId: event.id, code: checkinCodes[i % checkinCodes.length]!, method: 'scan' }, token)
        duringImport.push(performance.now() - t)
        // The next scan arrives as I/O does: the event loop turns in between (a loop of bare promises would starve it).
        await new Promise((resolve) => setImmediate(resolve))
      }
    }) // 100,000 attendees from here on
    record('checkin_during_import_p95_ms', percentile(duringImport, 95), 'ms', 100)
    record('checkin_during_import_max_ms', Math.max(...duringImport), 'ms', null)
    console.log(`(seeded 100,000 attendees; ${duringImport.length} check-ins during the second import's commit)`)

    // Search: 1,000 typical desk queries — surname/first-name prefixes, "first last", e-mail starts, companies, codes.
    const sample = core.sqlite.prepare('SELECT first_name, last_name, email, company, code FROM attendees ORDER BY random() LIMIT 1000').all() as {
      first_name: string; last_name: string; email: string; company: string | null; code: string
    }[]
    const rnd = seededRandom(3)
    const queries = sample.map((a, i) => {
      const cut = (s: string) => s.slice(0, 3 + Math.floor(rnd() * 4))
      switch (i % 6) {
        case 0: return cut(a.last_name)
        case 1: return `${a.first_name} ${cut(a.last_name)}`
        case 2: return cut(a.email)
        case 3: return a.company ? cut(a.company) : cut(a.first_name)
        case 4: return a.code
        default: return `${cut(a.first_name)} ${cut(a.last_name)}`.toLowerCase()
      }
    })
    const deskToken = token
    for (const q of queries.slice(0, 50)) await call('attendee.search', { eventId: event.id, query: q }, deskToken) // warm-up
    const searchTimes: number[] = []
    for (const q of queries) {
      const t = performance.now()
      await call('attendee.search', { eventId: event.id, query: q }, deskToken)
      searchTimes.push(performance.now() - t)
    }
    record('search_p50_ms', percentile(searchTimes, 50), 'ms', null)
    record('search_p95_ms', percentile(searchTimes, 95), 'ms', 5)
    // The first keystroke: one- and two-letter queries that can match nearly everyone.
    const broadTimes: number[] = []
    for (const q of [...'abcdefghijklmnopqrstuvwxyz', 'ex', 'co', 'ma', 'an', 'gr', 'mu', 'jo', 'sa']) {
      const t = performance.now()
      await call('attendee.search', { eventId: event.id, query: q }, deskToken)
      broadTimes.push(performance.now() - t)
    }
    record('search_first_letter_p95_ms', percentile(broadTimes, 95), 'ms', null)
    const bareFts = core.sqlite.prepare('SELECT rowid FROM attendees_fts WHERE attendees_fts MATCH ? ORDER BY rank LIMIT 25')
    const bareTimes: number[] = []
    for (const q of queries) {
      const match = ftsQuery(q)!
      const t = performance.now()
      bareFts.all(match)
      bareTimes.push(performance.now() - t)
    }
    record('search_bare_fts_p50_ms', percentile(bareTimes, 50), 'ms', null)
    record('search_vs_bare_fts_ratio', percentile(searchTimes, 50) / percentile(bareTimes, 50), 'x', 3)

    // The attendee list as the screen opens it: the total and the first 200 in name order (collation keys), through the API.
    const listTimes: number[] = []
    for (let i = 0; i < 30; i++) {
      const t = performance.now()
      const page = await call('attendee.list', { eventId: event.id, offset: 0, limit: 200 }, deskToken)
      listTimes.push(performance.now() - t)
      if (page.rows.length !== 200 || page.total !== 100_000) throw new Error(`list gave ${page.rows.length} of ${page.total}`)
    }
    record('list_first_page_100k_ms', percentile(listTimes, 50), 'ms', 50)
    const middleTimes: number[] = []
    for (let i = 0; i < 10; i++) {
      const t = performance.now()
      await call('attendee.list', { eventId: event.id, offset: 50_000, limit: 200 }, deskToken)
      middleTimes.push(performance.now() - t)
    }
    record('list_page_at_50k_ms', percentile(middleTimes, 50), 'ms', null)

    // Check-in by code through the API: validation, session, rules, the append-only fact, presence trigger, change record, commit.
    // People not in yet (some were checked in during the import above).
    const codes = (
      core.sqlite.prepare('SELECT code FROM attendees a WHERE NOT EXISTS (SELECT 1 FROM attendee_presence p WHERE p.attendee_id = a.id) ORDER BY random() LIMIT 2000').all() as { code: string }[]
    ).map((r) => r.code)
    const checkinTimes: number[] = []
    for (const code of codes) {
      const t = performance.now()
      const result = await call('checkin.byCode', { eventId: event.id, code }, deskToken)
      checkinTimes.push(performance.now() - t)
      if (result.outcome !== 'admitted') throw new Error(`check-in ${code}: ${result.outcome}`)
    }
    record('checkin_p50_ms', percentile(checkinTimes, 50), 'ms', null)
    record('checkin_p95_ms', percentile(checkinTimes, 95), 'ms', 2)
    await scanBenchmark(core, call, { eventId: event.id, ticketTypeId: ga.id, organizer: token, desk: deskToken }, percentile, record)
    // The write itself: our write path (check-in fact + presence trigger + HLC + change
    // record, in its own transaction) against a bare INSERT of the same row into a
    // table with the same columns, one autocommit statement each.
    const attendeeIds = (core.sqlite.prepare('SELECT id FROM attendees LIMIT 2000').all() as { id: string }[]).map((r) => r.id)
    const row = (i: number) => ({
      id: newId(), eventId: event.id, attendeeId: attendeeIds[i]!, kind: 'in' as const, refId: null,
      at: new Date().toISOString(), deskId: core.id, staffId: 'bench', method: 'code' as const
    })
    const writeTimes: number[] = []
    for (let i = 0; i < attendeeIds.length; i++) {
      const r = row(i)
      const t = performance.now()
      await core.transact('bench.checkin', ({ write }) => write.insert(checkins, r))
      writeTimes.push(performance.now() - t)
    }
    const bare = new Database(join(dir, 'bare.db'))
    bare.pragma('journal_mode = WAL')
    bare.pragma('synchronous = NORMAL')
    bare.exec('CREATE TABLE checkins (id TEXT PRIMARY KEY, event_id TEXT, attendee_id TEXT, kind TEXT, ref_id TEXT, at TEXT, desk_id TEXT, staff_id TEXT, method TEXT)')
    const bareInsert = bare.prepare('INSERT INTO checkins VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    const bareInsertTimes: number[] = []
    for (let i = 0; i < attendeeIds.length; i++) {
      const r = row(i)
      const t = performance.now()
      bareInsert.run(r.id, r.eventId, r.attendeeId, r.kind, r.refId, r.at, r.deskId, r.staffId, r.method)
      bareInsertTimes.push(performance.now() - t)
    }
    bare.close()
    record('checkin_write_p50_ms', percentile(writeTimes, 50), 'ms', null)
    record('checkin_bare_insert_p50_ms', percentile(bareInsertTimes, 50), 'ms', null)
    record('checkin_vs_bare_insert_ratio', percentile(writeTimes, 50) / percentile(bareInsertTimes, 50), 'x', 3)
    record('checkin_api_vs_bare_insert_ratio', percentile(checkinTimes, 50) / percentile(bareInsertTimes, 50), 'x', null)

    // Live counters: every screen re-reads them after each check-in anywhere.
    const counterTimes: number[] = []
    for (let i = 0; i < 50; i++) {
      const t = performance.now()
      await call('checkin.counters', { eventId: event.id }, deskToken)
      counterTimes.push(performance.now() - t)
    }
    record('counters_100k_p50_ms', percentile(counterTimes, 50), 'ms', null)

    // Export of all 100,000 to XLSX (streamed workbook, formula neutralising).
    const exportStarted = performance.now()
    const file = await call('attendee.export', { eventId: event.id, format: 'xlsx' }, token)
    if (file.rows !== 100_000) throw new Error(`export wrote ${file.rows} rows`)
    record('export_xlsx_100k_s', (performance.now() - exportStarted) / 1000, 's', 10)
    const csvStarted = performance.now()
    await call('attendee.export', { eventId: event.id, format: 'csv' }, token)
    record('export_csv_100k_s', (performance.now() - csvStarted) / 1000, 's', null)

    // Backup: the whole desk (100,000 attendees, their change log, search index…) as an encrypted
    // backup on a folder target — consistent snapshot, gzip, AES-256-GCM, fsync, rename — 3 runs
    // (the machine is shared and noisy). Then a fresh desk restores the last one.
    const backups = startBackups(core, { fleet: () => null })
    const backupDir = mkdtempSync(join(tmpdir(), 'eventdesk-bench-backup-'))
    const restoreDir = mkdtempSync(join(tmpdir(), 'eventdesk-bench-restore-'))
    const passphrase = 'bench passphrase, long enough'
    try {
      await call('backup.configure', { keep: 3, key: { source: 'passphrase', passphrase } }, token)
      await call('backup.saveTarget', { target: { kind: 'folder', path: backupDir } }, token)
      const backupTimes: number[] = []
      let bytes = 0
      for (let i = 0; i < 3; i++) {
        const started = performance.now()
        const status = await call('backup.run', {}, token)
        backupTimes.push((performance.now() - started) / 1000)
        const target = status.targets[0]!
        if (!target.lastGood || target.failures > 0) throw new Error(`backup failed: ${target.lastError?.message}`)
        bytes = target.lastGood.bytes
      }
      const databaseBytes = (core.sqlite.prepare('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()').get() as { n: number }).n
      record('backup_100k_s', median(backupTimes), 's', 10)
      console.log(`(backup runs ${backupTimes.map((t) => t.toFixed(2)).join(', ')} s; spread ${(Math.max(...backupTimes) - Math.min(...backupTimes)).toFixed(2)} s; database ${(databaseBytes / 2 ** 20).toFixed(1)} MiB, backup file ${(bytes / 2 ** 20).toFixed(1)} MiB)`)

      const fresh = new Core({ dataDir: restoreDir, appRoot: ROOT, modules, appVersion: 'bench' })
      const freshBackups = startBackups(fresh, { fleet: () => null })
      try {
        const started = performance.now()
        const restored = (await fresh.call('backup.restore', { source: { kind: 'folder', path: backupDir }, key: { kind: 'passphrase', passphrase } }, null)) as ResultOf<'backup.restore'>
        record('restore_100k_s', (performance.now() - started) / 1000, 's', null)
        if (restored.counts.attendees !== 100_000) throw new Error(`restored ${restored.counts.attendees} attendees`)
        console.log(`(restored ${restored.records} records)`)
      } finally {
        freshBackups.close()
        fresh.close()
      }
    } finally {
      backups.close()
      rmSync(backupDir, { recursive: true, force: true })
      rmSync(restoreDir, { recursive: true, force: true })
    }

    // Sync: a peer's records applied in batches of 1,000 (search index, counters, conflicts kept) into a new desk.
    const peerDir = mkdtempSync(join(tmpdir(), 'eventdesk-bench-peer-'))
    const peer = new Core({ dataDir: peerDir, appRoot: ROOT, modules, appVersion: 'bench' })
    const peerCall = <M extends MethodName>(method: M, input: InputOf<M>, token: string | null = null) =>
      peer.call(method, input, token) as Promise<ResultOf<M>>
    try {
      const records = core.changesSince('', 10_000_000)
      const applyStarted = performance.now()
      for (let i = 0; i < records.length; i += 1000) await peer.applyRemoteChanges(records.slice(i, i + 1000))
      const applySeconds = (performance.now() - applyStarted) / 1000
      record('apply_changes_per_s', records.length / applySeconds, '/s', 30_000, 'higher')
      console.log(`(applied ${records.length} records)`)

      // Conflicts: 50 people registered on the peer with e-mails the event already has, merged back.
      const { token: peerToken } = await peerCall('staff.signIn', { staffId: (await call('staff.me', {}, token)).staff.id, pin: '1234' })
      const taken = (core.sqlite.prepare('SELECT email FROM attendees WHERE email IS NOT NULL LIMIT 50').all() as { email: string }[]).map((r) => r.email)
      for (const [i, email] of taken.entries()) {
        await peerCall('attendee.register', { eventId: event.id, firstName: 'Twice', lastName: `Registered ${i}`, email, ticketTypeId: ga.id, paymentMethod: 'cash', amountCents: 0 }, peerToken).catch(() => undefined)
      }
      await core.applyRemoteChanges(peer.changesSince('', 10_000_000))
    } finally {
      peer.close()
      rmSync(peerDir, { recursive: true, force: true })
    }
    const conflictTimes: number[] = []
    let listed = 0
    for (let i = 0; i < 20; i++) {
      const t = performance.now()
      listed = (await call('conflict.list', { eventId: event.id }, token)).length
      conflictTimes.push(performance.now() - t)
    }
    record('conflict_scan_100k_ms', percentile(conflictTimes, 50), 'ms', 50)
    console.log(`(${listed} conflicts listed)`)

    // Every derived table (search index, presence, counters, conflicts) rebuilt from the synced tables.
    const rebuildStarted = performance.now()
    await core.rebuildDerived()
    record('rebuild_derived_100k_s', (performance.now() - rebuildStarted) / 1000, 's', 5)

    await syncBenchmarks(record)
    await badgeBenchmarks(record)
    await salesBenchmarks(record)
    await vendorBenchmarks(record)

    writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n')
    console.log('written to bench/results.json')
  } finally {
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
