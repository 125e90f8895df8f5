/**
 * The desk's side of the import worker (import-worker.ts): starts it on first
 * use, sends requests, and turns its answers and failures back into results
 * and ApiErrors. A worker that runs out of its heap (a hostile file) or dies
 * takes only the uploads it held; the desk goes on.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { ApiError, type ErrorCode } from '../../shared/errors'
import type { ImportRequests, ImportRequestType, ResponseMessage, SerializedError } from './import-protocol'

/** The worker's heap: a file that needs more is refused, the desk's own heap is untouched. */
const WORKER_HEAP_MB = 1536

interface Pending {
  resolve: (value: unknown) => void
  reject: (err: Error) => void
}

/**
 * The worker script: the built one beside the bundle (out/main), or the
 * TypeScript source required through tsx's CommonJS hook (Vitest, `npm run bench`).
 */
function workerScript(): { script: string; eval: boolean } {
  for (const dir of [__dirname, join(__dirname, '..')]) {
    const built = join(dir, 'import-worker.js')
    if (existsSync(built)) return { script: built, eval: false }
  }
  const source = JSON.stringify(join(__dirname, 'import-worker.ts'))
  return { script: `require('tsx/cjs'); require(${source})`, eval: true }
}

export class ImportThread {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  /** `onLost`: the worker died and the uploads it held are gone. */
  constructor(
    private readonly databaseFile: string,
    private readonly onLost: () => void
  ) {}

  request<K extends ImportRequestType>(type: K, body: ImportRequests[K]['in']): Promise<ImportRequests[K]['out']> {
    const worker = this.start()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.ref()
      worker.postMessage({ id, type, body })
    })
  }

  async terminate(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) await worker.terminate()
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const { script, eval: isCode } = workerScript()
    const worker = new Worker(script, {
      eval: isCode,
      workerData: { databaseFile: this.databaseFile },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }
    })
    worker.on('message', (message: ResponseMessage) => {
      const waiting = this.pending.get(message.id)
      if (!waiting) return
      this.pending.delete(message.id)
      if (this.pending.size === 0) worker.unref()
      if ('error' in message) waiting.reject(toApiError(message.error))
      else waiting.resolve(message.result)
    })
    const lost = (err: Error | null) => {
      if (this.worker !== worker) return
      this.worker = null
      const outOfMemory = (err as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
      if (!outOfMemory && err) console.error('import worker failed', err)
      const failure = outOfMemory
        ? new ApiError('too_large', 'This file is too large to read; split it into smaller files', {
            key: 'importFile.tooComplex',
            issues: [{ path: 'file', message: 'This file is too large to read', key: 'importFile.tooComplex' }]
          })
        : new ApiError('internal', 'Reading the file failed; nothing was saved', { key: 'internal' })
      for (const waiting of this.pending.values()) waiting.reject(failure)
      this.pending.clear()
      this.onLost()
    }
    worker.on('error', lost)
    worker.on('exit', () => lost(null))
    worker.unref()
    this.worker = worker
    return worker
  }
}

function toApiError(err: SerializedError): ApiError {
  if (err.kind === 'file') {
    // The file itself is the problem: say so on the upload's "file" field too.
    const key = `importFile.${err.key}`
    const issue = { path: 'file', message: err.message, key, ...(err.params ? { params: err.params } : {}) }
    return new ApiError(err.code === 'too_large' ? 'too_large' : 'invalid_input', err.message, { key, params: err.params, issues: [issue] })
  }
  if (err.kind === 'api') return new ApiError(err.code as ErrorCode, err.message, { key: err.key, params: err.params })
  console.error('import worker:', err.message)
  return new ApiError('internal', 'Reading the file failed; nothing was saved', { key: 'internal' })
}
