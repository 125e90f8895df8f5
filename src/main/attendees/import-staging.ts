import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import type { ParsedTable } from './import-parse'
import type { mapRows } from './import-mapping'

const TTL_MS = 60 * 60 * 1000
const MAX_STAGED = 4

export interface Staged {
  eventId: string
  staffId: string
  table: ParsedTable
  expiresAt: number
  /** Rows written so far by a running commit (read by `import.progress`). */
  progress: { done: number; total: number } | null
  /** The rows as last mapped, so a commit right after a check does not map 50,000 rows again. */
  mapped: { mappingKey: string; result: ReturnType<typeof mapRows> } | null
}

/**
 * Uploaded files wait here, parsed, between the mapping preview and the commit,
 * so a 50,000-row file crosses the wire once. Memory only: an upload that
 * outlives a restart is simply uploaded again.
 */
export class ImportStaging {
  private readonly staged = new Map<string, Staged>()

  put(eventId: string, staffId: string, table: ParsedTable): string {
    this.expire()
    const mine = [...this.staged.entries()].filter(([, s]) => s.staffId === staffId)
    if (mine.length >= MAX_STAGED) this.staged.delete(mine[0]![0])
    const id = newId()
    this.staged.set(id, { eventId, staffId, table, expiresAt: Date.now() + TTL_MS, progress: null, mapped: null })
    return id
  }

  get(importId: string, staffId: string): Staged {
    this.expire()
    const entry = this.staged.get(importId)
    if (!entry || entry.staffId !== staffId) {
      throw new ApiError('not_found', 'This upload has expired; choose the file again', { key: 'importExpired' })
    }
    return entry
  }

  drop(importId: string): void {
    this.staged.delete(importId)
  }

  private expire(): void {
    const now = Date.now()
    for (const [id, s] of this.staged) if (s.expiresAt < now) this.staged.delete(id)
  }
}
