/**
 * SPAKE2 (Abdalla–Pointcheval) over the 2048-bit MODP group of RFC 3526, for
 * pairing with a short typed secret. Each side sends one group element; both
 * derive the same key only if they used the same password. Someone who watches
 * learns nothing, and an impostor (in the middle, or pretending to be either
 * desk) gets exactly one guess per run: the exchange gives nothing to test
 * other guesses against offline. The key is confirmed in both directions and
 * bound to both desks' TLS certificate fingerprints, so a relay that terminates
 * TLS on its own certificates fails the confirmation.
 *
 * Group: safe prime p = 2q + 1, p ≡ 7 (mod 8), so g = 2 generates the subgroup
 * of order q. M and N are hashed into that subgroup (a square of a hash), so no
 * one knows their logarithms.
 */
import { createCipheriv, createDecipheriv, createDiffieHellman, createHash, createHmac, getDiffieHellman, randomBytes, timingSafeEqual } from 'node:crypto'

const P = BigInt('0x' + getDiffieHellman('modp14').getPrime('hex'))
const Q = (P - 1n) / 2n
const G = 2n
const BYTES = 256

/**
 * base^exponent mod p, by OpenSSL (a Diffie-Hellman "secret" is exactly that):
 * 2048-bit powers in BigInt took ~25 ms each, six of them per pairing.
 */
function modPow(base: bigint, exponent: bigint): bigint {
  const dh = createDiffieHellman(toBytes(P), toBytes(G))
  dh.setPrivateKey(toBytes(exponent))
  return toBigInt(dh.computeSecret(toBytes(base % P)))
}

function toBigInt(bytes: Buffer): bigint {
  return BigInt('0x' + (bytes.length ? bytes.toString('hex') : '0'))
}

function toBytes(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(BYTES * 2, '0'), 'hex')
}

/** A subgroup element from a label: a long hash, reduced, squared. */
function hashToGroup(label: string): bigint {
  const blocks = [0, 1, 2, 3, 4].map((i) => createHash('sha512').update(`${label}|${i}`).digest())
  const root = toBigInt(Buffer.concat(blocks)) % P
  const element = (root * root) % P
  if (element <= 1n) throw new Error('degenerate group element')
  return element
}

const M = hashToGroup('EventDesk SPAKE2 M')
const N = hashToGroup('EventDesk SPAKE2 N')

function randomScalar(): bigint {
  return (toBigInt(randomBytes(40)) % (Q - 1n)) + 1n
}

function passwordScalar(password: string): bigint {
  return toBigInt(createHash('sha512').update('EventDesk SPAKE2 password|').update(password).digest()) % Q
}

/** A peer's element: in range and in the subgroup of order q (never 1). */
function checkElement(value: bigint): void {
  // value^q = 1, as value^(q−1)·value (OpenSSL takes exponents below q only).
  if (value <= 1n || value >= P - 1n || (modPow(value, Q - 1n) * value) % P !== 1n) throw new PakeError('not a valid group element')
}

export class PakeError extends Error {}

export type PakeRole = 'joiner' | 'organizer'

export interface PakeKeys {
  /** What this side sends to prove it derived the key. */
  confirmation: string
  /** Checks the other side's confirmation. */
  confirms(theirs: unknown): boolean
  /** A key for the payload sent after confirmation (AES-256-GCM). */
  payloadKey: Buffer
}

/**
 * One side of one run. `start()` gives the element to send; `finish()` takes
 * the other side's element and both desks' certificate fingerprints.
 */
export class Pake {
  private readonly scalar = randomScalar()
  private readonly w: bigint
  private readonly mine: bigint

  constructor(
    private readonly role: PakeRole,
    password: string
  ) {
    this.w = passwordScalar(password)
    const blind = modPow(role === 'joiner' ? M : N, this.w)
    this.mine = (modPow(G, this.scalar) * blind) % P
  }

  start(): string {
    return toBytes(this.mine).toString('base64url')
  }

  finish(theirsText: unknown, fingerprints: { joiner: string; organizer: string }): PakeKeys {
    if (typeof theirsText !== 'string' || theirsText.length > 400) throw new PakeError('not a group element')
    const theirs = toBigInt(Buffer.from(theirsText, 'base64url'))
    checkElement(theirs)
    // Remove their blinding (M^w from a joiner, N^w from an organizer): x^(q−w) = x^(−w) in the subgroup.
    const unblind = modPow(this.role === 'joiner' ? N : M, Q - this.w)
    const shared = modPow((theirs * unblind) % P, this.scalar)
    const [joinerElement, organizerElement] = this.role === 'joiner' ? [this.mine, theirs] : [theirs, this.mine]
    const transcript = createHash('sha256')
    for (const part of [
      'EventDesk SPAKE2 v1',
      fingerprints.joiner,
      fingerprints.organizer,
      toBytes(joinerElement).toString('hex'),
      toBytes(organizerElement).toString('hex'),
      toBytes(shared).toString('hex'),
      this.w.toString(16)
    ]) {
      transcript.update(String(part.length)).update(':').update(part)
    }
    const key = transcript.digest()
    const confirm = (who: PakeRole) => createHmac('sha256', key).update(`confirm ${who}`).digest('base64url')
    const other: PakeRole = this.role === 'joiner' ? 'organizer' : 'joiner'
    return {
      confirmation: confirm(this.role),
      confirms: (theirConfirmation) => {
        const expected = Buffer.from(confirm(other))
        return typeof theirConfirmation === 'string' && theirConfirmation.length === expected.length && timingSafeEqual(Buffer.from(theirConfirmation), expected)
      },
      payloadKey: createHmac('sha256', key).update('payload').digest()
    }
  }
}

/** The payload after confirmation, sealed with the run's key (AES-256-GCM): unreadable to anyone who did not derive it. */
export function seal(key: Buffer, value: unknown): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

export function unseal(key: Buffer, sealed: unknown): unknown {
  if (typeof sealed !== 'string') throw new PakeError('nothing sealed')
  const data = Buffer.from(sealed, 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12))
  decipher.setAuthTag(data.subarray(12, 28))
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8')) as unknown
}
