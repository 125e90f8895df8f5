/**
 * Sync benchmarks, with real station processes on 127.0.0.1 (part of `npm run bench`):
 * - sync_propagation_p95_ms: a check-in on one desk until it is applied on 4 peers, one of
 *   them reached only through a relay;
 * - sync_partition_converge_s: 5 desks cut apart (TCP proxies) each make 2,000 changes, then
 *   the links heal: seconds until every desk holds identical synced tables;
 * - sync_initial_100k_s: a new desk receives a 100,000-attendee event;
 * - sync_changes_per_s: the records per second of that initial exchange.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { io, type Socket } from 'socket.io-client'
import { people } from '../src/main/demo/people'
import { startProxy, type Proxy } from '../tests/support/proxy'
import { freePort, startStation, type RunningStation } from '../tests/support/station-process'

type Record = (key: string, value: number, unit: string, target: number | null, better?: 'lower' | 'higher') => void

const SYNCED = ['events', 'ticket_types', 'attendees', 'checkins', 'staff', 'desks', 'conflict_acks', 'attendee_exports']

interface Desk {
  dir: string
  port: number
  station: RunningStation
  token: string
}

function hashOf(dir: string): string {
  const db = new Database(join(dir, 'eventdesk.db'), { readonly: true })
  try {
    const h = createHash('sha256')
    for (const table of SYNCED) {
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).iterate() as IterableIterator<{ [k: string]: unknown }>) {
        const { seq: _seq, ...rest } = row
        h.update(JSON.stringify(rest))
      }
    }
    return h.digest('hex')
  } finally {
    db.close()
  }
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 120_000, everyMs = 25): Promise<void> {
  const started = Date.now()
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`bench: timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

const allEqual = (desks: { dir: string }[]) => new Set(desks.map((d) => hashOf(d.dir))).size === 1

async function signIn(station: RunningStation): Promise<string> {
  let organizer: { id: string } | undefined
  await until('staff on a desk', async () => {
    const { body } = await station.rpc('staff.signInOptions', {})
    organizer = Array.isArray(body) ? body.find((s: { name: string }) => s.name === 'Demo Organizer') : undefined
    return organizer !== undefined
  })
  const { body } = await station.rpc('staff.signIn', { staffId: organizer!.id, pin: '1234' })
  return body.token as string
}

export async function syncBenchmarks(record: Record): Promise<void> {
  const fleet = randomBytes(32).toString('base64url')
  const dirs: string[] = []
  const running: RunningStation[] = []
  const proxies: Proxy[] = []
  const start = async (peers: string[], extra: string[] = []): Promise<Desk> => {
    const dir = mkdtempSync(join(tmpdir(), 'eventdesk-bench-sync-'))
    dirs.push(dir)
    const port = await freePort()
    // Peers link on each desk's peer server (mutual TLS); --peers-only keeps the topology as named (a relay stays a relay).
    const station = await startStation(dir, ['--port', String(port), `--fleet-key=${fleet}`, '--peers-only', ...peers.flatMap((p) => ['--peer', p]), ...extra])
    running.push(station)
    return { dir, port, station, token: '' }
  }
  try {
    // ---- propagation: A; B, C, D dial A; E dials D only (a relay) ----
    const a = await start([], ['--demo'])
    const [b, c, d] = await Promise.all([start([a.station.peerAddress]), start([a.station.peerAddress]), start([a.station.peerAddress])])
    const e = await start([d.station.peerAddress])
    const desks = [a, b, c, d, e]
    await until('five desks converged', () => allEqual(desks))
    for (const desk of desks) desk.token = await signIn(desk.station)
    const sockets: Socket[] = []
    const heard = new Map<number, () => void>()
    for (const [i, peer] of [b, c, d, e].entries()) {
      const socket = io(peer.station.url, { auth: { token: peer.token }, transports: ['websocket'] })
      socket.on('changed', (event: { tables: string[] }) => event.tables.includes('checkins') && heard.get(i)?.())
      sockets.push(socket)
    }
    await until('screens connected', () => sockets.every((s) => s.connected))
    const eventId = (await a.station.rpc('event.list', {}, a.token)).body[0].id as string
    const waiting = (await a.station.rpc('attendee.list', { eventId, checkedIn: false, limit: 120 }, a.token)).body.rows as { id: string }[]
    const times: number[] = []
    for (const attendee of waiting.slice(0, 100)) {
      const arrivals = [0, 1, 2, 3].map((i) => new Promise<void>((resolve) => heard.set(i, resolve)))
      const started = performance.now()
      await a.station.rpc('checkin.byAttendee', { attendeeId: attendee.id }, a.token)
      await Promise.all(arrivals)
      times.push(performance.now() - started)
    }
    for (const s of sockets) s.close()
    times.sort((x, y) => x - y)
    record('sync_propagation_p50_ms', times[Math.floor(times.length / 2)]!, 'ms', null)
    record('sync_propagation_p95_ms', times[Math.floor(times.length * 0.95)]!, 'ms', 100)
    await Promise.all(running.splice(0).map((s) => s.stop()))

    // ---- partition: five desks behind proxies, apart for 2,000 changes each, then healed ----
    const hub = await start([], ['--demo'])
    const spokes: Desk[] = []
    for (let i = 0; i < 4; i++) {
      const proxy = await startProxy(Number(new URL(hub.station.syncUrl).port))
      proxies.push(proxy)
      spokes.push(await start([proxy.url]))
    }
    const five = [hub, ...spokes]
    await until('five desks converged before the cut', () => allEqual(five))
    for (const desk of five) desk.token = await signIn(desk.station)
    const ticketTypeId = (await hub.station.rpc('ticketType.list', { eventId: (await hub.station.rpc('event.list', {}, hub.token)).body[0].id }, hub.token)).body[0].id
    const event = (await hub.station.rpc('event.list', {}, hub.token)).body[0].id as string
    for (const proxy of proxies) proxy.cut()
    await Promise.all(
      five.map(async (desk, n) => {
        for (let i = 0; i < 1000; i++) {
          // A walk-up let in at once: two changes (the registration, the check-in).
          await desk.station.rpc('checkin.walkUp', { eventId: event, firstName: `Apart${n}`, lastName: `Person ${i}`, email: null, company: null, ticketTypeId, paymentMethod: 'cash', amountCents: 0 }, desk.token)
        }
      })
    )
    const healed = performance.now()
    for (const proxy of proxies) proxy.heal()
    await until('five desks converged after the heal', () => allEqual(five), 120_000, 20).catch((err) => {
      console.log(five.map((d) => hashOf(d.dir).slice(0, 8)), five.map((d) => d.station.output().slice(-300)))
      throw err
    })
    record('sync_partition_converge_s', (performance.now() - healed) / 1000, 's', 3)
    await Promise.all(running.splice(0).map((s) => s.stop()))
    await Promise.all(proxies.splice(0).map((p) => p.close()))

    // ---- initial: a new desk joins a 100,000-attendee event ----
    const big = await start([], ['--demo'])
    big.token = await signIn(big.station)
    const bigEvent = (await big.station.rpc('event.list', {}, big.token)).body[0].id as string
    const bigTicket = (await big.station.rpc('ticketType.list', { eventId: bigEvent }, big.token)).body[0].id as string
    for (let part = 0; part < 2; part++) {
      const lines = ['First Name,Last Name,Email']
      let n = 0
      for (const p of people(49_000, 10 + part)) lines.push(`${p.firstName},${p.lastName},bench${part}.${n++}@example.org`)
      const up = await big.station.rpc('import.upload', { eventId: bigEvent, fileName: 'big.csv', base64: Buffer.from(lines.join('\n')).toString('base64') }, big.token)
      const done = await big.station.rpc('import.commit', { importId: up.body.importId, mapping: up.body.mapping, defaultTicketTypeId: bigTicket, duplicates: 'skip' }, big.token)
      if (done.status !== 200) throw new Error(`bench import: ${JSON.stringify(done.body)}`)
    }
    const records = (() => {
      const db = new Database(join(big.dir, 'eventdesk.db'), { readonly: true })
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n
      } finally {
        db.close()
      }
    })()
    const joinStarted = performance.now()
    const newcomer = await start([big.station.peerAddress])
    await until('the newcomer holding the event', () => allEqual([big, newcomer]), 300_000, 100)
    const seconds = (performance.now() - joinStarted) / 1000
    record('sync_initial_100k_s', seconds, 's', 15)
    record('sync_changes_per_s', records / seconds, '/s', 20_000, 'higher')
    console.log(`(a new desk received ${records} records)`)
  } finally {
    await Promise.all(running.map((s) => s.kill().catch(() => undefined)))
    await Promise.all(proxies.map((p) => p.close()))
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }
}
