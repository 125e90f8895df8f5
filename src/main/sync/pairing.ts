/**
 * Pairing a desk into the fleet with a one-time invitation.
 *
 * On the organizer's desk an invitation holds a 23-bit secret, lives 10
 * minutes, admits one desk and dies after 3 wrong attempts; a new one replaces
 * the old. Its short code (src/shared/pairing-code.ts) and QR text are what the
 * screen shows. The joining desk finds the organizer's desk (the QR's
 * addresses, a typed address, or its own network's first two bytes with the
 * code's last two), probes its certificate (checked against the QR's
 * fingerprint when there is one), then both run SPAKE2 over the code on
 * namespace /pair of the organizer's peer server, bound to both certificates.
 * Only when both confirmations match does the organizer's desk pin the
 * newcomer's certificate (fleet_desks, synced: every desk learns it) and send,
 * sealed with the PAKE key, the fleet id and key and its own address and
 * certificate. The newcomer pins those and dials; everything else comes by sync.
 */
import { randomInt } from 'node:crypto'
import { networkInterfaces } from 'node:os'
import type { Namespace, Socket as ServerSocket } from 'socket.io'
import { io as connect } from 'socket.io-client'
import type { TLSSocket } from 'node:tls'
import { canonicalPairingCode, decodePairingCode, decodePairingQr, encodePairingCode, encodePairingQr, SECRET_BITS, type PairingCode } from '../../shared/pairing-code'
import type { Invitation, InvitationStatus } from '../../shared/contract/sync'
import { ApiError } from '../../shared/errors'
import { fingerprintOf, pemOf, type DeskIdentity } from './identity'
import { addressText, parseAddress, pinnedTls, probeCertificate, type ProbedCertificate } from './link'
import { Pake, PakeError, seal, unseal, type PakeKeys } from './pake'

export const PAIR_NAMESPACE = '/pair'
const INVITATION_MS = 10 * 60_000
const MAX_ATTEMPTS = 3
const STEP_TIMEOUT_MS = 10_000
const PROBE_MS = 2_500

export interface Newcomer {
  deskId: string
  deskName: string
  fingerprint: string
  certificate: string
}

/** What the organizer's desk sends a newcomer once both proved the code. */
export interface Welcome {
  fleet: { id: string; epoch: number; key: string }
  /** The newcomer's membership as the organizer's desk recorded it. */
  you: { via: 'invitation'; admittedBy: string; admittedAt: string }
  organizer: { deskId: string; deskName: string; fingerprint: string; certificate: string; addresses: string[]; port: number }
}

interface OpenInvitation {
  code: PairingCode
  text: string
  expiresAt: number
  attempts: number
  state: InvitationStatus['state']
  joined: InvitationStatus['joined']
}

export interface HostContext {
  identity: DeskIdentity
  /** Pins the newcomer (fleet_desks) and answers what it needs. */
  admit(newcomer: Newcomer): Promise<Welcome>
  changed(): void
}

/** The organizer's side: the current invitation and the /pair namespace. */
export class PairingHost {
  private invitation: OpenInvitation | null = null

  constructor(private readonly context: HostContext) {}

  create(where: { addresses: string[]; port: number; deskName: string }): Invitation {
    const primary = where.addresses.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ?? '127.0.0.1'
    const [, , h1, h2] = primary.split('.').map(Number)
    const code: PairingCode = { hostLow: [h1!, h2!], port: where.port, secret: randomInt(0, 2 ** SECRET_BITS) }
    const text = encodePairingCode(code)
    const expiresAt = Date.now() + INVITATION_MS
    this.invitation = { code, text, expiresAt, attempts: 0, state: 'open', joined: null }
    this.context.changed()
    return {
      code: text,
      qr: encodePairingQr({ code: text, fingerprint: this.context.identity.fingerprint, addresses: where.addresses, port: where.port }),
      expiresAt: new Date(expiresAt).toISOString(),
      deskName: where.deskName,
      addresses: where.addresses,
      port: where.port,
      fingerprint: this.context.identity.fingerprint
    }
  }

  cancel(): void {
    if (this.invitation?.state === 'open') this.invitation.state = 'cancelled'
    this.context.changed()
  }

  status(): InvitationStatus | null {
    const inv = this.invitation
    if (!inv) return null
    if (inv.state === 'open' && Date.now() > inv.expiresAt) inv.state = 'expired'
    return { code: inv.text, expiresAt: new Date(inv.expiresAt).toISOString(), state: inv.state, attempts: inv.attempts, joined: inv.joined }
  }

  listen(namespace: Namespace): void {
    namespace.on('connection', (socket) => this.serve(socket))
  }

