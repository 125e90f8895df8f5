/**
 * The short pairing code a person types on a joining desk: 12 characters of
 * Crockford's base32 (no I, L, O, U; typed I/L read as 1 and O as 0, any case,
 * dashes and spaces ignored), shown as XXXX-XXXX-XXXX. Eleven characters carry
 * 55 bits — the last two bytes of the organizer desk's IPv4 address, its peer
 * port and a 23-bit one-time secret — and the twelfth is a check character that
 * catches every single mistyped character and every swap of two neighbours
 * among the first eleven.
 *
 * The joining desk completes the address with the first two bytes of its own
 * network (both desks are on the venue LAN), or with an address typed beside
 * the code. The secret is short because it never travels: it is the password
 * of a PAKE (src/main/sync/pake.ts), so a listener learns nothing from the
 * exchange and an impostor gets one guess per attempt.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const DATA_SYMBOLS = 11
export const PAIRING_CODE_LENGTH = DATA_SYMBOLS + 1
export const SECRET_BITS = 23

export interface PairingCode {
  /** Last two bytes of the organizer desk's IPv4 address (e.g. 1.20 of 192.168.1.20). */
  hostLow: [number, number]
  port: number
  /** 0 … 2^23 − 1. */
  secret: number
}

/** Multiplication in GF(32) (x^5 + x^2 + 1): the check character is a weighted sum there. */
function gfMul(a: number, b: number): number {
  let product = 0
  for (let i = 0; i < 5; i++) {
    if (b & (1 << i)) product ^= a << i
  }
  for (let bit = 8; bit >= 5; bit--) {
    if (product & (1 << bit)) product ^= 0b100101 << (bit - 5)
  }
  return product
}

/** Σ α^(i+1)·d_i over GF(32) with α = 2: distinct non-zero weights, so one wrong symbol or one swap of neighbours changes it. */
function checkSymbol(symbols: readonly number[]): number {
  let sum = 0
  let weight = 1
  for (const s of symbols) {
    weight = gfMul(weight, 2)
    sum ^= gfMul(weight, s)
  }
  return sum
}

export function encodePairingCode(code: PairingCode): string {
  const [h1, h2] = code.hostLow
  let value = (BigInt(h1) << 47n) | (BigInt(h2) << 39n) | (BigInt(code.port) << 23n) | BigInt(code.secret)
  const symbols: number[] = []
  for (let i = 0; i < DATA_SYMBOLS; i++) {
    symbols.unshift(Number(value & 31n))
    value >>= 5n
  }
  symbols.push(checkSymbol(symbols))
  const text = symbols.map((s) => ALPHABET[s]).join('')
  return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8)}`
}

export type PairingCodeProblem = 'length' | 'character' | 'checksum'

/** The code as typed, read back; or what is wrong with it (for a field message). */
export function decodePairingCode(typed: string): PairingCode | { problem: PairingCodeProblem } {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (clean.length !== PAIRING_CODE_LENGTH) return { problem: 'length' }
  const symbols = [...clean].map((c) => ALPHABET.indexOf(c))
  if (symbols.some((s) => s < 0)) return { problem: 'character' }
  if (checkSymbol(symbols.slice(0, DATA_SYMBOLS)) !== symbols[DATA_SYMBOLS]) return { problem: 'checksum' }
  let value = 0n
  for (const s of symbols.slice(0, DATA_SYMBOLS)) value = (value << 5n) | BigInt(s)
  return {
    hostLow: [Number((value >> 47n) & 255n), Number((value >> 39n) & 255n)],
    port: Number((value >> 23n) & 0xffffn),
    secret: Number(value & BigInt((1 << SECRET_BITS) - 1))
  }
}

/** The code's canonical text (no dashes, upper case), for hashing into the PAKE password. */
export function canonicalPairingCode(code: PairingCode): string {
  return encodePairingCode(code).replace(/-/g, '')
}

/** What the QR code on the organizer's screen holds: the short code plus everything it leaves out. */
export interface PairingQr {
  code: string
  /** SHA-256 of the organizer desk's certificate, hex. */
  fingerprint: string
  addresses: string[]
  port: number
}

const QR_PREFIX = 'eventdesk:pair?'

export function encodePairingQr(qr: PairingQr): string {
  const params = new URLSearchParams({ v: '1', code: qr.code.replace(/-/g, ''), fp: qr.fingerprint, port: String(qr.port), addr: qr.addresses.join(',') })
  return QR_PREFIX + params.toString()
}

export function decodePairingQr(text: string): PairingQr | null {
  if (!text.startsWith(QR_PREFIX)) return null
  const params = new URLSearchParams(text.slice(QR_PREFIX.length))
  const fingerprint = params.get('fp') ?? ''
  const port = Number(params.get('port'))
  const code = params.get('code')
  if (params.get('v') !== '1' || !code || !/^[0-9a-f]{64}$/.test(fingerprint) || !Number.isInteger(port) || port < 1 || port > 65535) return null
  const addresses = (params.get('addr') ?? '').split(',').filter((a) => a.length > 0 && a.length <= 100).slice(0, 16)
  return { code, fingerprint, addresses, port }
}
