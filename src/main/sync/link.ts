/**
 * Peer links: socket.io over TLS (wss) on the desk's peer server (server.ts),
 * namespace /sync. Both sides present their own certificate (mutual TLS) and
 * each pins the other's: the dialer trusts exactly the certificate it probed
 * and judged (a fleet desk's), the listener checks the dialer's client
 * certificate against the fleet. Then both prove the fleet key with an HMAC
 * over both sides' fresh nonces, desk ids and certificate fingerprints — a
 * recorded handshake proves nothing later, and a relay on other certificates
 * fails it — before a single record crosses. Every later message is framed,
 * numbered and authenticated (channel.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls'
import type { Namespace, Socket as ServerSocket } from 'socket.io'
import { io as connect, type Socket as ClientSocket } from 'socket.io-client'
import { SecureChannel, type ChannelKeys, type Rejection } from './channel'
import type { Hello } from './engine'
import { SYNC_PROTOCOL } from './engine'
import type { Fleet } from './fleet'
import { fingerprintOf, pemOf, type DeskIdentity } from './identity'

export const SYNC_NAMESPACE = '/sync'
/** Where desks listen for peers unless told otherwise (a station: its port + 1). */
export const DEFAULT_PEER_PORT = 4801
const HANDSHAKE_TIMEOUT_MS = 10_000
const PROBE_TIMEOUT_MS = 5_000
const RETRY_FIRST_MS = 250
const RETRY_MAX_MS = 5_000

/** What this desk thinks of a certificate. */
export type Verdict = 'member' | 'removed' | 'unknown'

/** Why a link was not opened, as the Desks screen shows it. */
export type LinkProblem = 'unreachable' | 'unpaired' | 'removed_desk' | 'wrong_fleet' | 'no_key' | 'stale_key' | 'refused' | 'handshake'

export interface Peer {
  deskId: string
  fingerprint: string
  /** PEM of the certificate the peer presented. */
  certificate: string
  /** Not pinned before: admitted now because it proved the key of a fleet that admits by key. */
  admittedByKey: boolean
  hello: Hello
  /** Their current key generation (they may hold a newer one than the one this link used). */
  epoch: number
}

/** What the links need from the desk they belong to. */
export interface LinkContext {
  deskId: string
  identity: DeskIdentity
  fleet(): Fleet | null
  judge(fingerprint: string): Verdict
  hello(): Hello
  /** A link is authenticated: register handlers and attach it (synchronously: frames may follow at once). */
  opened(channel: SecureChannel, peer: Peer): void
  /** A peer's message was refused (altered, replayed, reordered). */
  rejected(deskId: string, rejection: Rejection, detail: string): void
  /** This desk was told, by a desk of its fleet, that it was removed. */
  removed(by: string): void
}

interface Auth {
  nonce: string
  fleetId: string
  epoch: number
  deskId: string
}

interface Challenge {
  fleetId: string
  /** The generation whose key this handshake uses (the older of the two sides' current ones). */
  keyEpoch: number
  /** The listener's current generation. */
  epoch: number
  nonce: string
  proof: string
  hello: Hello
}

interface Answer {
  proof: string
  hello: Hello
}

interface Transcript {
  fleetId: string
  keyEpoch: number
  dialerNonce: string
  listenerNonce: string
  listenerDesk: string
  dialerDesk: string
  listenerFingerprint: string
  dialerFingerprint: string
}

function transcriptText(t: Transcript): string {
  return [
    SYNC_PROTOCOL,
    t.fleetId,
    t.keyEpoch,
    t.dialerNonce,
    t.listenerNonce,
    t.listenerDesk,
    t.dialerDesk,
    t.listenerFingerprint,
    t.dialerFingerprint
  ].join('|')
}

function mac(key: Buffer, label: string, t: Transcript): string {
  return createHmac('sha256', key).update(`${label}|${transcriptText(t)}`).digest('base64url')
}

function channelKeys(key: Buffer, t: Transcript, side: 'listener' | 'dialer'): ChannelKeys {
  const toDialer = createHmac('sha256', key).update(`link listener→dialer|${transcriptText(t)}`).digest()
  const toListener = createHmac('sha256', key).update(`link dialer→listener|${transcriptText(t)}`).digest()
  return side === 'listener' ? { send: toDialer, receive: toListener } : { send: toListener, receive: toDialer }
}