  private serve(socket: ServerSocket): void {
    const cert = (socket.request.socket as Partial<TLSSocket>).getPeerCertificate?.()
    if (!cert?.raw) return void socket.disconnect(true)
    const joiner = fingerprintOf(cert.raw)
    const where = socket.handshake.address
    let keys: PakeKeys | null = null
    let desk: { id: string; name: string } | null = null
    const timer = setTimeout(() => socket.disconnect(true), STEP_TIMEOUT_MS * 3)
    socket.on('disconnect', () => clearTimeout(timer))

    socket.on('pake', (message: { element?: unknown; deskId?: unknown; deskName?: unknown }, reply: unknown) => {
      if (typeof reply !== 'function' || keys) return
      const answer = reply as (a: unknown) => void
      const inv = this.invitation
      const state = this.status()?.state
      if (!inv || state !== 'open') return answer({ error: state === 'expired' ? 'expired' : 'no_invitation' })
      if (typeof message?.deskId !== 'string' || typeof message.deskName !== 'string' || message.deskId.length > 100) return answer({ error: 'malformed' })
      inv.attempts++
      if (inv.attempts >= MAX_ATTEMPTS) inv.state = 'burned' // this attempt may still succeed; none after it
      try {
        const pake = new Pake('organizer', canonicalPairingCode(inv.code))
        keys = pake.finish(message.element, { joiner, organizer: this.context.identity.fingerprint })
        desk = { id: message.deskId, name: message.deskName.slice(0, 60) }
        answer({ element: pake.start(), confirmation: keys.confirmation })
      } catch (err) {
        answer({ error: err instanceof PakeError ? 'malformed' : 'failed' })
      }
      this.context.changed()
    })

    socket.on('confirm', (message: { confirmation?: unknown }, reply: unknown) => {
      if (typeof reply !== 'function' || !keys || !desk) return
      const answer = reply as (a: unknown) => void
      const inv = this.invitation
      if (!keys.confirms(message?.confirmation)) {
        console.warn(`sync: a wrong pairing code was tried from ${where} (attempt ${inv?.attempts ?? '?'} of ${MAX_ATTEMPTS})`)
        this.context.changed()
        return answer({ error: 'wrong_code' })
      }
      if (!inv || inv.joined || inv.state === 'cancelled' || inv.state === 'used' || Date.now() > inv.expiresAt) return answer({ error: 'expired' })
      inv.state = 'used'
      inv.joined = { deskId: desk.id, deskName: desk.name }
      const payloadKey = keys.payloadKey
      this.context
        .admit({ deskId: desk.id, deskName: desk.name, fingerprint: joiner, certificate: pemOf(cert.raw) })
        .then(
          (welcome) => {
            console.log(`sync: desk ${desk!.name} (${desk!.id}) joined the fleet from ${where}`)
            answer({ sealed: seal(payloadKey, welcome) })
          },
          (err: unknown) => {
            console.error('sync: admitting a desk failed', err)
            answer({ error: 'failed' })
          }
        )
        .finally(() => this.context.changed())
    })
  }
}

/** What the joining desk was given: a typed code (with maybe an address) or a scanned QR text. */
export interface JoinInput {
  code?: string
  qr?: string
  address?: string
}

export const codeIssue = (key: string, message: string) =>
  new ApiError('invalid_input', message, { key: 'invalidField', issues: [{ path: 'code', message, key }] })

/** The places to look for the organizer's desk, best first. */
export function candidateAddresses(code: PairingCode, extra: { qrAddresses?: string[]; typed?: string }): string[] {
  const out: string[] = []
  const add = (host: string, port = code.port) => {
    const text = addressText({ host, port })
    if (!out.includes(text)) out.push(text)
  }
  if (extra.typed) {
    const parsed = parseAddress(extra.typed, code.port)
    if (parsed) add(parsed.host, parsed.port)
  }
  for (const a of extra.qrAddresses ?? []) add(a)
  const [h1, h2] = code.hostLow
  // Loopback first: a desk on this machine answers at once, and a miss there costs nothing on the network.
  const own = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4')
    .sort((a, b) => Number(b.internal) - Number(a.internal))
  for (const i of own) {
    const [a, b] = i.address.split('.')
    add(`${a}.${b}.${h1}.${h2}`)
  }
  return out
}

export interface JoinOutcome {
  welcome: Welcome
  address: string
  pinned: ProbedCertificate
}

/**
 * The joining desk's side: find the organizer's desk, run the PAKE, open the
 * welcome. Throws ApiError with a key the screen translates.
 */
