/**
 * Peer links over socket.io (namespace /sync), opened only between desks of
 * one fleet: both sides prove they hold the fleet key (HMAC over both sides'
 * fresh nonces, so a recorded handshake cannot be replayed) before a single
 * record crosses. Each desk listens for peers and connects to the peers it
 * knows; socket.io reconnects a dropped link, and every (re)connect starts a
 * fresh handshake and a fresh exchange of version vectors.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Server as SocketServer, Socket as ServerSocket } from 'socket.io'
import { io as connect, type Socket as ClientSocket } from 'socket.io-client'
import type { Hello, PeerLink, SyncEngine } from './engine'
import { SYNC_PROTOCOL } from './engine'

export const SYNC_NAMESPACE = '/sync'
const HANDSHAKE_TIMEOUT_MS = 10_000
const RETRY_MS = 1_000

export interface Fleet {
  id: string
  /** The shared secret every desk of the fleet holds (never sent). */
  key: Buffer
}

interface Challenge {
  fleetId: string
  nonce: string
  proof: string
  hello: Hello
}

interface Answer {
  proof: string
  hello: Hello
}

function proof(fleet: Fleet, role: 'listener' | 'dialer', first: string, second: string, deskId: string): string {
  return createHmac('sha256', fleet.key).update(`${SYNC_PROTOCOL}|${fleet.id}|${role}|${first}|${second}|${deskId}`).digest('base64url')
}

function sameProof(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

function isHello(value: unknown): value is Hello {
  const h = value as Partial<Hello> | null
  return (
    typeof h === 'object' && h !== null && h.protocol === SYNC_PROTOCOL && typeof h.deskId === 'string' && typeof h.deskName === 'string' &&
    typeof h.level === 'number' && typeof h.vector === 'object' && h.vector !== null && typeof h.records === 'number'
  )
}

type AnySocket = ServerSocket | ClientSocket

/** Arms, before the handshake goes on, the wait for the peer's "ready" (socket.io drops what no one listens for). */
function readyOf(socket: AnySocket): Promise<void> {
  return new Promise((resolve) => socket.once('ready', () => resolve()))
}

function linkOf(socket: AnySocket, address: string, peerReady: Promise<void>): PeerLink {
  return {
    address,
    peerReady,
    signalReady: () => void socket.emit('ready'),
    request: <T>(event: string, payload: unknown, timeoutMs: number) => socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>,
    handle: (event, handler) => {
      socket.on(event, (payload: unknown, reply: unknown) => {
        if (typeof reply !== 'function') return
        handler(payload).then(
          (answer) => (reply as (answer: unknown) => void)(answer),
          (err: unknown) => {
            console.error(`sync: ${event} from ${address} failed`, err)
            socket.disconnect()
          }
        )
      })
    },
    onClose: (handler) => void socket.on('disconnect', handler),
    close: () => void socket.disconnect()
  }
}

/** Accepts peer desks on /sync of this station's socket.io server. */
export function listenForPeers(io: SocketServer, engine: SyncEngine, fleet: () => Fleet | null): () => void {
  const namespace = io.of(SYNC_NAMESPACE)
  namespace.on('connection', (socket) => {
    const theirNonce = (socket.handshake.auth as { nonce?: unknown }).nonce
    const ours = fleet()
    if (!ours || typeof theirNonce !== 'string' || theirNonce.length < 16 || theirNonce.length > 100) return void socket.disconnect()
    const nonce = randomBytes(24).toString('base64url')
    const hello = engine.hello()
    const peerReady = readyOf(socket)
    const challenge: Challenge = { fleetId: ours.id, nonce, proof: proof(ours, 'listener', theirNonce, nonce, hello.deskId), hello }
    socket
      .timeout(HANDSHAKE_TIMEOUT_MS)
      .emitWithAck('challenge', challenge)
      .then((answer: Partial<Answer>) => {
        if (!isHello(answer?.hello) || !sameProof(answer.proof, proof(ours, 'dialer', nonce, theirNonce, answer.hello.deskId))) {
          console.warn(`sync: refused a peer at ${socket.handshake.address}: no proof of the fleet key`)
          return void socket.disconnect()
        }
        engine.attach(linkOf(socket, socket.handshake.address, peerReady), answer.hello)
      })
      .catch(() => socket.disconnect())
  })
  return () => {
    namespace.disconnectSockets(true)
    namespace.removeAllListeners()
  }
}

/** Keeps a link to one peer (reconnecting as long as this desk runs). */
export function dialPeer(url: string, engine: SyncEngine, fleet: () => Fleet | null): () => void {
  // A fresh nonce for every (re)connect: an old challenge replayed to this desk proves nothing.
  let nonce = ''
  const socket = connect(url.replace(/\/$/, '') + SYNC_NAMESPACE, {
    auth: (send) => {
      nonce = randomBytes(24).toString('base64url')
      send({ nonce })
    },
    transports: ['websocket'],
    reconnectionDelay: 250,
    reconnectionDelayMax: 2_000
  })
  socket.on('challenge', (challenge: Partial<Challenge>, reply: unknown) => {
    const ours = fleet()
    if (typeof reply !== 'function') return
    if (!ours || challenge?.fleetId !== ours.id || !isHello(challenge.hello) || challenge.hello.deskId === engine.hello().deskId) {
      console.warn(`sync: ${url} is not a desk of this fleet`)
      return void socket.disconnect()
    }
    if (!sameProof(challenge.proof, proof(ours, 'listener', nonce, challenge.nonce ?? '', challenge.hello.deskId))) {
      console.warn(`sync: ${url} does not hold this fleet's key`)
      return void socket.disconnect()
    }
    const hello = engine.hello()
    const link = linkOf(socket, url, readyOf(socket))
    engine.attach(link, challenge.hello)
    ;(reply as (answer: Answer) => void)({ proof: proof(ours, 'dialer', challenge.nonce!, nonce, hello.deskId), hello })
  })
  // A peer shutting down says goodbye ('io server disconnect'), after which socket.io stops retrying on its
  // own (socket.active is false): keep knocking until it is back, as long as this desk runs.
  let stopped = false
  const knock = (): void => {
    setTimeout(() => {
      if (!stopped && !socket.connected && !socket.active) socket.connect()
    }, RETRY_MS).unref()
  }
  socket.on('disconnect', knock)
  socket.on('connect_error', knock)
  return () => {
    stopped = true
    socket.disconnect()
  }
}
