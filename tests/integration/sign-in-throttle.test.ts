/**
 * Sign-in throttling: a stranger can neither guess freely nor lock the real
 * person out; the counters are bounded and survive a restart.
 */
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Core } from '../../src/main/core/core'
import { modules } from '../../src/main/modules'
import { claimAttempt, THROTTLE } from '../../src/main/staff/throttle'
import { APP_ROOT, deskWithEvent, rejects, removeDir } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>
let dana: string

const STRANGER = '10.0.0.66'
const DANAS_DESK = '10.0.0.20'

const signInFrom = (client: string, staffId: string, pin: string, core = desk.core) =>
  core.call('staff.signIn', { staffId, pin }, null, { client }) as Promise<{ token: string }>

const rows = (sql: string, ...params: unknown[]) => desk.core.sqlite.prepare(sql).all(...params)

beforeEach(async () => {
  desk = await deskWithEvent()
  dana = (await desk.call('staff.create', { name: 'Dana Desk', role: 'desk', pin: '4321' }, desk.organizer)).id
})
afterEach(() => {
  desk.close()
  removeDir(desk.dir)
})

describe('sign-in throttling', () => {
  it('never lets a stranger hammering from one address stop the real person signing in from her desk', async () => {
    await signInFrom(DANAS_DESK, dana, '4321') // her desk has signed in here before
    const outcomes = new Map<string, number>()
    for (let i = 0; i < 200; i++) {
      const staffId = i % 10 === 0 ? dana : randomUUID()
      const err = await rejects(signInFrom(STRANGER, staffId, String(1000 + i)))
      outcomes.set(err.code, (outcomes.get(err.code) ?? 0) + 1)
    }
    // The stranger gets the per-caller allowance of wrong guesses, then only "wait".
    expect(outcomes.get('unauthenticated')).toBe(THROTTLE.clientFailures)
    expect(outcomes.get('rate_limited')).toBe(200 - THROTTLE.clientFailures)
    // Random ids leave no counter each: one for the caller, one for the caller on Dana, the shared one.
    expect(rows("SELECT key FROM sign_in_throttle WHERE key LIKE ?", `%${STRANGER}%`)).toHaveLength(2)

    // Many strangers at once trip the shared limit of callers never seen here…
    for (let i = 0; i < THROTTLE.globalFailures; i++) await rejects(signInFrom(`10.0.1.${i}`, randomUUID(), '0000'))
    const fresh = await rejects(signInFrom('10.0.2.1', dana, '4321'))
    expect(fresh).toMatchObject({ code: 'rate_limited', key: 'lockedOut' })

    // …yet Dana's right PIN still works from her desk, as it does on this desk's own window.
    expect((await signInFrom(DANAS_DESK, dana, '4321')).token).toBeTruthy()
    expect((await signInFrom('local', dana, '4321')).token).toBeTruthy()
  })

  it('counts parallel guesses before checking them: no more get through than the limit allows', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => rejects(signInFrom(STRANGER, dana, String(5000 + i))))
    )
    expect(results.filter((r) => r.code === 'unauthenticated')).toHaveLength(THROTTLE.pairFree)
    expect(results.filter((r) => r.code === 'rate_limited')).toHaveLength(12 - THROTTLE.pairFree)
  })

  it('keeps the lock-out message key and seconds, and a right PIN takes its own count back', async () => {
    for (let i = 0; i < THROTTLE.pairFree - 1; i++) await rejects(signInFrom(STRANGER, dana, '0000'))
    await signInFrom(STRANGER, dana, '4321')
    // The right PIN started the pair over: five more wrong ones before the lock.
    for (let i = 0; i < THROTTLE.pairFree; i++) expect((await rejects(signInFrom(STRANGER, dana, '0000'))).code).toBe('unauthenticated')
    const locked = await rejects(signInFrom(STRANGER, dana, '4321'))
    expect(locked).toMatchObject({ code: 'rate_limited', key: 'lockedOut', params: { seconds: 30 } })
    expect(locked.message).toBe('Too many wrong PINs. Try again in 30 seconds.')
  })

  it('keeps the counters across a restart', async () => {
    for (let i = 0; i < THROTTLE.pairFree; i++) await rejects(signInFrom(STRANGER, dana, '0000'))
    desk.core.close()
    const reopened = new Core({ dataDir: desk.dir, appRoot: APP_ROOT, modules, appVersion: 'test' })
    try {
      expect(await rejects(signInFrom(STRANGER, dana, '4321', reopened))).toMatchObject({ code: 'rate_limited', key: 'lockedOut' })
      expect((await signInFrom(DANAS_DESK, dana, '4321', reopened)).token).toBeTruthy()
    } finally {
      reopened.close()
      desk.close = () => undefined
    }
  })

  it('bounds the counter table: the oldest counters make way', async () => {
    const start = Date.now()
    const callers = THROTTLE.maxRows.client + 500
    await desk.core.transact('test', ({ read, write }) => {
      // One failure every 20 s: never enough to trip the shared limit, each from a new address.
      for (let i = 0; i < callers; i++) claimAttempt(read, write.local, { client: `10.9.${i >> 8}.${i & 255}`, staffId: dana }, start + i * 20_000)
    })
    const counts = Object.fromEntries(
      (rows('SELECT kind, COUNT(*) AS n FROM sign_in_throttle GROUP BY kind') as { kind: string; n: number }[]).map((r) => [r.kind, r.n])
    )
    expect(counts).toEqual({ pair: THROTTLE.maxRows.pair, client: THROTTLE.maxRows.client, global: 1 })
    const last = callers - 1
    expect(rows('SELECT key FROM sign_in_throttle WHERE key = ?', `client:10.9.${last >> 8}.${last & 255}`)).toHaveLength(1)
    expect(rows("SELECT key FROM sign_in_throttle WHERE key = 'client:10.9.0.0'")).toHaveLength(0)
  })
})