export async function joinWithInvitation(
  input: JoinInput,
  self: { identity: DeskIdentity; deskId: string; deskName: string }
): Promise<JoinOutcome> {
  let code: PairingCode
  let expectedFingerprint: string | null = null
  let qrAddresses: string[] = []
  if (input.qr) {
    const qr = decodePairingQr(input.qr)
    if (!qr) throw codeIssue('pairingQrInvalid', 'This is not an EventDesk pairing QR code')
    const decoded = decodePairingCode(qr.code)
    if ('problem' in decoded) throw codeIssue('pairingQrInvalid', 'This is not an EventDesk pairing QR code')
    code = decoded
    expectedFingerprint = qr.fingerprint
    qrAddresses = qr.addresses
  } else {
    const decoded = decodePairingCode(input.code ?? '')
    if ('problem' in decoded) {
      throw decoded.problem === 'checksum'
        ? codeIssue('pairingCodeTypo', 'The code has a typing error: check it against the organizer’s screen')
        : codeIssue('pairingCodeFormat', 'Type the 12 characters of the pairing code, like K7PX-3MQ2-9HTR')
    }
    code = decoded
  }
  const password = canonicalPairingCode(code)
  const candidates = candidateAddresses(code, { qrAddresses, typed: input.address })
  let sawWrongFingerprint = false
  for (const candidate of candidates) {
    const address = parseAddress(candidate)!
    let probed: ProbedCertificate
    try {
      probed = await probeCertificate(address.host, address.port, PROBE_MS)
    } catch {
      continue
    }
    if (probed.fingerprint === self.identity.fingerprint) continue
    if (expectedFingerprint && probed.fingerprint !== expectedFingerprint) {
      sawWrongFingerprint = true
      console.warn(`sync: ${candidate} shows certificate ${probed.fingerprint.slice(0, 16)}…, not the one in the QR code`)
      continue
    }
    const welcome = await runPake(candidate, probed, password, self)
    return { welcome, address: candidate, pinned: probed }
  }
  if (sawWrongFingerprint) {
    throw new ApiError('conflict', 'The desk found there is not the one in the QR code (its certificate differs)', { key: 'pairingFingerprintMismatch' })
  }
  throw new ApiError('not_found', 'No desk answered at the address in the code: type the organizer desk’s address too', { key: 'pairingDeskNotFound' })
}

async function runPake(
  address: string,
  pinned: ProbedCertificate,
  password: string,
  self: { identity: DeskIdentity; deskId: string; deskName: string }
): Promise<Welcome> {
  const socket = connect(`https://${address}${PAIR_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: STEP_TIMEOUT_MS,
    ...pinnedTls(self.identity, pinned)
  })
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve())
      socket.once('connect_error', (err) => reject(err))
    })
    const pake = new Pake('joiner', password)
    const first = (await socket.timeout(STEP_TIMEOUT_MS).emitWithAck('pake', { element: pake.start(), deskId: self.deskId, deskName: self.deskName })) as {
      element?: unknown
      confirmation?: unknown
      error?: string
    }
    if (first.error) throw refusal(first.error)
    const keys = pake.finish(first.element, { joiner: self.identity.fingerprint, organizer: pinned.fingerprint })
    if (!keys.confirms(first.confirmation)) {
      // Either a typo the check character missed, or not the organizer's desk: tell it nothing more.
      throw refusal('wrong_code')
    }
    const second = (await socket.timeout(STEP_TIMEOUT_MS).emitWithAck('confirm', { confirmation: keys.confirmation })) as { sealed?: unknown; error?: string }
    if (second.error) throw refusal(second.error)
    const welcome = unseal(keys.payloadKey, second.sealed) as Welcome
    if (welcome.organizer.fingerprint !== pinned.fingerprint) throw refusal('failed')
    return welcome
  } catch (err) {
    if (err instanceof ApiError) throw err
    if (err instanceof PakeError) throw refusal('wrong_code')
    throw new ApiError('not_found', `Pairing with ${address} failed: ${(err as Error).message}`, { key: 'pairingFailed' })
  } finally {
    socket.disconnect()
  }
}

function refusal(reason: string): ApiError {
  switch (reason) {
    case 'wrong_code':
      return new ApiError('forbidden', 'The code does not match the invitation on the organizer’s desk', { key: 'pairingCodeWrong' })
    case 'expired':
    case 'no_invitation':
      return new ApiError('conflict', 'This invitation has expired or was used: make a new one on the organizer’s desk', { key: 'pairingInvitationGone' })
    default:
      return new ApiError('internal', 'Pairing failed on the organizer’s desk', { key: 'pairingFailed' })
  }
}
