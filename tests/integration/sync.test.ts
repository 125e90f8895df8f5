/**
 * Desks together, as separate station processes on 127.0.0.1: records relay
 * through a desk in the middle, a desk killed mid-sync catches up exactly
 * after a restart, desks cut apart keep working and converge when they meet,
 * with their conflicts listed on every desk; a desk without the fleet key gets
 * nothing.
 */
import { randomBytes } from 'node:crypto'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, startStation, type RunningStation } from '../support/station-process'
import { removeDir, tempDir } from './helpers'

const FLEET = randomBytes(32).toString('base64url')
const SYNCED = ['events', 'ticket_types', 'attendees', 'checkins', 'staff', 'desks', 'conflict_acks', 'attendee_exports']
const running: RunningStation[] = []
const dirs: string[] = []

afterAll(async () => {
  await Promise.all(running.map((s) => s.kill().catch(() => undefined)))
  dirs.forEach(removeDir)
})

interface Desk {
  dir: string
  port: number
  station: RunningStation
  token?: string
}

async function desk(name: string, peers: Desk[], extra: string[] = [], port?: number, dir = tempDir()): Promise<Desk> {
  if (!dirs.includes(dir)) dirs.push(dir)
  const p = port ?? (await freePort())
  // --peers-only: each desk links only to the desks named here, so a relay is a relay even on one machine.
  const station = await startStation(dir, ['--port', String(p), '--name', name, `--fleet-key=${FLEET}`, '--peers-only', ...peers.flatMap((d) => ['--peer', d.station.peerAddress]), ...extra])
  running.push(station)
  return { dir, port: p, station }
}

