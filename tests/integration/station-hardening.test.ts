/**
 * A stranger on the venue network against a real station process: huge bodies
 * without a token, wrong content types, other sites' Host and Origin headers.
 */
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_BODY_BYTES } from '../../src/main/station/server'
import { memoryOf, rawRequest, startStation, type RunningStation } from '../support/station-process'
import { removeDir, tempDir } from './helpers'

const JSON_TYPE = { 'Content-Type': 'application/json' }
const MiB = 1024 * 1024

describe('a station under load from a stranger', () => {
  let station: RunningStation
  let dir: string
  let organizer: string
  let deskToken: string
  let eventId: string

  beforeAll(async () => {
    dir = tempDir()
    station = await startStation(dir, ['--demo'])
    const options = (await station.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
    const signIn = async (name: string, pin: string) =>
      (await station.rpc('staff.signIn', { staffId: options.find((s) => s.name === name)!.id, pin })).body.token as string
    organizer = await signIn('Demo Organizer', '1234')
    deskToken = await signIn('Demo Desk', '2222')
    eventId = (await station.rpc('event.list', {}, organizer)).body[0].id
  })
  afterAll(async () => {
    await station.stop()
    removeDir(dir)
  })

  it('answers 120 MB bodies without a token at once, in bounded memory, and keeps serving everyone else', async () => {
    const before = memoryOf(station.proc.pid!)
    const pending = (await station.rpc('attendee.list', { eventId, checkedIn: false, limit: 20 }, organizer)).body.rows as { id: string }[]
    let maxRssKiB = before.rssKiB
    const sampler = setInterval(() => (maxRssKiB = Math.max(maxRssKiB, memoryOf(station.proc.pid!).rssKiB)), 20)

    // Eight strangers at once, each sending 120 MB (declared, or chunked with no length), twice.
    const attacks = Array.from({ length: 16 }, (_, i) =>
      rawRequest(station.url, {
        path: `/api/rpc/${i % 2 ? 'attendee.search' : 'import.upload'}`,
        headers: i % 4 < 2 ? { ...JSON_TYPE, 'Content-Length': String(120 * MiB) } : { ...JSON_TYPE, 'Transfer-Encoding': 'chunked' },
        bodyMiB: 120
      })
    )
    // Meanwhile the desk keeps working: health and check-ins answer.
    const work = (async () => {
      const answers: { status: number; ms: number }[] = []
      for (const attendee of pending.slice(0, 10)) {
        const started = Date.now()
        const health = await fetch(`${station.url}/api/health`)
        const checkin = await station.rpc('checkin.byAttendee', { attendeeId: attendee.id }, deskToken)
        answers.push({ status: health.status, ms: 0 }, { status: checkin.status, ms: Date.now() - started })
        expect(checkin.body.outcome).toBe('admitted')
      }
      return answers
    })()
    const [refused, answered] = await Promise.all([Promise.all(attacks), work]).finally(() => clearInterval(sampler))
    const after = memoryOf(station.proc.pid!)

    for (const r of refused) {
      expect(r.status).toBe(401)
      expect(JSON.parse(r.body)).toEqual({ error: { code: 'unauthenticated', message: 'Sign in first', key: 'signInFirst' } })
      expect(r.ms).toBeLessThan(2_000)
    }
    expect(answered.every((a) => a.status === 200)).toBe(true)
    expect(Math.max(...answered.map((a) => a.ms))).toBeLessThan(1_000)
    // 16 × 120 MB offered: the station's memory moved by less than 48 MiB (peak and sampled).
    expect(after.peakKiB - before.peakKiB).toBeLessThan(48 * 1024)
    expect(maxRssKiB - before.rssKiB).toBeLessThan(48 * 1024)
    console.log(
      `120 MB × 16 without a token: slowest answer ${Math.max(...refused.map((r) => r.ms))} ms; RSS ${before.rssKiB} → max ${maxRssKiB} KiB, peak ${before.peakKiB} → ${after.peakKiB} KiB`
    )
    expect((await fetch(`${station.url}/api/health`)).status).toBe(200)
  })

  it('holds signed-in callers to a form’s worth, except an organizer’s upload', async () => {
    const big = { ...JSON_TYPE, 'Content-Length': String(120 * MiB) }
    const declared = await rawRequest(station.url, { path: '/api/rpc/attendee.search', headers: { ...big, Authorization: `Bearer ${deskToken}` }, bodyMiB: 120 })
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.body)).toEqual({ error: { code: 'too_large', message: 'The request is too large', key: 'requestTooLarge' } })
    const chunked = await rawRequest(station.url, {
      path: '/api/rpc/attendee.search',
      headers: { ...JSON_TYPE, 'Transfer-Encoding': 'chunked', Authorization: `Bearer ${organizer}` },
      bodyMiB: 120
    })
    expect(chunked.status).toBe(413)
    // A desk operator may not upload at all; an organizer may send a large file.
    const upload = { ...JSON_TYPE, 'Content-Length': String(2 * MiB) }
    expect((await rawRequest(station.url, { path: '/api/rpc/import.upload', headers: { ...upload, Authorization: `Bearer ${deskToken}` }, bodyMiB: 2 })).status).toBe(403)
    const base64 = Buffer.from('First name,Last name\n' + 'Ada,Lovelace\n'.repeat(100_000)).toString('base64')
    expect(base64.length).toBeGreaterThan(DEFAULT_BODY_BYTES)
    const accepted = await station.rpc('import.upload', { eventId, fileName: 'big.csv', base64 }, organizer)
    expect(accepted.status).toBe(200)
    expect(accepted.body.rowCount).toBe(100_000)
  })

  it('takes JSON objects only, sent as application/json', async () => {
    const call = (headers: Record<string, string>, body: string) =>
      rawRequest(station.url, { path: '/api/rpc/checkin.counters', headers: { ...headers, Authorization: `Bearer ${organizer}` }, body })
    const body = JSON.stringify({ eventId })
    expect((await call(JSON_TYPE, body)).status).toBe(200)
    expect((await call({ 'Content-Type': 'application/json; charset=utf-8' }, body)).status).toBe(200)
    const types: Record<string, string>[] = [{ 'Content-Type': 'text/plain' }, { 'Content-Type': 'application/x-www-form-urlencoded' }, {}]
    for (const type of types) {
      const refused = await call(type, body)
      expect(refused.status).toBe(415)
      expect(JSON.parse(refused.body)).toEqual({
        error: { code: 'unsupported_media_type', message: 'Send the request as application/json', key: 'jsonRequired' }
      })
    }
    for (const notObject of ['[]', '"x"', '5', 'null', '{"eventId":']) {
      const refused = await call(JSON_TYPE, notObject)
      expect(refused.status).toBe(400)
      expect(JSON.parse(refused.body).error).toMatchObject({ code: 'invalid_input', key: 'invalidJson' })
    }
  })
})

