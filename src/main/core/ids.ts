import { randomInt } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'

/** Globally unique, time-ordered row ids: any desk can create rows offline. */
export function newId(): string {
  return uuidv7()
}

// No 0/O, 1/I/L: a code read aloud or typed from a badge can't be misread.
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const CODE_LENGTH = 6

export function newAttendeeCode(): string {
  let code = ''
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}

/** Normalises what an operator typed or a scanner sent into a code, or null if it can't be one. */
export function normaliseCode(raw: string): string | null {
  const code = raw.toUpperCase().replace(/[\s-]/g, '')
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null
}
