/**
 * E-mail addresses as people have them (RFC 6531 / IDNA): `josé.müller@example.org`,
 * `info@müller-söhne.de`, `ivan@пример.рф` are addresses; `jose(at)example.org`,
 * `anna@@example.com` and `no-at-sign.example.org` are not. Quoted local parts
 * and IP-literal domains are refused: no mail system a desk deals with uses them.
 * Linear time on any input (no regular expression that can backtrack).
 */

const MAX_ADDRESS = 254
const MAX_LOCAL = 64
const MAX_LABEL = 63
// dot-atom text: letters, marks and digits of any script, and RFC 5322 atext symbols.
const LOCAL_ATOM = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+$/u
const LABEL = /^[\p{L}\p{M}\p{N}-]+$/u

/** The form an address is stored and compared in: trimmed, NFC, lower case. */
export function normaliseEmail(value: string): string {
  const trimmed = value.trim()
  return (/^[\x20-\x7e]*$/.test(trimmed) ? trimmed : trimmed.normalize('NFC')).toLowerCase()
}

export function isEmailAddress(value: string): boolean {
  if (value.length === 0 || value.length > MAX_ADDRESS) return false
  const at = value.indexOf('@')
  if (at <= 0 || at !== value.lastIndexOf('@')) return false
  const local = value.slice(0, at)
  const domain = value.slice(at + 1)
  if (local.length > MAX_LOCAL || !local.split('.').every((atom) => LOCAL_ATOM.test(atom))) return false
  const labels = domain.split('.')
  if (labels.length < 2) return false
  for (const label of labels) {
    if (label.length === 0 || label.length > MAX_LABEL || !LABEL.test(label)) return false
    if (label.startsWith('-') || label.endsWith('-')) return false
  }
  const tld = labels[labels.length - 1]!
  return tld.length >= 2 && !/^\d+$/.test(tld)
}
