import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

// scrypt N=2^14, r=8, p=1: ~30–60 ms per check on a laptop — cheap for one
// sign-in, expensive for guessing a 4-digit PIN offline from a stolen database.
const N = 16384
const KEY_LENGTH = 32

export function hashPin(pin: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(pin, salt, KEY_LENGTH, { N, r: 8, p: 1 })
  return `scrypt$${N}$${salt.toString('base64')}$${hash.toString('base64')}`
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, n, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: 8, p: 1 })
  return timingSafeEqual(actual, expected)
}
