/**
 * Desks together, securely, as separate station processes on 127.0.0.1:
 * pairing by the short typed code, certificates pinned on both ends, messages
 * that were altered or replayed refused, nothing readable on the wire, and a
 * removed desk shut out and told so.
 */
import { randomBytes } from 'node:crypto'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { decodePairingCode, encodePairingCode } from '../../src/shared/pairing-code'
import { joinFleet } from '../../src/main/sync/fleet'
import type { SecureChannel } from '../../src/main/sync/channel'
import { probeCertificate } from '../../src/main/sync/link'
import { startSync, type DeskSync } from '../../src/main/sync/start'
import { freePort, startStation, type RunningStation } from '../support/station-process'
import { openDesk, removeDir, tempDir, type TestDesk } from './helpers'

const running: RunningStation[] = []
const inProcess: { desk: TestDesk; sync: DeskSync }[] = []
const servers: Server[] = []
const dirs: string[] = []

afterAll(async () => {
  await Promise.all(running.map((s) => s.kill().catch(() => undefined)))
  for (const { desk, sync } of inProcess) {
    await sync.close()
    desk.close()
  }
  for (const server of servers) server.close()
  dirs.forEach(removeDir)
})

interface Desk {
  dir: string
  station: RunningStation
  token?: string
}

