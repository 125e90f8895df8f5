/** Attendee codes as typed at the desk. */

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{6}$`, 'i')

/** Six characters of the code alphabet, any case: Enter checks in by code. */
export function looksLikeCode(text: string): boolean {
  return CODE_RE.test(text.trim())
}
