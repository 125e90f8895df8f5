import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import type { ParsedTable } from './parse'

const TTL_MS = 60 * 60 * 1000
const MAX_STAGED = 4

export interface Staged<M> {
  /** What the file is for (an event's attendee list, …). */
  scopeId: string
  staffId: string
  table: ParsedTable
  expiresAt: number
  /** Rows written so far by a running commit (read by a progress method). */
  progress: { done: number; total: number } | null
  /** The rows as last mapped, so a commit right after a check does not map 50,000 rows again. */
  mapped: { mappingKey: string; result: M } | null
}

/**
 * Uploaded files wait here, parsed, between the mapping preview and the commit,
 * so a 50,000-row file crosses the wire once. Private to the staff member who
 * uploaded it. Memory only: an upload that outlives a restart is uploaded again.
 */
export class ImportStaging<M> {
  private readonly staged = new Map<string, Staged<M>>()

  put(scopeId: string, staffId: string, table: ParsedTable): string {
    this.expire()
    const mine = [...this.staged.entries()].filter(([, s]) => s.staffId === staffId)
    if (mine.length >= MAX_STAGED) this.staged.delete(mine[0]![0])
    const id = newId()
    this.staged.set(id, { scopeId, staffId, table, expiresAt: Date.now() + TTL_MS, progress: null, mapped: null })
    return id
  }

  get(importId: string, staffId: string): Staged<M> {
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
