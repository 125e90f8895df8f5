import { makeClock, setClock, Timestamp, type Clock } from '@actual-app/crdt'
import type { ClockWarning } from '../../shared/contract/desk'

const MAX_DRIFT_MS = 5 * 60 * 1000

/**
 * A desk's hybrid logical clock, built on Actual Budget's HULC timestamps
 * (sortable strings: ISO time, counter, node id).
 *
 * Actual's Timestamp.send/recv work on one module-wide clock; we point it at
 * this desk's clock before every call, so several desks can live in one
 * process (tests) and the library stays unmodified.
 *
 * Actual throws when the wall clock is more than 5 minutes behind the logical
 * clock. A desk must not stop checking people in because its clock is wrong,
 * so we keep counting on the logical clock and raise a warning the UI shows.
 */
export class DeskClock {
  private readonly clock: Clock
  private driftWarning: ClockWarning | null = null
  // The ISO part of the last timestamp made: an import makes thousands within one millisecond's reach.
  private isoMillis = -1
  private iso = ''

  constructor(node: string, last?: string | null) {
    const start = (last && Timestamp.parse(last)) || new Timestamp(0, 0, node)
    this.clock = makeClock(new Timestamp(start.millis(), start.counter(), node))
    // Changes on this desk already carry later times than its clock shows.
    this.noteDrift(start.millis() - Date.now(), 'behind_history')
  }

  get node(): string {
    return this.clock.timestamp.node()
  }

  get warning(): ClockWarning | null {
    return this.driftWarning
  }

  /** A new timestamp for a local change: unique on this desk and later than every one seen. */
  now(): string {
    setClock(this.clock)
    try {
      const ts = Timestamp.send()!
      return this.format(ts.millis(), ts.counter())
    } catch (err) {
      if (!(err instanceof Timestamp.ClockDriftError)) throw err
      this.noteDrift(this.clock.timestamp.millis() - Date.now(), 'behind_history')
      return this.advanceLogically(this.clock.timestamp.millis()).toString()
    }
  }

  /** Merges a peer's timestamp so later local changes sort after it. */
  receive(remote: string): void {
    const ts = Timestamp.parse(remote)
    if (!ts) throw new Timestamp.InvalidError(remote)
    setClock(this.clock)
    try {
      Timestamp.recv(ts)
    } catch (err) {
      if (!(err instanceof Timestamp.ClockDriftError)) throw err
      this.noteDrift(ts.millis() - Date.now(), 'behind_peer')
      this.advanceLogically(Math.max(ts.millis(), this.clock.timestamp.millis()))
    }
  }

  /** Timestamp.toString(), with the date part reused within a millisecond (it is the costly part). */
  private format(millis: number, counter: number): string {
    if (millis !== this.isoMillis) {
      this.isoMillis = millis
      this.iso = new Date(millis).toISOString()
    }
    return `${this.iso}-${counter.toString(16).toUpperCase().padStart(4, '0')}-${this.clock.timestamp.node().padStart(16, '0')}`
  }

  private advanceLogically(millis: number): Timestamp {
    const mutable = this.clock.timestamp
    const sameMillis = millis === mutable.millis()
    let counter = sameMillis ? mutable.counter() + 1 : 0
    let next = millis
    if (counter > 0xffff) {
      next += 1
      counter = 0
    }
    mutable.setMillis(next)
    mutable.setCounter(counter)
    return new Timestamp(next, counter, mutable.node())
  }

  private noteDrift(driftMs: number, cause: ClockWarning['cause']): void {
    if (driftMs <= MAX_DRIFT_MS) return
    this.driftWarning = { cause, minutesBehind: Math.round(driftMs / 60_000) }
  }
}