describe('a fresh station and other web sites (DNS rebinding)', () => {
  let station: RunningStation
  let dir: string
  let host: string

  beforeAll(async () => {
    dir = tempDir()
    station = await startStation(dir, ['--public-name', 'desk.venue.test'])
    host = new URL(station.url).host
  })
  afterAll(async () => {
    await station.stop()
    removeDir(dir)
  })

  const setUp = (headers: Record<string, string>) =>
    rawRequest(station.url, {
      path: '/api/rpc/staff.setupFirstOrganizer',
      headers: { ...JSON_TYPE, ...headers },
      body: JSON.stringify({ name: 'Mallory', pin: '6666' })
    })

  it('refuses a first-run set-up sent under another name, from another site or as text/plain; the desk stays un-set-up', async () => {
    const port = new URL(station.url).port
    const rebound = await setUp({ Host: `evil.example:${port}` })
    expect(rebound.status).toBe(403)
    expect(JSON.parse(rebound.body)).toEqual({ error: { code: 'forbidden', message: 'This desk does not answer to that host name', key: 'unknownHost' } })
    const crossSite = await setUp({ Origin: 'http://evil.example' })
    expect(crossSite.status).toBe(403)
    expect(JSON.parse(crossSite.body).error).toMatchObject({ code: 'forbidden', key: 'foreignOrigin' })
    expect((await setUp({ Origin: 'null' })).status).toBe(403)
    // Same host name, other port: another site.
    expect((await setUp({ Origin: `http://127.0.0.1:${Number(port) + 1}` })).status).toBe(403)
    const simpleForm = await rawRequest(station.url, {
      path: '/api/rpc/staff.setupFirstOrganizer',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ name: 'Mallory', pin: '6666' })
    })
    expect(simpleForm.status).toBe(415)
    // Pages and sockets under a foreign name are refused too.
    expect((await rawRequest(station.url, { method: 'GET', path: '/', headers: { Host: 'evil.example' } })).status).toBe(403)
    const socketHandshake = (headers: Record<string, string>) =>
      rawRequest(station.url, { method: 'GET', path: '/socket.io/?EIO=4&transport=polling', headers })
    expect((await socketHandshake({ Host: `evil.example:${port}` })).status).toBe(403)
    expect((await socketHandshake({ Origin: 'http://evil.example' })).status).toBe(403)

    expect((await station.rpc('system.status', {})).body.firstRun).toBe(true)
  })

  it('answers its own names: localhost, its address, --public-name, with their own origin', async () => {
    const port = new URL(station.url).port
    for (const name of [host, `localhost:${port}`, `desk.venue.test:${port}`, `DESK.venue.test.:${port}`]) {
      const res = await rawRequest(station.url, { method: 'GET', path: '/api/health', headers: { Host: name, Origin: `http://${name}` } })
      expect(res.status, name).toBe(200)
    }
    expect((await station.rpc('system.status', {})).body.firstRun).toBe(true)
    const setUp = await rawRequest(station.url, {
      path: '/api/rpc/staff.setupFirstOrganizer',
      headers: { ...JSON_TYPE, Origin: station.url },
      body: JSON.stringify({ name: 'Olga', pin: '1234' })
    })
    expect(setUp.status).toBe(200)
  })

  it('names only itself in the Content-Security-Policy', async () => {
    const csp = (await fetch(station.url)).headers.get('content-security-policy')!
    expect(csp).toContain("connect-src 'self';")
    expect(csp).not.toMatch(/ws:|wss:/)
  })
})

describe('a station bound to every interface', () => {
  it('answers to the machine’s own addresses and still refuses other names', async () => {
    const dir = tempDir()
    const station = await startStation(dir, ['--host', '0.0.0.0'])
    try {
      // Beyond loopback, HTTPS by default (with the desk's own certificate).
      expect(station.url).toMatch(/^https:/)
      const port = new URL(station.url).port
      const local = `https://127.0.0.1:${port}`
      const addresses = Object.values(networkInterfaces())
        .flatMap((list) => list ?? [])
        .filter((i) => i.family === 'IPv4')
        .map((i) => i.address)
      for (const address of addresses) {
        expect((await rawRequest(local, { method: 'GET', path: '/api/health', headers: { Host: `${address}:${port}` } })).status, address).toBe(200)
      }
      expect((await rawRequest(local, { method: 'GET', path: '/api/health', headers: { Host: `10.255.255.254:${port}` } })).status).toBe(403)
      expect((await rawRequest(local, { method: 'GET', path: '/api/health', headers: { Host: `evil.example:${port}` } })).status).toBe(403)
    } finally {
      await station.stop()
      removeDir(dir)
    }
  })
})
