/**
 * This desk's backups: on its interval (when it is one of the desks that back
 * up) and on demand, one snapshot sealed once and sent to each target that is
 * due; a target that fails is tried again after 30 s, 1, 2, 4… minutes (up to
 * 15, never more than the interval), across restarts: the schedule is computed
 * from what is stored (last good backup, last failure, failures since), so a
 * desk offline for hours picks up by itself. Each target keeps this desk's
 * newest N versions. Also the one restore a fresh desk may run.
 */
import { readdirSync, rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { BackupProblem, BackupStatus, BackupVersion, RestoreProgress, RestoreResult } from '../../shared/contract/backup'
import { ApiError } from '../../shared/errors'
import type { Core } from '../core/core'
import { GuardedSql } from '../core/sql'
import type { LocalWrites } from '../core/writer'
import { hasStaff } from '../staff/queries'
import { keyFromFleet, sealSnapshot, sha256File, type KeySecret, type Manifest, type MasterKey } from './archive'
import { restoreFrom } from './restore'
import { markRestoring, readSettings, readTarget, readTargets, recordFailure, recordSuccess, targetOfRow, targetView, whereOf, type Settings, type TargetRow } from './settings'
import { takeSnapshot } from './snapshot'
import { backupName, type BackupTarget } from './targets'

export interface BackupOptions {
  /** This desk's fleet (id and key), when it has one: the key source 'fleet' derives from it. */
  fleet: () => { id: string; key: Buffer } | null
  /** The first retry after a failure; it doubles with each failure after. */
  firstRetryMs?: number
  maxRetryMs?: number
  /** A backup due at start waits this long: a desk starting up has other things to do first. */
  startDelayMs?: number
}

const MAX_TIMER_MS = 60 * 60_000
const WORK_PREFIX = '.backup-'

const NO_KEY: BackupProblem = { key: 'backupNoKey', message: 'Set a backup passphrase (or choose the fleet key) first' }
const NO_TARGET: BackupProblem = { key: 'backupNoTarget', message: 'Add a folder or an S3 bucket to back up to first' }
const NO_FLEET: BackupProblem = { key: 'backupNoFleetKey', message: 'This desk has no fleet key yet: pair it, or use a passphrase' }

function errorOf(err: unknown): BackupProblem {
  if (err instanceof ApiError) return { key: err.key ?? err.code, message: err.message, ...(err.params ? { params: err.params } : {}) }
  const detail = (err instanceof Error ? err.message : String(err)).slice(0, 200)
  return { key: 'backupFailed', message: `The backup failed: ${detail}`, params: { detail } }
}

const iso = (ms: number) => new Date(ms).toISOString()

export class BackupRunner {
  private readonly read: GuardedSql
  private readonly startedAt = Date.now()
  private readonly firstRetryMs: number
  private readonly maxRetryMs: number
  private readonly startDelayMs: number
  private timer: NodeJS.Timeout | null = null
  private current: Promise<void> | null = null
  private closed = false
  private restoring: Promise<RestoreResult> | null = null
  private progress: RestoreProgress = { running: false, phase: 'idle', done: 0, total: 0, error: null }

  constructor(
    private readonly core: Core,
    private readonly options: BackupOptions
  ) {
    this.read = new GuardedSql(core.sqlite)
    this.firstRetryMs = options.firstRetryMs ?? 30_000
    this.maxRetryMs = options.maxRetryMs ?? 15 * 60_000
    this.startDelayMs = options.startDelayMs ?? 60_000
  }

  start(): void {
    this.removeLeftovers()
    this.schedule()
  }

  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
  }

  status(): BackupStatus {
    const settings = readSettings(this.read)
    const rows = readTargets(this.read)
    const problem = this.problem(settings, rows)
    const now = Date.now()
    const active = settings.enabled && problem === null
    const targets = rows.map((row) => targetView(row, active ? iso(this.nextAt(row, settings)) : null, settings.enabled && this.isStale(row.last_ok_at, settings, now)))
    let lastGood: BackupStatus['lastGood'] = null
    for (const t of targets) if (t.lastGood && (!lastGood || t.lastGood.at > lastGood.at)) lastGood = { ...t.lastGood, where: t.where }
    const next = targets.map((t) => t.nextAttemptAt).filter((t): t is string => t !== null).sort()[0] ?? null
    return {
      enabled: settings.enabled,
      intervalMinutes: settings.intervalMinutes,
      keep: settings.keep,
      warnAfterHours: settings.warnAfterHours,
      keySource: settings.keySource,
      running: this.current !== null,
      problem,
      targets,
      lastGood,
      nextAttemptAt: next,
      stale: settings.enabled && this.isStale(lastGood?.at ?? null, settings, now)
    }
  }

  /** Settings or targets changed: the schedule follows (once the change has committed). */
  reschedule(): void {
    setImmediate(() => this.schedule())
  }

  /** Backs up to every target now, waiting for it (or for the backup already running). */
  async runNow(): Promise<BackupStatus> {
    const settings = readSettings(this.read)
    const rows = readTargets(this.read)
    const problem = this.problem(settings, rows)
    if (problem) throw new ApiError('conflict', problem.message, { key: problem.key })
    await this.run(rows.map((r) => r.id))
    return this.status()
  }

  async versions(targetId: string): Promise<BackupVersion[]> {
    const row = readTarget(this.read, targetId)
    if (!row) throw new ApiError('not_found', 'No such backup target', { key: 'backupTargetNotFound' })
    return targetOfRow(row).list()
  }

  restoreProgress(): RestoreProgress {
    return { ...this.progress }
  }

  /** The backups a fresh desk could restore from a target. */
  async restorable(target: BackupTarget): Promise<BackupVersion[]> {
    this.assertFresh()
    return target.list()
  }

  /**
   * Fills this fresh desk from a backup. Refused once the desk holds staff or
   * records of its own, unless a restore was interrupted (it then runs again).
   */
  async restore(target: BackupTarget, secret: KeySecret, name?: string): Promise<RestoreResult> {
    if (this.restoring) throw new ApiError('conflict', 'A restore is already running on this desk', { key: 'backupRestoreRunning' })
    this.assertFresh()
    const run = this.runRestore(target, secret, name)
    this.restoring = run
    try {
      return await run
    } finally {
      this.restoring = null
    }
  }

  private async runRestore(target: BackupTarget, secret: KeySecret, name: string | undefined): Promise<RestoreResult> {
    this.progress = { running: true, phase: 'downloading', done: 0, total: 0, error: null }
    const work = await this.workDir()
    try {
      const result = await restoreFrom(this.core, target, secret, {
        name,
        workDir: work,
        report: (p) => (this.progress = { ...this.progress, ...p }),
        // Until it completes, a restore that was cut short may run again on this (no longer empty) desk.
        beforeApplying: () => this.local((local) => markRestoring(local, name ?? 'newest'))
      })
      await this.local((local) => markRestoring(local, null))
      this.progress = { ...this.progress, running: false, phase: 'done' }
      console.log(`backup: restored ${result.name} (${result.records} records) from ${target.where}`)
      return result
    } catch (err) {
      this.progress = { ...this.progress, running: false, phase: 'failed', error: errorOf(err) }
      throw err
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  }

  private assertFresh(): void {
    if (readSettings(this.read).restoring) return
    const ownRecords = this.read.get("SELECT 1 FROM changes WHERE desk_id = ? AND tbl <> 'desks' LIMIT 1", this.core.id)
    if (hasStaff(this.read) || ownRecords) {
      throw new ApiError('conflict', 'This desk already holds data; restore on a new desk (an empty data folder)', {
        key: 'backupRestoreNeedsFreshDesk'
      })
    }
  }

  private problem(settings: Settings, rows: TargetRow[]): BackupProblem | null {
    if (!settings.keySource || (settings.keySource === 'passphrase' && !settings.passphraseKey)) return NO_KEY
    if (rows.length === 0) return NO_TARGET
    if (settings.keySource === 'fleet' && !this.options.fleet()) return NO_FLEET
    return null
  }

  private isStale(lastOkAt: string | null, settings: Settings, now: number): boolean {
    return lastOkAt === null || now - Date.parse(lastOkAt) > settings.warnAfterHours * 3_600_000
  }

  private retryDelay(failures: number, settings: Settings): number {
    return Math.min(this.firstRetryMs * 2 ** Math.min(failures - 1, 30), this.maxRetryMs, settings.intervalMinutes * 60_000)
  }

  /** When a target is next due: after a failure, the backoff; else the interval after its last good backup; never before the start delay. */
  private nextAt(row: TargetRow, settings: Settings): number {
    let at = 0
    if (row.failures > 0 && row.last_error_at) at = Date.parse(row.last_error_at) + this.retryDelay(row.failures, settings)
    else if (row.last_ok_at) at = Date.parse(row.last_ok_at) + settings.intervalMinutes * 60_000
    return Math.max(at, this.startedAt + this.startDelayMs)
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.closed || this.current) return
    const settings = readSettings(this.read)
    const rows = readTargets(this.read)
    if (!settings.enabled || this.problem(settings, rows)) return
    const next = Math.min(...rows.map((row) => this.nextAt(row, settings)))
    const delay = Math.max(0, Math.min(next - Date.now(), MAX_TIMER_MS))
    this.timer = setTimeout(() => {
      this.timer = null
      const now = Date.now()
      const due = readTargets(this.read).filter((row) => this.nextAt(row, readSettings(this.read)) <= now)
      if (due.length === 0) return this.schedule()
      void this.run(due.map((r) => r.id))
    }, delay)
    this.timer.unref()
  }

  /** One backup at a time: a call while one runs waits for that one. */
  private run(targetIds: string[]): Promise<void> {
    if (!this.current) {
      this.current = this.backup(targetIds).finally(() => {
        this.current = null
        this.schedule()
      })
    }
    return this.current
  }

  private masterKey(settings: Settings): MasterKey {
    if (settings.keySource === 'passphrase' && settings.passphraseKey) return settings.passphraseKey
    const fleet = this.options.fleet()
    if (settings.keySource === 'fleet' && fleet) return keyFromFleet(fleet.key, fleet.id)
    throw new ApiError('conflict', (settings.keySource === 'fleet' ? NO_FLEET : NO_KEY).message, {
      key: (settings.keySource === 'fleet' ? NO_FLEET : NO_KEY).key
    })
  }

  private async backup(targetIds: string[]): Promise<void> {
    const settings = readSettings(this.read)
    const rows = readTargets(this.read).filter((r) => targetIds.includes(r.id))
    if (rows.length === 0) return
    const started = new Date()
    const failAll = (err: unknown) => this.local((local) => rows.forEach((row) => recordFailure(local, row.id, iso(Date.now()), errorOf(err))))
    let work: string | null = null
    try {
      const master = this.masterKey(settings)
      work = await this.workDir()
      const name = backupName(started, this.core.id)
      const snapshot = join(work, 'snapshot.db')
      const facts = await takeSnapshot(this.core, snapshot)
      const manifest: Manifest = {
        deskId: this.core.id,
        deskName: facts.deskName,
        createdAt: started.toISOString(),
        appVersion: this.core.appVersion,
        schemaVersion: this.core.schemaVersion,
        level: this.core.changeLog.level,
        counts: facts.counts,
        lastHlc: facts.lastHlc,
        snapshotBytes: facts.bytes,
        sha256: await sha256File(snapshot)
      }
      const archive = join(work, name)
      const bytes = await sealSnapshot(snapshot, archive, master, manifest)
      await rm(snapshot)
      for (const row of rows) {
        const target = targetOfRow(row)
        try {
          await target.put(archive, name)
        } catch (err) {
          console.warn(`backup: ${name} could not go to ${whereOf(row)}: ${errorOf(err).message}`)
          await this.local((local) => recordFailure(local, row.id, iso(Date.now()), errorOf(err)))
          continue
        }
        await this.local((local) => recordSuccess(local, row.id, iso(Date.now()), name, bytes))
        await this.prune(target, settings.keep)
      }
    } catch (err) {
      console.warn(`backup: failed: ${errorOf(err).message}`)
      await failAll(err)
    } finally {
      if (work) await rm(work, { recursive: true, force: true })
    }
  }

  /** Keeps this desk's newest `keep` backups on the target; other desks' backups are theirs to prune. */
  private async prune(target: BackupTarget, keep: number): Promise<void> {
    try {
      const own = (await target.list()).filter((v) => v.deskId === this.core.id)
      for (const old of own.slice(keep)) await target.remove(old.name)
    } catch (err) {
      console.warn(`backup: old versions at ${target.where} not pruned: ${errorOf(err).message}`)
    }
  }

  /** A folder of its own in the desk's data folder (same disk, same permissions as the database), removed after. */
  private workDir(): Promise<string> {
    return mkdtemp(join(dirname(this.core.sqlite.name), WORK_PREFIX))
  }

  /** Work folders of a desk killed mid-backup or mid-restore (a decrypted snapshot may be in one); before any new one exists. */
  private removeLeftovers(): void {
    const dataDir = dirname(this.core.sqlite.name)
    for (const name of readdirSync(dataDir)) {
      if (name.startsWith(WORK_PREFIX)) rmSync(join(dataDir, name), { recursive: true, force: true })
    }
  }

  private local(work: (local: LocalWrites) => void): Promise<void> {
    return this.core.transact('backup.record', ({ write }) => work(write.local))
  }
}
