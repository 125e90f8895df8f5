/**
 * The desk's write queue: one write at a time, first come first served. A long
 * write (an import committing chunk by chunk) can step aside between chunks:
 * every write that queued meanwhile runs, then the long write goes on.
 */
export class WriteLock {
  private held = false
  private readonly waiting: (() => void)[] = []

  async run<T>(work: () => T | Promise<T>): Promise<T> {
    await this.acquire()
    try {
      return await work()
    } finally {
      this.release()
    }
  }

  /** True when other writes are queued behind the holder. */
  get contended(): boolean {
    return this.waiting.length > 0
  }

  /** For the holder: lets every write queued so far run, then takes the lock back. */
  async yieldToQueued(): Promise<void> {
    if (this.waiting.length === 0) return
    this.release()
    await this.acquire()
  }

  /** For the holder: lets other writes run while `work` waits (on a worker thread), then takes the lock back. */
  async releaseWhile<T>(work: () => Promise<T>): Promise<T> {
    this.release()
    try {
      return await work()
    } finally {
      await this.acquire()
    }
  }

  private acquire(): Promise<void> {
    if (!this.held) {
      this.held = true
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  private release(): void {
    const next = this.waiting.shift()
    if (next) next() // handed over: the lock stays held
    else this.held = false
  }
}
