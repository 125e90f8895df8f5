import { randomBytes } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'

// One 4 KiB read from the OS CSPRNG serves hundreds of ids: a 50,000-row
// import would otherwise spend a quarter of a second in per-id random calls.
const POOL_SIZE = 4096
let pool = randomBytes(POOL_SIZE)
let offset = 0

function pooledRandom(length: number): Uint8Array {
  if (offset + length > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE)
    offset = 0
  }
  const bytes = pool.subarray(offset, offset + length)
  offset += length
  return bytes
}

/** Globally unique, time-ordered row ids (UUIDv7): any desk can create rows offline. */
export function newId(): string {
  return uuidv7({ rng: () => pooledRandom(16) })
}

// No 0/O, 1/I/L: a code read aloud or typed from a badge can't be misread.
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const CODE_LENGTH = 6
// Bytes at or above this would make some letters likelier than others.
const UNBIASED_LIMIT = 256 - (256 % CODE_ALPHABET.length)

export function newAttendeeCode(): string {
  let code = ''
  while (code.length < CODE_LENGTH) {
    const byte = pooledRandom(1)[0]!
    if (byte < UNBIASED_LIMIT) code += CODE_ALPHABET[byte % CODE_ALPHABET.length]
  }
  return code
}

/** Normalises what an operator typed or a scanner sent into a code, or null if it can't be one. */
export function normaliseCode(raw: string): string | null {
  const code = raw.toUpperCase().replace(/[\s-]/g, '')
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null
}
