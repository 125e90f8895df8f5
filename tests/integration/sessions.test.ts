/**
 * Sessions end when they should — sign-out, deactivation, PIN reset, also when
 * the change comes from another desk — and the member's open sockets close at once.
 */
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { io, type Socket } from 'socket.io-client'
import { createStationServer, type StationServer } from '../../src/main/station/server'
import { deskWithEvent, openDesk, rejects, removeDir, type TestDesk } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>
let station: StationServer
let url: string
let dana: string

async function serve(core: TestDesk['core']): Promise<{ station: StationServer; url: string }> {
  const server = createStationServer(core, { rendererDir: desk.dir, bindAddress: '127.0.0.1' })
  await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve))
  return { station: server, url: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}` }
}

function connect(at: string, token: string): Promise<Socket> {
  const socket = io(at, { auth: { token }, transports: ['websocket'], reconnection: false })
  return new Promise((resolve, reject) => {
    socket.on('connect', () => resolve(socket))
    socket.on('connect_error', reject)
  })
}

const disconnected = (socket: Socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve))

const isSignedIn = async (token: string, on: TestDesk = desk) => {
  try {
    await on.call('staff.me', {}, token)
    return true
  } catch {
    return false
  }
}

const signIn = (pin = '4321', on: TestDesk = desk) => on.call('staff.signIn', { staffId: dana, pin }).then((s) => s.token)

beforeEach(async () => {
  desk = await deskWithEvent()
  dana = (await desk.call('staff.create', { name: 'Dana Desk', role: 'desk', pin: '4321' }, desk.organizer)).id
  ;({ station, url } = await serve(desk.core))
})
afterEach(async () => {
  await station.close()
  desk.close()
  removeDir(desk.dir)
})

describe('sessions', () => {
  it('does not revive old sessions when a member is re-activated', async () => {
    const token = await signIn()
    await desk.call('staff.update', { id: dana, active: false }, desk.organizer)
    expect(await isSignedIn(token)).toBe(false)
    await desk.call('staff.update', { id: dana, active: true }, desk.organizer)
    expect(await isSignedIn(token)).toBe(false)
    expect(await isSignedIn(await signIn())).toBe(true)
  })

  it('ends every session of a member whose PIN is reset; the new PIN opens a new one', async () => {
    const [first, second] = [await signIn(), await signIn()]
    await desk.call('staff.update', { id: dana, pin: '8765' }, desk.organizer)
    expect([await isSignedIn(first), await isSignedIn(second)]).toEqual([false, false])
    expect((await rejects(signIn('4321'))).key).toBe('wrongPin')
    expect(await isSignedIn(await signIn('8765'))).toBe(true)
  })

  it('keeps the session of an organizer who changes their own PIN, and ends their others', async () => {
    const me = (await desk.call('staff.me', {}, desk.organizer)).staff.id
    const elsewhere = (await desk.call('staff.signIn', { staffId: me, pin: '1234' })).token
    await desk.call('staff.update', { id: me, pin: '2468' }, desk.organizer)
    expect(await isSignedIn(desk.organizer)).toBe(true)
    expect(await isSignedIn(elsewhere)).toBe(false)
  })

  it('disconnects the sockets of a member who signs out, is deactivated or gets a new PIN — and only theirs', async () => {
    const organizerSocket = await connect(url, desk.organizer)
    let organizerDropped = false
    organizerSocket.on('disconnect', () => (organizerDropped = true))

    const signedOut = await signIn()
    const socket1 = await connect(url, signedOut)
    const gone1 = disconnected(socket1)
    await desk.call('staff.signOut', {}, signedOut)
    expect(await gone1).toBe('io server disconnect')

    const socket2 = await connect(url, await signIn())
    const gone2 = disconnected(socket2)
    await desk.call('staff.update', { id: dana, pin: '1357' }, desk.organizer)
    expect(await gone2).toBe('io server disconnect')

    const socket3 = await connect(url, await signIn('1357'))
    const gone3 = disconnected(socket3)
    await desk.call('staff.update', { id: dana, active: false }, desk.organizer)
    expect(await gone3).toBe('io server disconnect')

    // The organizer's socket was never touched.
    expect(organizerSocket.connected && !organizerDropped).toBe(true)
    organizerSocket.close()
  })

  it('ends sessions and sockets when the deactivation or PIN reset comes from another desk', async () => {
    const peer = openDesk()
    const peerServed = await serve(peer.core)
    try {
      await peer.core.applyRemoteChanges(desk.core.changesSince(''))
      const mark = desk.core.changesSince('').at(-1)!.hlc
      const token = await signIn('4321', peer)
      const socket = await connect(peerServed.url, token)
      const gone = disconnected(socket)

      await desk.call('staff.update', { id: dana, active: false }, desk.organizer)
      const applied = await peer.core.applyRemoteChanges(desk.core.changesSince(mark))
      expect(applied).toMatchObject({ applied: 1, rejected: [] })
      expect(await isSignedIn(token, peer)).toBe(false)
      expect(await gone).toBe('io server disconnect')

      // Re-activated on the first desk: the peer's old session stays ended; a new sign-in works there.
      await desk.call('staff.update', { id: dana, active: true }, desk.organizer)
      await peer.core.applyRemoteChanges(desk.core.changesSince(mark))
      expect(await isSignedIn(token, peer)).toBe(false)
      const fresh = await signIn('4321', peer)
      expect(await isSignedIn(fresh, peer)).toBe(true)

      // A PIN reset on the first desk ends the peer's new session too.
      await desk.call('staff.update', { id: dana, pin: '9753' }, desk.organizer)
      await peer.core.applyRemoteChanges(desk.core.changesSince(mark))
      expect(await isSignedIn(fresh, peer)).toBe(false)
      expect(await isSignedIn(await signIn('9753', peer), peer)).toBe(true)
    } finally {
      await peerServed.station.close()
      peer.close()
      removeDir(peer.dir)
    }
  })
})