async function station(name: string, args: string[] = [], dir = tempDir(), port?: number, env?: NodeJS.ProcessEnv): Promise<Desk> {
  if (!dirs.includes(dir)) dirs.push(dir)
  const s = await startStation(dir, ['--name', name, '--port', String(port ?? (await freePort())), ...args], env ? { env: { ...process.env, ...env } } : {})
  running.push(s)
  return { dir, station: s }
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 30_000, debug?: () => string): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${debug ? `: ${debug()}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function signIn(d: Desk, name = 'Demo Organizer', pin = '1234'): Promise<string> {
  const member = await until(`${name} on ${d.station.url}`, async () => {
    const { body } = await d.station.rpc('staff.signInOptions', {})
    return Array.isArray(body) && body.find((s: { name: string }) => s.name === name)
  })
  const { body } = await d.station.rpc('staff.signIn', { staffId: member.id, pin })
  d.token = body.token
  return body.token
}

function readDb<T>(d: { dir: string }, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(d.dir, 'eventdesk.db'), { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

const count = (d: { dir: string }, table: string) => readDb<{ n: number }>(d, `SELECT COUNT(*) AS n FROM ${table}`)[0]!.n
const status = async (d: Desk) => (await d.station.rpc('sync.status', {}, d.token)).body

/** A desk in this process (to play a rogue or a misbehaving peer), with its sync runtime started. */
async function inProcessDesk(options: { peers?: string[] } = {}): Promise<{ desk: TestDesk; sync: DeskSync }> {
  const dir = tempDir()
  dirs.push(dir)
  const desk = openDesk(dir)
  const sync = await startSync(desk.core, { dataDir: dir, host: '127.0.0.1', port: 0, peers: options.peers ?? [], peersOnly: true, mdns: 'off', deskName: () => 'In-process desk' })
  inProcess.push({ desk, sync })
  return { desk, sync }
}

async function checkInSomeone(on: Desk): Promise<string> {
  const eventId = (await on.station.rpc('event.list', {}, on.token)).body[0].id
  const someone = (await on.station.rpc('attendee.list', { eventId, checkedIn: false, limit: 1 }, on.token)).body.rows[0]
  expect((await on.station.rpc('checkin.byAttendee', { attendeeId: someone.id }, on.token)).body.outcome).toBe('admitted')
  return someone.id
}

describe('pairing and pinned certificates (separate processes)', () => {
  it('pairs a new desk by the typed short code; a check-in on one shows on the other; refuses wrong codes and strangers on both ends', async () => {
    const a = await station('Organizer A', ['--demo'])
    await signIn(a)
    const invitation = (await a.station.rpc('sync.invite', {}, a.token)).body
    expect(invitation.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(invitation.fingerprint).toBe(a.station.fingerprint)
    expect(invitation.qr).toContain(a.station.fingerprint)

    const b = await station('Entrance B')
    // A typo is caught by the check character, before anything is sent.
    const typo = invitation.code.slice(0, 5) + (invitation.code[5] === 'A' ? 'B' : 'A') + invitation.code.slice(6)
    const typed = await b.station.rpc('sync.join', { code: typo })
    expect(typed.status).toBe(400)
    expect(typed.body.error.issues[0].key).toBe('pairingCodeTypo')
    // A well-formed code with the wrong secret: the organizer's desk counts the attempt and gives nothing away.
    const decoded = decodePairingCode(invitation.code) as Exclude<ReturnType<typeof decodePairingCode>, { problem: unknown }>
    const guess = encodePairingCode({ ...decoded, secret: (decoded.secret + 1) % 2 ** 23 })
    const wrong = await b.station.rpc('sync.join', { code: guess })
    expect(wrong.body.error.key).toBe('pairingCodeWrong')
    expect(readDb(b, "SELECT value FROM meta WHERE key = 'fleet_keys'")).toEqual([])

    const started = Date.now()
    const joined = await b.station.rpc('sync.join', { code: invitation.code.toLowerCase() })
    expect(joined.status).toBe(200)
    console.log(`pairing by short code took ${Date.now() - started} ms`)
    expect(joined.body).toMatchObject({ organizerDeskName: 'Organizer A', fingerprint: a.station.fingerprint })
    // Single use: another new desk cannot use it again.
    const late = await inProcessDesk()
    await expect(late.desk.call('sync.join', { code: invitation.code })).rejects.toMatchObject({ key: 'pairingInvitationGone' })

    // B, a desk set up alone a moment ago, gets the fleet's staff and data and signs in with them.
    await signIn(b)
    await until('B caught up', () => count(b, 'attendees') === count(a, 'attendees') && count(b, 'attendees'), 60_000)
    const aStatus = await status(a)
    expect(aStatus.summary).toBe('all')
    expect(aStatus.detail.invitation).toMatchObject({ state: 'used', joined: { deskName: 'Entrance B' } })
    expect(aStatus.detail.peers.find((p: { deskName: string }) => p.deskName === 'Entrance B')).toMatchObject({ state: 'connected', fingerprint: b.station.fingerprint, via: 'invitation' })
    // Both desks pinned both certificates.
    for (const d of [a, b]) {
      expect(readDb<{ fingerprint: string }>(d, 'SELECT fingerprint FROM fleet_desks ORDER BY fingerprint').map((r) => r.fingerprint)).toEqual([a.station.fingerprint, b.station.fingerprint].sort())
    }

    const attendeeId = await checkInSomeone(a)
    const at = Date.now()
    await until('the check-in on B', async () => (await b.station.rpc('attendee.get', { id: attendeeId }, b.token)).body.checkedInAt)
    console.log(`a check-in on A showed on B after ${Date.now() - at} ms`)

    // A stranger holding the fleet's key (copied off a desk) but not a paired certificate is refused by A…
    const [fleetId, keys] = ['fleet_id', 'fleet_keys'].map((k) => readDb<{ value: string }>(a, 'SELECT value FROM meta WHERE key = ?', k)[0]!.value)
    const stranger = await inProcessDesk({ peers: [a.station.peerAddress] })
    const key = Buffer.from((JSON.parse(keys!) as Record<string, string>)['0']!, 'base64url')
    await joinFleet(stranger.desk.core, { id: fleetId!, epoch: 0, key })
    // …even pinning A's (public) certificate itself, to get as far as A's door.
    const aCert = await probeCertificate('127.0.0.1', Number(new URL(a.station.syncUrl).port))
    stranger.desk.core.sqlite
      .prepare("INSERT INTO known_peers (address, source, desk_id, fingerprint, certificate, added_at) VALUES (?, 'pairing', NULL, ?, ?, ?)")
      .run(a.station.peerAddress, aCert.fingerprint, aCert.pem, new Date().toISOString())
    await until('A refusing the stranger', () => /refused a peer at .*is not paired with this fleet/.test(a.station.output()), 20_000, () => a.station.output().slice(-1500))
    expect(stranger.sync.engine.peerStatus()).toEqual([])
    expect(stranger.desk.core.sqlite.prepare('SELECT COUNT(*) AS n FROM attendees').get()).toEqual({ n: 0 })
    const strangerRow = stranger.sync.status(true).detail!.peers.find((p) => p.addresses.includes(a.station.peerAddress))
    expect(strangerRow?.problem).toBe('unpaired')

    // …and B will not talk to an impostor at A's address (another certificate), whatever it says.
    await a.station.stop()
    const impostor = await station('Impostor', ['--sync-port', new URL(a.station.syncUrl).port, `--fleet-key=${randomBytes(32).toString('base64url')}`])
    await until('B refusing the impostor', async () => {
      const row = (await status(b)).detail.peers.find((p: { addresses: string[] }) => p.addresses.includes(a.station.peerAddress))
      return row?.problem === 'unpaired' && row
    }, 20_000, () => b.station.output().slice(-1500))
    expect(impostor.station.output()).not.toMatch(/refused a peer/) // B never got as far as its door
    await impostor.station.stop()
  }, 240_000)

  it('refuses and logs a replayed and an altered message on a paired link, and keeps what they carried out', async () => {
    const a = await station('Organizer A', ['--demo'])
    await signIn(a)
    const { code } = (await a.station.rpc('sync.invite', {}, a.token)).body
    const rogue = await inProcessDesk()
    // This desk's clock is 10 minutes ahead and it runs a newer schema: A's status must say both.
    const hello = rogue.sync.engine.hello.bind(rogue.sync.engine)
    rogue.sync.engine.hello = () => ({ ...hello(), wallClock: Date.now() + 10 * 60_000, level: hello().level + 1 })
    const joined = await rogue.desk.call('sync.join', { code })
    const aId = joined.organizerDeskId
    const channel = await until('the link to A', () => rogue.sync.engine.linkTo(aId) as SecureChannel | null)
    await channel.peerReady
    const seen = await status(a)
    expect(seen).toMatchObject({ summary: 'all', updateNeeded: true })
    expect(seen.clockSkews).toHaveLength(1)
    expect(seen.clockSkews[0].offsetMs).toBeGreaterThan(9 * 60_000)
    // Every signed-in role sees the summary for the header; only organizers the details.
    const scanner = await signIn({ ...a }, 'Demo Scanner', '3333')
    const forScanner = (await a.station.rpc('sync.status', {}, scanner)).body
    expect(forScanner).toMatchObject({ summary: 'all', connected: 1, detail: null })

    // A genuine frame, accepted, then the very same bytes again.
    const genuine = channel.frame({ t: 'req', id: 1_000_001, ev: 'batch', body: { records: [] } })
    channel.sendRaw(genuine)
    await new Promise((resolve) => setTimeout(resolve, 200))
    channel.sendRaw(genuine)
    await until('A refusing the replay', () => /refused a replayed message from In-process desk/.test(a.station.output()), 10_000, () => a.station.output().slice(-1500))

    // The link is closed; the rogue's dialer opens a fresh one (new handshake, new keys, counters from 0).
    const again = await until('a new link', () => {
      const link = rogue.sync.engine.linkTo(aId) as SecureChannel | null
      return link !== channel && link
    })
    await again.peerReady
    const record = {
      hlc: rogue.desk.core.clock.now(),
      deskId: rogue.desk.core.id,
      staffId: null,
      action: 'desk.rename',
      tbl: 'desks',
      rowId: rogue.desk.core.id,
      op: 'update',
      data: { name: 'Mallory' },
      v: rogue.desk.core.changeLog.level
    }
    const frame = again.frame({ t: 'req', id: 1_000_002, ev: 'batch', body: { records: [record] } })
    const at = frame.indexOf('Mallory')
    frame[at] = 'N'.charCodeAt(0) // "Nallory": still valid JSON, no longer what was signed
    again.sendRaw(frame)
    await until('A refusing the altered message', () => /refused an altered message from In-process desk/.test(a.station.output()), 10_000)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(readDb(a, "SELECT name FROM desks WHERE name IN ('Mallory', 'Nallory')")).toEqual([])
    const row = (await status(a)).detail.peers.find((p: { deskId: string }) => p.deskId === rogue.desk.core.id)
    expect(row.rejectedMessages).toBe(2)
  }, 120_000)
})

/** A TCP relay that keeps every byte it passes on, both ways. */
async function recordingProxy(target: { host: string; port: number }): Promise<{ address: string; bytes(): Buffer }> {
  const chunks: Buffer[] = []
  const sockets: Socket[] = []
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host)
    sockets.push(client, upstream)
    client.on('data', (d) => chunks.push(Buffer.from(d)))
    upstream.on('data', (d) => chunks.push(Buffer.from(d)))
    client.pipe(upstream).on('error', () => client.destroy())
    upstream.pipe(client).on('error', () => upstream.destroy())
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { address: `127.0.0.1:${(server.address() as { port: number }).port}`, bytes: () => Buffer.concat(chunks) }
}

describe('what travels (separate processes, desks set up with --fleet-key)', () => {
  it('shows no attendee name or e-mail to someone recording the bytes between two desks', async () => {
    const fleet = randomBytes(32).toString('base64url')
    const a = await station('Organizer A', ['--demo', `--fleet-key=${fleet}`, '--peers-only'])
    const proxy = await recordingProxy({ host: '127.0.0.1', port: Number(new URL(a.station.syncUrl).port) })
    const started = Date.now()
    const b = await station('Entrance B', [`--fleet-key=${fleet}`, '--peers-only', '--peer', proxy.address])
    await signIn(a)
    await until('B caught up through the recording proxy', () => count(b, 'attendees') === count(a, 'attendees') && count(b, 'attendees'), 60_000)
    console.log(`B started and received ${count(b, 'changes')} records over TLS in ${Date.now() - started} ms (${proxy.bytes().length} bytes on the wire)`)
    const attendeeId = await checkInSomeone(a)
    await until('the check-in on B', () => readDb(b, 'SELECT 1 FROM checkins WHERE attendee_id = ?', attendeeId).length > 0)
    const captured = proxy.bytes()
    expect(captured.length).toBeGreaterThan(200_000) // the whole event went through it
    const people = readDb<{ first_name: string; last_name: string; email: string | null }>(a, 'SELECT first_name, last_name, email FROM attendees')
    const leaks = people.flatMap((p) => [p.email, `${p.first_name} ${p.last_name}`, p.last_name].filter((t): t is string => !!t && t.length >= 5 && captured.includes(Buffer.from(t, 'utf8'))))
    expect(people.filter((p) => p.email).length).toBeGreaterThan(1000)
    expect(leaks).toEqual([])
  }, 120_000)
})

describe('removing a desk (separate processes)', () => {
  it('rotates the key to the remaining desks, tells the removed desk, and shuts it out for good', async () => {
    const fleet = randomBytes(32).toString('base64url')
    const a = await station('Organizer A', ['--demo', `--fleet-key=${fleet}`, '--peers-only'])
    const b = await station('Entrance B', [`--fleet-key=${fleet}`, '--peers-only', '--peer', a.station.peerAddress])
    const cDir = tempDir()
    const cPort = await freePort()
    const c = await station('Stolen laptop C', [`--fleet-key=${fleet}`, '--peers-only', '--peer', a.station.peerAddress], cDir, cPort)
    await signIn(a)
    await until('B and C caught up', () => count(b, 'attendees') === count(a, 'attendees') && count(c, 'attendees') === count(a, 'attendees') && count(a, 'attendees'), 60_000)
    await signIn(b)
    await signIn(c)
    const cId = (await c.station.rpc('system.status', {})).body.deskId
    await until('A linked to B and C', async () => (await status(a)).connected === 2)

    const removed = await a.station.rpc('sync.removeDesk', { deskId: cId }, a.token)
    expect(removed.body).toEqual({ keyEpoch: 1 })
    // C is told, and says so plainly.
    const cStatus = await until('C knowing it was removed', async () => (await status(c)).removed && (await status(c)))
    expect(cStatus).toMatchObject({ summary: 'alone', removed: { byDeskName: 'Organizer A' } })
    // B holds the new key; A and B still sync, C gets nothing more and gives nothing.
    await until('B holding the new key', async () => (await status(b)).detail?.keyEpoch === 1)
    const attendeeId = await checkInSomeone(a)
    await until('the check-in on B', () => readDb(b, 'SELECT 1 FROM checkins WHERE attendee_id = ?', attendeeId).length > 0)
    const eventId = (await c.station.rpc('event.list', {}, c.token)).body[0].id
    const ticketTypeId = (await c.station.rpc('ticketType.list', { eventId }, c.token)).body[0].id
    const walkUp = await c.station.rpc('checkin.walkUp', { eventId, firstName: 'After', lastName: 'Removal', email: null, company: null, ticketTypeId, paymentMethod: 'complimentary', amountCents: 0 }, c.token)
    expect(walkUp.status).toBe(200) // C keeps working on its own data…
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect(readDb(c, 'SELECT 1 FROM checkins WHERE attendee_id = ?', attendeeId)).toEqual([]) // …but hears nothing…
    expect(readDb(a, "SELECT 1 FROM attendees WHERE last_name = 'Removal'")).toEqual([]) // …and tells nothing.
    expect((await status(a)).detail.peers.find((p: { deskId: string }) => p.deskId === cId)).toMatchObject({ state: 'removed' })

    // Restarted with the key it was set up with, it stays out and says why.
    await c.station.stop()
    const c2 = await station('Stolen laptop C', [`--fleet-key=${fleet}`, '--peers-only', '--peer', a.station.peerAddress], cDir, cPort)
    await signIn(c2)
    expect((await status(c2)).removed).not.toBeNull()
    // A new certificate with the old key (a thief making a fresh desk from a copied key) is refused too.
    const thief = await station('Thief', [`--fleet-key=${fleet}`, '--peers-only', '--peer', a.station.peerAddress])
    await until('A refusing the old key', () => /holds an old key of this fleet/.test(a.station.output()), 20_000, () => a.station.output().slice(-1500))
    expect(count(thief, 'attendees')).toBe(0)
  }, 240_000)
})

describe('addresses typed by a person (no discovery, no --peer)', () => {
  it('links to a desk at a typed address, shows it, and stops when the address is forgotten', async () => {
    const fleet = randomBytes(32).toString('base64url')
    const a = await station('Organizer A', ['--demo', `--fleet-key=${fleet}`, '--peers-only', '--mdns', 'off'])
    const b = await station('Back office B', [`--fleet-key=${fleet}`, '--peers-only', '--mdns', 'off'])
    // Before it has staff, a desk's first screen may read the summary (a joined desk shows its catch-up); after, only staff.
    expect((await b.station.rpc('sync.status', {})).body).toMatchObject({ summary: 'alone', detail: null })
    b.token = (await b.station.rpc('staff.setupFirstOrganizer', { name: 'Bea Back', pin: '5678' })).body.token
    expect((await b.station.rpc('sync.status', {})).body.error.key).toBe('signInFirst')
    expect((await b.station.rpc('sync.addAddress', { address: 'not an address:99999' }, b.token)).body.error.issues[0].key).toBe('peerAddress')
    expect((await b.station.rpc('sync.addAddress', { address: a.station.peerAddress }, b.token)).body).toEqual({ address: a.station.peerAddress })
    await until('B caught up with A', () => count(b, 'attendees') === count(a, 'attendees') && count(b, 'attendees'), 60_000)
    const row = (await status(b)).detail.peers.find((p: { deskName: string }) => p.deskName === 'Organizer A')
    expect(row).toMatchObject({ state: 'connected', direction: 'out', addresses: [a.station.peerAddress] })
    // The typed address is listed as one the screen may forget.
    expect((await status(b)).detail.knownAddresses).toEqual([{ address: a.station.peerAddress, source: 'manual' }])
    // B's own first organizer is now staff of the whole fleet: A lists her.
    await signIn(a)
    await until('Bea on A', async () => (await a.station.rpc('staff.list', {}, a.token)).body.some((s: { name: string }) => s.name === 'Bea Back'))

    await b.station.rpc('sync.forgetAddress', { address: a.station.peerAddress }, b.token)
    await until('B alone again', async () => (await status(b)).summary === 'alone')
  }, 120_000)

  it('lets only an organizer pair a desk that already has staff', async () => {
    const d = await station('Has staff', ['--mdns', 'off'])
    const token = (await d.station.rpc('staff.setupFirstOrganizer', { name: 'Olga Org', pin: '2468' })).body.token
    const anonymous = await d.station.rpc('sync.join', { code: 'K7PX-3MQ2-9HTR' })
    expect(anonymous.body.error.key).toBe('signInFirst')
    await d.station.rpc('staff.create', { name: 'Sam Scan', role: 'scanner', pin: '1357' }, token)
    const scanner = await signIn(d, 'Sam Scan', '1357')
    expect((await d.station.rpc('sync.join', { code: 'K7PX-3MQ2-9HTR' }, scanner)).body.error.key).toBe('forbidden')
  }, 60_000)
})

describe('a desk restored from a backup', () => {
  it('pairs with the fleet it knows from the backup (it holds no fleet key of its own)', async () => {
    const a = await station('Organizer A', ['--demo', '--mdns', 'off'])
    await signIn(a)
    // A founds its fleet (its own row in fleet_desks goes into the backup), then backs up to a folder.
    await a.station.rpc('sync.invite', {}, a.token)
    const folder = tempDir()
    dirs.push(folder)
    await a.station.rpc('backup.configure', { key: { source: 'passphrase', passphrase: 'correct horse battery' } }, a.token)
    await a.station.rpc('backup.saveTarget', { target: { kind: 'folder', path: folder } }, a.token)
    expect((await a.station.rpc('backup.run', {}, a.token)).body.lastGood).toBeTruthy()

    const c = await station('Restored C', ['--mdns', 'off', '--restore-from', folder], tempDir(), undefined, { EVENTDESK_BACKUP_PASSPHRASE: 'correct horse battery' })
    expect(count(c, 'fleet_desks')).toBe(1)
    await signIn(c)
    const { code } = (await a.station.rpc('sync.invite', {}, a.token)).body
    const joined = await c.station.rpc('sync.join', { code }, c.token)
    expect(joined.body).toMatchObject({ organizerDeskName: 'Organizer A' })
    await until('C linked to A', async () => (await status(c)).summary === 'all')
  }, 120_000)
})

describe('HTTPS for screens', () => {
  it('serves HTTPS on loopback when asked, with the certificate peers pin', async () => {
    const d = await station('Secure desk', ['--https'])
    expect(d.station.url).toMatch(/^https:\/\/127\.0\.0\.1:/)
    const presented = await probeCertificate('127.0.0.1', Number(new URL(d.station.url).port))
    expect(presented.fingerprint).toBe(d.station.fingerprint)
    expect((await probeCertificate('127.0.0.1', Number(new URL(d.station.syncUrl).port))).fingerprint).toBe(d.station.fingerprint)
  }, 60_000)
})