function sameProof(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

export function isHello(value: unknown): value is Hello {
  const h = value as Partial<Hello> | null
  return (
    typeof h === 'object' &&
    h !== null &&
    h.protocol === SYNC_PROTOCOL &&
    typeof h.deskId === 'string' &&
    h.deskId.length <= 100 &&
    typeof h.deskName === 'string' &&
    typeof h.level === 'number' &&
    typeof h.vector === 'object' &&
    h.vector !== null &&
    typeof h.records === 'number' &&
    typeof h.wallClock === 'number'
  )
}

/** The client certificate a dialer presented on this socket's TLS connection. */
function clientCertificate(socket: ServerSocket): PeerCertificate | null {
  const tls = socket.request.socket as Partial<TLSSocket>
  const cert = typeof tls.getPeerCertificate === 'function' ? tls.getPeerCertificate() : null
  return cert && cert.raw ? cert : null
}

/** Accepts peer desks on /sync of this desk's peer server. */
export function listenForPeers(namespace: Namespace, context: LinkContext): () => void {
  namespace.on('connection', (socket) => {
    const where = socket.handshake.address
    const refuse = (reason: LinkProblem, log: string): void => {
      console.warn(`sync: refused a peer at ${where}: ${log}`)
      socket.emit('refused', { reason })
      socket.disconnect(true)
    }
    const auth = socket.handshake.auth as Partial<Auth>
    const cert = clientCertificate(socket)
    if (!cert) return refuse('handshake', 'it presented no certificate')
    const dialerFingerprint = fingerprintOf(cert.raw)
    const verdict = context.judge(dialerFingerprint)
    if (verdict === 'removed') {
      console.warn(`sync: a removed desk (certificate ${dialerFingerprint.slice(0, 16)}…) at ${where} tried to sync; told it was removed`)
      socket.emit('removed', { by: context.deskId })
      return void socket.disconnect(true)
    }
    const fleet = context.fleet()
    if (!fleet) return refuse('no_key', 'this desk has no fleet')
    if (typeof auth.nonce !== 'string' || auth.nonce.length < 16 || auth.nonce.length > 100 || typeof auth.deskId !== 'string' || typeof auth.epoch !== 'number') {
      return refuse('handshake', 'malformed handshake')
    }
    if (auth.fleetId !== fleet.id) return refuse('wrong_fleet', 'it is not a desk of this fleet')
    const keyEpoch = Math.min(auth.epoch, fleet.epoch)
    const key = fleet.keys.get(keyEpoch)
    const admittedByKey = verdict === 'unknown'
    if (admittedByKey && fleet.admission !== 'key') {
      return refuse('unpaired', `its certificate ${dialerFingerprint.slice(0, 16)}… is not paired with this fleet`)
    }
    // A desk this fleet has never pinned must hold the current key; a pinned desk that was away may use an older one.
    if (!key || (admittedByKey && keyEpoch !== fleet.epoch)) return refuse('stale_key', `it holds an old key of this fleet (generation ${auth.epoch})`)
    const hello = context.hello()
    const transcript: Transcript = {
      fleetId: fleet.id,
      keyEpoch,
      dialerNonce: auth.nonce,
      listenerNonce: randomBytes(24).toString('base64url'),
      listenerDesk: hello.deskId,
      dialerDesk: auth.deskId,
      listenerFingerprint: context.identity.fingerprint,
      dialerFingerprint
    }
    const challenge: Challenge = {
      fleetId: fleet.id,
      keyEpoch,
      epoch: fleet.epoch,
      nonce: transcript.listenerNonce,
      proof: mac(key, 'listener', transcript),
      hello
    }
    // A callback, not a promise: the channel must listen before the dialer's first frame is dispatched.
    socket.timeout(HANDSHAKE_TIMEOUT_MS).emit('challenge', challenge, (err: Error | null, answer: Partial<Answer>) => {
      if (err) return void socket.disconnect(true)
      if (!isHello(answer?.hello) || answer.hello.deskId !== auth.deskId || !sameProof(answer.proof, mac(key, 'dialer', transcript))) {
        return refuse('refused', 'no proof of the fleet key')
      }
      const peerHello = answer.hello
      const channel = new SecureChannel(socket, channelKeys(key, transcript, 'listener'), {
        address: where,
        dialer: peerHello.deskId,
        peerName: () => peerHello.deskName,
        onRejected: (rejection, detail) => context.rejected(peerHello.deskId, rejection, detail)
      })
      context.opened(channel, {
        deskId: peerHello.deskId,
        fingerprint: dialerFingerprint,
        certificate: pemOf(cert.raw),
        admittedByKey,
        hello: peerHello,
        epoch: auth.epoch!
      })
    })
  })
  return () => {
    namespace.disconnectSockets(true)
    namespace.removeAllListeners()
  }
}

export interface ProbedCertificate {
  fingerprint: string
  pem: string
}

/** The certificate a desk's peer server presents (nothing else is said on that connection). */
export function probeCertificate(host: string, port: number, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbedCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host, port, rejectUnauthorized: false, servername: undefined, timeout: timeoutMs })
    const fail = (err: Error) => {
      socket.destroy()
      reject(err)
    }
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate()
      socket.end()
      if (!cert?.raw) return reject(new Error('no certificate'))
      resolve({ fingerprint: fingerprintOf(cert.raw), pem: pemOf(cert.raw) })
    })
    socket.once('timeout', () => fail(new Error('timed out')))
    socket.once('error', fail)
  })
}

