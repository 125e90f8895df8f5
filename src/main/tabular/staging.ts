import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'

const TTL_MS = 60 * 60 * 1000
const MAX_STAGED = 4

export interface Staged {
  /** What the file is for (an event's attendee list, …). */
  scopeId: string
  staffId: string
  expiresAt: number
  /** Rows written so far by a running commit (read by a progress method). */
  progress: { done: number; total: number } | null
}

/**
 * Who uploaded which file, between the mapping preview and the commit. The
 * parsed rows themselves live where they were parsed (the import worker);
 * `onDrop` tells it when an upload expires, is replaced or is done. Private to
 * the staff member who uploaded it. Memory only: an upload that outlives a
 * restart is uploaded again.
 */
export class ImportStaging {
  private readonly staged = new Map<string, Staged>()

  constructor(private readonly onDrop: (importId: string) => void) {}

  put(scopeId: string, staffId: string): string {
    this.expire()
    const mine = [...this.staged.entries()].filter(([, s]) => s.staffId === staffId)
    if (mine.length >= MAX_STAGED) this.drop(mine[0]![0])
    const id = newId()
    this.staged.set(id, { scopeId, staffId, expiresAt: Date.now() + TTL_MS, progress: null })
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
    if (this.staged.delete(importId)) this.onDrop(importId)
  }

  /** Forgets every upload (their parsed rows were lost). */
  clear(): void {
    this.staged.clear()
  }

  private expire(): void {
    const now = Date.now()
    for (const [id, s] of this.staged) if (s.expiresAt < now) this.drop(id)
  }
}
