/** Station mode as a real process on 127.0.0.1: health, RPC over HTTP, static files, push over socket.io. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io } from 'socket.io-client'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { APP_ROOT, removeDir, tempDir } from './helpers'
import { startStation, type RunningStation } from '../support/station-process'

/** An address as /proc/net/tcp{,6} writes it: 32-bit words in host (little-endian) byte order. */
function procAddress(hex: string): string {
  const bytes = (hex.match(/.{8}/g) ?? []).flatMap((word) => (word.match(/../g) ?? []).reverse().map((b) => parseInt(b, 16)))
  if (bytes.length === 4) return bytes.join('.')
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join('.')}`
  if (bytes.every((b) => b === 0)) return '::'
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1) return '::1'
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** The local addresses of the sockets listening on a TCP port, as the (Linux) kernel reports them. */
function listeningAddresses(port: number): string[] {
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    readFileSync(table, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter(([, local, , state]) => state === '0A' /* LISTEN */ && parseInt(local!.split(':')[1]!, 16) === port)
      .map(([, local]) => procAddress(local!.split(':')[0]!))
  )
}

const portOf = (station: RunningStation) => Number(new URL(station.url).port)

let station: RunningStation
let dir: string
let token: string
let eventId: string

beforeAll(async () => {
  dir = tempDir()
  station = await startStation(dir, ['--demo'])
  const options = await station.rpc('staff.signInOptions', {})
  const organizer = options.body.find((s: { name: string }) => s.name === 'Demo Organizer')
  token = (await station.rpc('staff.signIn', { staffId: organizer.id, pin: '1234' })).body.token
  eventId = (await station.rpc('event.list', {}, token)).body[0].id
})
afterAll(async () => {
  await station.stop()
  removeDir(dir)
})

describe('station mode', () => {
  it('listens on 127.0.0.1 only, unless --host says otherwise', async () => {
    // The socket itself, not the URL the station prints.
    expect(listeningAddresses(portOf(station))).toEqual(['127.0.0.1'])
    const otherDir = tempDir()
    const open = await startStation(otherDir, ['--host', '0.0.0.0'])
    try {
      expect(listeningAddresses(portOf(open))).toEqual(['0.0.0.0'])
    } finally {
      await open.stop()
      removeDir(otherDir)
    }
  })

  it('answers health with app and schema versions', async () => {
    const res = await fetch(`${station.url}/api/health`)
    const body = (await res.json()) as Record<string, unknown>
    const journal = JSON.parse(readFileSync(join(APP_ROOT, 'drizzle', 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
    expect(body).toMatchObject({ ok: true, app: 'eventdesk', schemaVersion: journal.entries.at(-1)!.tag })
    expect(body.appVersion).toMatch(/^\d+\.\d+\.\d+/)
  })

  it('creates the demo desk: staff, a live event, ~2,000 attendees', async () => {
    const counters = (await station.rpc('checkin.counters', { eventId }, token)).body
    expect(counters.expected).toBe(2000)
    expect(counters.checkedIn).toBeGreaterThan(100)
    expect(counters.byTicketType.length).toBe(6)
  })

  it('maps errors to HTTP statuses with a JSON body', async () => {
    expect(await station.rpc('nope.nothing', {}, token)).toMatchObject({ status: 404, body: { error: { code: 'unknown_method' } } })
    expect(await station.rpc('event.list', {})).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } })
    expect(await station.rpc('event.list', '{not json', token)).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } })
    const bad = await station.rpc('attendee.search', { eventId, query: 5 }, token)
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', issues: [{ path: 'query' }] } } })
    const get = await fetch(`${station.url}/api/rpc/event.list`)
    expect(get.status).toBe(405)
    const malformed = await fetch(`${station.url}/api/rpc/%E0%A4%A`, { method: 'POST', body: '{}' })
    expect(malformed.status).toBe(400)
  })

  it('refuses huge field values with a 400 naming the field, and stays up', async () => {
    const long = 'x'.repeat(200 * 1024)
    const res = await station.rpc('attendee.search', { eventId, query: long }, token)
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', issues: [{ path: 'query', key: 'tooLong' }] } } })
    // Past a form's worth the body itself is refused, unread.
    const huge = await station.rpc('attendee.search', { eventId, query: 'x'.repeat(5 * 1024 * 1024) }, token)
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'too_large', key: 'requestTooLarge' } } })
    const nested = await station.rpc('attendee.search', JSON.stringify({ eventId, query: { $gt: '' } }), token)
    expect(nested.status).toBe(400)
    expect((await fetch(`${station.url}/api/health`)).status).toBe(200)
  })

  it('serves the renderer with security headers and never files outside it', async () => {
    const index = await fetch(`${station.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await index.text()).toContain('<div id="root">')
    const traversal = await fetch(`${station.url}/..%2f..%2f..%2fetc%2fpasswd`)
    expect(traversal.status).toBe(400)
    expect(await traversal.text()).not.toContain('root:x:0:0')
    const dotted = await fetch(`${station.url}/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd`)
    expect(dotted.status).toBe(400)
  })

  it('pushes "changed" to signed-in screens and refuses sockets without a session', async () => {
    const rejected = io(station.url, { auth: { token: 'forged' }, transports: ['websocket'], reconnection: false })
    const error = await new Promise<Error>((resolve) => rejected.on('connect_error', resolve))
    expect(error.message).toBe('unauthenticated')
    rejected.close()

    const socket = io(station.url, { auth: { token }, transports: ['websocket'], reconnection: false })
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve())
      socket.on('connect_error', reject)
    })
    const changed = new Promise<{ tables: string[]; eventIds: string[] }>((resolve) => socket.on('changed', resolve))
    const list = (await station.rpc('attendee.list', { eventId, checkedIn: false, limit: 1 }, token)).body
    const result = (await station.rpc('checkin.byAttendee', { attendeeId: list.rows[0].id }, token)).body
    expect(result.outcome).toBe('admitted')
    expect(await changed).toEqual({ tables: ['checkins', 'changes'], eventIds: [eventId] })
    socket.close()
  })
})