/** TLS options of a client connection that trusts exactly one certificate and shows this desk's own. */
export function pinnedTls(identity: DeskIdentity, pinned: ProbedCertificate) {
  return {
    ca: [pinned.pem],
    cert: identity.cert,
    key: identity.key,
    rejectUnauthorized: true,
    // Desks have no names a public CA would vouch for: the pinned fingerprint is the identity.
    checkServerIdentity: (_host: string, cert: PeerCertificate) =>
      cert.raw && fingerprintOf(cert.raw) === pinned.fingerprint ? undefined : new Error('the peer certificate is not the pinned one')
  }
}

export interface PeerAddress {
  host: string
  port: number
}

/** "host:port", "https://host:port" or "[v6]:port" → host and port; null if it is none of them. */
export function parseAddress(text: string, defaultPort?: number): PeerAddress | null {
  const trimmed = text.trim()
  if (trimmed.length === 0 || trimmed.length > 300) return null
  let url: URL
  try {
    url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`)
  } catch {
    return null
  }
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null
  const port = url.port ? Number(url.port) : defaultPort
  if (!port || port < 1 || port > 65535) return null
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port }
}

export function addressText(address: PeerAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`
}

export interface DialState {
  /** The desk last found at this address (known once its certificate was judged). */
  deskId: string | null
  fingerprint: string | null
  problem: LinkProblem | null
  problemDetail: string | null
  lastAttemptAt: string | null
}

export interface Dialer {
  readonly address: string
  readonly state: DialState
  stop(): void
}

export interface DialOptions {
  /** The desk a fingerprint belongs to, if the fleet knows it. */
  deskOf(fingerprint: string): string | null
  /** True while a link to that desk is open (in either direction): no second one is dialed. */
  connectedTo(deskId: string): boolean
  /** Stops dialing (a removed desk syncs with no one). */
  halted(): boolean
  /** Something about this address changed (for the status screen). */
  changed(): void
}

/** Keeps a link to the desk at one address, as long as this desk runs: probe, judge, connect, and again when it drops. */
export function dialPeer(addressTextIn: string, context: LinkContext, options: DialOptions): Dialer {
  const address = parseAddress(addressTextIn)
  const state: DialState = { deskId: null, fingerprint: null, problem: null, problemDetail: null, lastAttemptAt: null }
  let stopped = false
  let socket: ClientSocket | null = null
  let timer: NodeJS.Timeout | null = null
  let delay = RETRY_FIRST_MS

  const note = (problem: LinkProblem | null, detail: string | null = null): void => {
    if (state.problem !== problem || state.problemDetail !== detail) {
      if (problem && problem !== 'unreachable') console.warn(`sync: ${addressTextIn}: ${detail ?? problem}`)
      state.problem = problem
      state.problemDetail = detail
      options.changed()
    }
  }
  const later = (ms: number): void => {
    if (stopped) return
    timer = setTimeout(() => void attempt(), ms)
    timer.unref()
  }
  const retry = (): void => {
    later(delay)
    delay = Math.min(delay * 2, RETRY_MAX_MS)
  }

  const attempt = async (): Promise<void> => {
    timer = null
    if (stopped || !address) return
    if (options.halted()) return later(RETRY_MAX_MS)
    if (state.deskId && options.connectedTo(state.deskId)) return later(RETRY_MAX_MS)
    const fleet = context.fleet()
    if (!fleet) {
      note('no_key', 'this desk has no fleet key yet')
      return later(RETRY_MAX_MS)
    }
    state.lastAttemptAt = new Date().toISOString()
    let probed: ProbedCertificate
    try {
      probed = await probeCertificate(address.host, address.port)
    } catch (err) {
      note('unreachable', (err as Error).message)
      return retry()
    }
    if (stopped) return
    state.fingerprint = probed.fingerprint
    state.deskId = options.deskOf(probed.fingerprint)
    if (probed.fingerprint === context.identity.fingerprint) {
      note('refused', 'this is this desk itself')
      return later(RETRY_MAX_MS)
    }
    if (state.deskId && options.connectedTo(state.deskId)) return later(RETRY_MAX_MS)
    const verdict = context.judge(probed.fingerprint)
    if (verdict === 'removed') {
      note('removed_desk', 'the desk there was removed from the fleet')
      return later(RETRY_MAX_MS)
    }
    if (verdict === 'unknown' && fleet.admission !== 'key') {
      note('unpaired', `its certificate ${probed.fingerprint.slice(0, 16)}… is not paired with this fleet`)
      return later(RETRY_MAX_MS)
    }
    open(fleet, probed, verdict === 'unknown')
  }

  const open = (fleet: Fleet, pinned: ProbedCertificate, admittedByKey: boolean): void => {
    const nonce = randomBytes(24).toString('base64url')
    const auth: Auth = { nonce, fleetId: fleet.id, epoch: fleet.epoch, deskId: context.deskId }
    const s = connect(`https://${addressText(address!)}${SYNC_NAMESPACE}`, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: HANDSHAKE_TIMEOUT_MS,
      ...pinnedTls(context.identity, pinned)
    })
    socket = s
    let opened = false
    const handshakeTimer = setTimeout(() => s.disconnect(), HANDSHAKE_TIMEOUT_MS * 2)
    s.on('refused', (why: { reason?: LinkProblem }) => note(why?.reason ?? 'refused', `the desk at ${addressTextIn} refused this desk (${why?.reason ?? 'refused'})`))
    // Believed only from a desk whose certificate this desk had pinned (a stranger's word would shut a desk out).
    if (!admittedByKey) {
      s.on('removed', () => {
        console.warn(`sync: the desk at ${addressTextIn} says this desk was removed from the fleet`)
        context.removed(state.deskId ?? addressTextIn)
      })
    }
    s.on('challenge', (challenge: Partial<Challenge>, reply: unknown) => {
      if (typeof reply !== 'function') return
      const current = context.fleet()
      if (!current || challenge?.fleetId !== current.id || !isHello(challenge.hello) || challenge.hello.deskId === context.deskId) {
        note('wrong_fleet', `${addressTextIn} is not a desk of this fleet`)
        return void s.disconnect()
      }
      const keyEpoch = challenge.keyEpoch
      const key = typeof keyEpoch === 'number' ? current.keys.get(keyEpoch) : undefined
      if (!key || typeof challenge.nonce !== 'string' || (admittedByKey && keyEpoch !== current.epoch)) {
        note('stale_key', `${addressTextIn} offers a key generation this desk does not hold`)
        return void s.disconnect()
      }
      const transcript: Transcript = {
        fleetId: current.id,
        keyEpoch: keyEpoch!,
        dialerNonce: nonce,
        listenerNonce: challenge.nonce,
        listenerDesk: challenge.hello.deskId,
        dialerDesk: context.deskId,
        listenerFingerprint: pinned.fingerprint,
        dialerFingerprint: context.identity.fingerprint
      }
      if (!sameProof(challenge.proof, mac(key, 'listener', transcript))) {
        note('refused', `${addressTextIn} does not hold this fleet's key`)
        return void s.disconnect()
      }
      const peerHello = challenge.hello
      const channel = new SecureChannel(s, channelKeys(key, transcript, 'dialer'), {
        address: addressTextIn,
        dialer: context.deskId,
        peerName: () => peerHello.deskName,
        onRejected: (rejection, detail) => context.rejected(peerHello.deskId, rejection, detail)
      })
      ;(reply as (answer: Answer) => void)({ proof: mac(key, 'dialer', transcript), hello: context.hello() })
      clearTimeout(handshakeTimer)
      opened = true
      state.deskId = peerHello.deskId
      delay = RETRY_FIRST_MS
      note(null)
      context.opened(channel, {
        deskId: peerHello.deskId,
        fingerprint: pinned.fingerprint,
        certificate: pinned.pem,
        admittedByKey,
        hello: peerHello,
        epoch: typeof challenge.epoch === 'number' ? challenge.epoch : keyEpoch!
      })
    })
    const closed = (err?: Error): void => {
      clearTimeout(handshakeTimer)
      if (socket !== s) return
      socket = null
      s.disconnect()
      if (!opened && err) note('handshake', err.message)
      retry()
    }
    s.on('connect_error', (err) => closed(err))
    s.on('disconnect', () => closed())
  }

  if (!address) state.problem = 'unreachable'
  else void attempt()
  return {
    address: addressTextIn,
    state,
    stop: () => {
      stopped = true
      if (timer) clearTimeout(timer)
      socket?.disconnect()
      socket = null
    }
  }
}
