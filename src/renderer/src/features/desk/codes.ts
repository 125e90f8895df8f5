/** Attendee codes and keyboard-wedge scanners. */

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{6}$`, 'i')

/** Six characters of the code alphabet, any case: Enter checks in by code. */
export function looksLikeCode(text: string): boolean {
  return CODE_RE.test(text.trim())
}

/**
 * A keyboard-wedge scanner "types" a whole code within a few milliseconds
 * per character and finishes with Enter; people don't. Feed every printable
 * keystroke to `key()`, clear with `reset()` when the field is emptied, and
 * ask `isScan()` when Enter arrives.
 */
export class WedgeDetector {
  private times: number[] = []

  constructor(
    private readonly minChars = 4,
    private readonly maxAverageGapMs = 35,
    private readonly maxGapMs = 80
  ) {}

  key(now: number): void {
    const last = this.times[this.times.length - 1]
    // A pause longer than a scanner would ever make starts a new burst.
    if (last !== undefined && now - last > 1000) this.times = []
    this.times.push(now)
  }

  reset(): void {
    this.times = []
  }

  isScan(enterAt: number): boolean {
    const times = [...this.times, enterAt]
    if (this.times.length < this.minChars) return false
    let maxGap = 0
    for (let i = 1; i < times.length; i++) maxGap = Math.max(maxGap, times[i]! - times[i - 1]!)
    const average = (enterAt - times[0]!) / (times.length - 1)
    return average <= this.maxAverageGapMs && maxGap <= this.maxGapMs
  }
}