/** Per synced table, a hash of its rows (local columns left out), read from the desk's own file. */
function tableHashes(d: Desk): Record<string, string> {
  const db = new Database(join(d.dir, 'eventdesk.db'), { readonly: true })
  try {
    return Object.fromEntries(
      SYNCED.map((table) => {
        const rows = db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[]
        const clean = rows.map(({ seq: _seq, collation_key: _key, ...rest }) => rest)
        return [table, createHash('sha256').update(JSON.stringify(clean)).digest('hex').slice(0, 16)]
      })
    )
  } finally {
    db.close()
  }
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 20_000,
  debug?: () => string
): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${debug ? `: ${debug()}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function signIn(d: Desk, name = 'Demo Organizer', pin = '1234'): Promise<string> {
  const options = await until(`${name} on ${d.station.url}`, async () => {
    const { body } = await d.station.rpc('staff.signInOptions', {})
    return Array.isArray(body) && body.find((s: { name: string }) => s.name === name)
  })
  const { body } = await d.station.rpc('staff.signIn', { staffId: options.id, pin })
  d.token = body.token
  return body.token
}

function attendeeCount(d: Desk): number {
  const db = new Database(join(d.dir, 'eventdesk.db'), { readonly: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM attendees').get() as { n: number }).n
  } finally {
    db.close()
  }
}

const eventOf = async (d: Desk) => (await d.station.rpc('event.list', {}, d.token)).body[0]?.id as string | undefined

describe('desks together (separate processes)', () => {
  it('a desk joins through another killed mid-sync, relays A → B → C, and converges after a cut with conflicts listed everywhere', async () => {
    const a = await desk('Entrance A', [], ['--demo'])
    const b = await desk('Entrance B', [a])
    await signIn(a)
    await until('B caught up with A', () => JSON.stringify(tableHashes(b)) === JSON.stringify(tableHashes(a)), 60_000)
    const total = attendeeCount(a)

    // C joins through B alone, and B dies (kill -9) while C is still catching up.
    const c = await desk('Back office C', [b])
    const partial = await until('C receiving', () => attendeeCount(c) > 0 && attendeeCount(c))
    await b.station.kill()
    console.log(`B killed with C holding ${partial} of ${total} attendees`)
    const walkUps: string[] = []
    const eventId = (await eventOf(a))!
    const ticketTypeId = (await a.station.rpc('ticketType.list', { eventId }, a.token)).body[0].id
    for (let i = 0; i < 20; i++) {
      const { body } = await a.station.rpc('checkin.walkUp', { eventId, firstName: 'During', lastName: `Outage ${i}`, email: null, company: null, ticketTypeId, paymentMethod: 'complimentary', amountCents: 0 }, a.token)
      walkUps.push(body.attendee.id)
    }
    const b2 = await desk('Entrance B', [a], [], b.port, b.dir)
    // C never talks to A: everything it has came through B, exactly once.
    await until('A and C equal after B came back', () => JSON.stringify(tableHashes(c)) === JSON.stringify(tableHashes(a)), 60_000)
    await signIn(c)

    // A check-in on A shows on C.
    const someone = (await a.station.rpc('attendee.list', { eventId, checkedIn: false, limit: 1 }, a.token)).body.rows[0]
    const started = Date.now()
    expect((await a.station.rpc('checkin.byAttendee', { attendeeId: someone.id }, a.token)).body.outcome).toBe('admitted')
    await until('the check-in on C', async () => (await c.station.rpc('attendee.get', { id: someone.id }, c.token)).body.checkedInAt)
    console.log(`check-in relayed A → B → C in ${Date.now() - started} ms`)

    // Cut C off (B stops): A and C keep working on their own, on the same person and the same e-mail.
    await b2.station.stop()
    const target = (await a.station.rpc('attendee.list', { eventId, checkedIn: false, limit: 1 }, a.token)).body.rows[0]
    expect((await a.station.rpc('checkin.byAttendee', { attendeeId: target.id }, a.token)).body.outcome).toBe('admitted')
    expect((await c.station.rpc('checkin.byAttendee', { attendeeId: target.id }, c.token)).body.outcome).toBe('admitted')
    const twice = { eventId, firstName: 'Ana', lastName: 'Díaz', email: 'ana.twice@example.es', company: null, ticketTypeId: target.ticketTypeId, paymentMethod: 'cash', amountCents: 0 }
    expect((await a.station.rpc('attendee.register', twice, a.token)).status).toBe(200)
    expect((await c.station.rpc('attendee.register', twice, c.token)).status).toBe(200)

    // Heal: B is back; every desk ends with identical synced tables and the same two conflicts.
    const b3 = await desk('Entrance B', [a], [], b.port, b.dir)
    await signIn(b3)
    await until('A, B and C equal after the cut', () => {
      const [ha, hb, hc] = [tableHashes(a), tableHashes(b3), tableHashes(c)].map((h) => JSON.stringify(h))
      return ha === hb && hb === hc
    }, 30_000, () => JSON.stringify([tableHashes(a), tableHashes(b3), tableHashes(c)]) + a.station.output().slice(-2000) + c.station.output().slice(-2000))
    for (const d of [a, b3, c]) {
      const conflicts = (await d.station.rpc('conflict.list', { eventId }, d.token)).body as { kind: string }[]
      expect(conflicts.map((x) => x.kind).sort()).toEqual(['double_checkin', 'same_email'])
    }
  }, 240_000)

  it('refuses a desk without the fleet key: it gets nothing and gives nothing', async () => {
    const a = await desk('Organizer', [], ['--demo'])
    const dir = tempDir()
    dirs.push(dir)
    const stranger = await startStation(dir, ['--port', String(await freePort()), `--fleet-key=${randomBytes(32).toString('base64url')}`, '--peer', a.station.peerAddress])
    running.push(stranger)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const { body } = await stranger.rpc('system.status', {})
    expect(body.firstRun).toBe(true) // no staff arrived
    expect(stranger.output() + a.station.output()).toMatch(/is not a desk of this fleet|does not hold this fleet's key|no proof of the fleet key/)
  }, 60_000)
})
