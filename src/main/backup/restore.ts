/**
 * Restoring a desk from a backup: the file is fetched, its key checked, its
 * snapshot decrypted and verified in full, and only then are the snapshot's
 * change records merged into this desk through the kernel's one entry for
 * records made elsewhere (`applyRemoteChanges`), oldest first, in batches.
 *
 * Why a merge rather than putting the snapshot file in place: the desk keeps
 * its own identity (desk id, HLC node, its row in `desks`) and never speaks
 * as the desk that made the backup; every record is validated as a peer's
 * would be; derived tables (search, presence, counters, conflicts) are kept
 * by the same projections as ever; records of a newer version are kept for
 * later; and it works on a running desk (Electron, first-run screen) without
 * reopening the database. Records go in HLC order, so at every batch the desk
 * holds a prefix of each origin's log and may sync with peers meanwhile, or be
 * killed and run the restore again.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { RestoreProgress, RestoreResult } from '../../shared/contract/backup'
import { ApiError } from '../../shared/errors'
import { CHANGE_COLUMNS, toRecord, type Core, type RawChange } from '../core/core'
import { openArchive, type KeySecret } from './archive'
import type { BackupTarget } from './targets'

// Larger than sync's batches: each batch of attendee records is judged for conflicts by a scan of the event (core/conflicts.ts),
// and a fresh desk has nothing else waiting in its write queue.
const BATCH = 10_000

export interface RestoreSteps {
  /** A backup's name; the newest there by default. */
  name?: string
  /** An empty folder for the download and the decrypted snapshot. */
  workDir: string
  report(progress: Partial<RestoreProgress>): void
  /** Runs once the backup is verified, before its first record is merged. */
  beforeApplying(): Promise<void>
}

export async function restoreFrom(core: Core, target: BackupTarget, secret: KeySecret, steps: RestoreSteps): Promise<RestoreResult> {
  const { name, workDir, report } = steps
  report({ phase: 'downloading', done: 0, total: 0 })
  const chosen = name ?? (await target.list())[0]?.name
  if (!chosen) {
    throw new ApiError('not_found', `No EventDesk backup at ${target.where}`, { key: 'backupNoneThere', params: { where: target.where } })
  }
  const archiveFile = join(workDir, chosen)
  await target.get(chosen, archiveFile)

  report({ phase: 'decrypting' })
  const archive = await openArchive(archiveFile, secret)
  const snapshotFile = join(workDir, 'snapshot.db')
  await archive.extract(snapshotFile)

  const snapshot = new Database(snapshotFile, { readonly: true })
  const result = { records: 0, applied: 0, duplicates: 0, deferred: 0, rejected: 0 }
  try {
    const total = (snapshot.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n
    await steps.beforeApplying()
    report({ phase: 'applying', done: 0, total })
    let batch: RawChange[] = []
    const apply = async (): Promise<void> => {
      const applied = await core.applyRemoteChanges(batch.map(toRecord))
      result.records += batch.length
      result.applied += applied.applied
      result.duplicates += applied.duplicates
      result.deferred += applied.deferred
      result.rejected += applied.rejected.length
      for (const r of applied.rejected.slice(0, 5)) console.warn(`backup: restore refused record ${r.hlc}: ${r.reason}`)
      batch = []
      report({ done: result.records })
    }
    for (const row of snapshot.prepare(`SELECT ${CHANGE_COLUMNS} FROM changes ORDER BY hlc`).iterate() as IterableIterator<RawChange>) {
      batch.push(row)
      if (batch.length === BATCH) await apply()
    }
    if (batch.length > 0) await apply()
  } finally {
    snapshot.close()
  }

  const counts: Record<string, number> = {}
  for (const table of core.changeLog.tables.keys()) {
    counts[table] = (core.sqlite.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n
  }
  const { manifest } = archive
  return {
    name: chosen,
    createdAt: manifest.createdAt,
    sourceDeskId: manifest.deskId,
    sourceDeskName: manifest.deskName,
    ...result,
    newerVersion: manifest.level > core.changeLog.level,
    counts
  }
}
