/**
 * Sign-in throttling. Staff ids are public (the sign-in screen lists them), so
 * a lock keyed by member alone lets any stranger lock the real person out.
 * Failures are counted instead
 *  - per caller and member ("pair"): five free, then 30 s locks doubling to 15 min;
 *  - per caller ("client"), whichever ids it tries: 20 per 15 minutes;
 *  - for all callers that never signed in here ("global"): 50 per 15 minutes.
 * A caller that signed in successfully before ("known" — a desk's own window
 * always is) is never held by the global count, so a stranger on one address
 * cannot keep the right PIN from working on another known desk.
 *
 * Each attempt is counted as a failure before its PIN is checked (and forgiven
 * when it was right), so parallel guesses cannot slip past a limit. Counters
 * live in a local table, survive restarts, and are bounded per kind (the
 * oldest make way).
 */
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'
import type { LocalWrites } from '../core/writer'

const MINUTE = 60_000

export const THROTTLE = {
  pairFree: 5,
  pairLockMs: 30_000,
  pairLockMaxMs: 15 * MINUTE,
  /** A pair's count starts over after this long without a failure. */
  pairForgetMs: 60 * MINUTE,
  clientFailures: 20,
  clientWindowMs: 15 * MINUTE,
  globalFailures: 50,
  globalWindowMs: 15 * MINUTE,
  knownForMs: 30 * 24 * 60 * MINUTE,
  maxRows: { pair: 2000, client: 2000, global: 1, known: 500 }
} as const

type Kind = keyof typeof THROTTLE.maxRows

interface Counter {
  key: string
  kind: Kind
  failures: number
  windowStart: number
  lockedUntil: number
}

export interface Attempt {
  /** 'local' or a network address (station/guard.ts clientAddress). */
  client: string
  /** The member tried, when such an active member exists (unknown ids count per caller only). */
  staffId: string | null
}

const keys = (attempt: Attempt) => ({
  pair: attempt.staffId === null ? null : `pair:${attempt.client}|${attempt.staffId}`,
  client: `client:${attempt.client}`,
  global: 'global',
  known: `known:${attempt.client}`
})

function counter(read: GuardedSql, key: string): Counter | undefined {
  return read.get<Counter>(
    'SELECT key, kind, failures, window_start AS windowStart, locked_until AS lockedUntil FROM sign_in_throttle WHERE key = ?',
    key
  )
}

function save(read: GuardedSql, local: LocalWrites, c: Counter, isNew: boolean, now: number): void {
  local.run(
    `INSERT INTO sign_in_throttle (key, kind, failures, window_start, locked_until, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start,
       locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
    c.key, c.kind, c.failures, c.windowStart, c.lockedUntil, now
  )
  if (!isNew) return
  const { n } = read.get<{ n: number }>('SELECT COUNT(*) AS n FROM sign_in_throttle WHERE kind = ?', c.kind)!
  const excess = n - THROTTLE.maxRows[c.kind]
  if (excess > 0) {
    local.run(
      'DELETE FROM sign_in_throttle WHERE key IN (SELECT key FROM sign_in_throttle WHERE kind = ? ORDER BY updated_at, key LIMIT ?)',
      c.kind,
      excess
    )
  }
}

/** A windowed count as it stands at `now` (a window that has passed counts nothing). */
function windowed(c: Counter | undefined, key: string, kind: Kind, windowMs: number, now: number): Counter {
  if (!c || now - c.windowStart >= windowMs) return { key, kind, failures: 0, windowStart: now, lockedUntil: 0 }
  return c
}

function isKnown(read: GuardedSql, attempt: Attempt, now: number): boolean {
  if (attempt.client === 'local') return true
  const known = counter(read, keys(attempt).known)
  return known !== undefined && now - known.windowStart < THROTTLE.knownForMs
}

/**
 * Checks the limits for one attempt and, when none holds it, counts it as a
 * failure. Returns the seconds to wait when the attempt is refused.
 */
export function claimAttempt(read: GuardedSql, local: LocalWrites, attempt: Attempt, now: number): number | null {
  const k = keys(attempt)
  const known = isKnown(read, attempt, now)
  const storedPair = k.pair ? counter(read, k.pair) : undefined
  const pair =
    k.pair && (!storedPair || now - storedPair.windowStart >= THROTTLE.pairForgetMs)
      ? { key: k.pair, kind: 'pair' as const, failures: 0, windowStart: now, lockedUntil: 0 }
      : storedPair
  const storedClient = counter(read, k.client)
  const client = windowed(storedClient, k.client, 'client', THROTTLE.clientWindowMs, now)
  const storedGlobal = counter(read, k.global)
  const global = windowed(storedGlobal, k.global, 'global', THROTTLE.globalWindowMs, now)

  const until = Math.max(
    pair?.lockedUntil ?? 0,
    client.failures >= THROTTLE.clientFailures ? client.windowStart + THROTTLE.clientWindowMs : 0,
    !known && global.failures >= THROTTLE.globalFailures ? global.windowStart + THROTTLE.globalWindowMs : 0
  )
  if (until > now) return Math.ceil((until - now) / 1000)

  if (pair) {
    const failures = pair.failures + 1
    const over = failures - THROTTLE.pairFree
    const lockedUntil = over >= 0 ? now + Math.min(THROTTLE.pairLockMs * 2 ** over, THROTTLE.pairLockMaxMs) : 0
    // The window of a pair is the time of its latest failure (pairForgetMs after it, the count starts over).
    save(read, local, { ...pair, failures, windowStart: now, lockedUntil }, !storedPair, now)
  }
  save(read, local, { ...client, failures: client.failures + 1 }, !storedClient, now)
  if (!known) save(read, local, { ...global, failures: global.failures + 1 }, !storedGlobal, now)
  return null
}

/** The attempt was right: what it counted is taken back, the pair starts over, and the caller is known from now on. */
export function forgiveAttempt(read: GuardedSql, local: LocalWrites, attempt: Attempt, now: number): void {
  const k = keys(attempt)
  const known = isKnown(read, attempt, now)
  if (k.pair) local.run('DELETE FROM sign_in_throttle WHERE key = ?', k.pair)
  local.run('UPDATE sign_in_throttle SET failures = max(failures - 1, 0), updated_at = ? WHERE key = ?', now, k.client)
  if (!known) local.run('UPDATE sign_in_throttle SET failures = max(failures - 1, 0), updated_at = ? WHERE key = ?', now, k.global)
  if (attempt.client !== 'local') {
    const stored = counter(read, k.known)
    save(read, local, { key: k.known, kind: 'known', failures: 0, windowStart: now, lockedUntil: 0 }, !stored, now)
  }
}

export function lockedOut(seconds: number): ApiError {
  return new ApiError('rate_limited', `Too many wrong PINs. Try again in ${seconds} seconds.`, { key: 'lockedOut', params: { seconds } })
}
