/** The pairing code field: formatting as it is typed, and the instant check of its check character. */
import { decodePairingCode, PAIRING_CODE_LENGTH } from '../../../../shared/pairing-code'

export const QR_PREFIX = 'eventdesk:pair?'

/** The text of a scanned pairing QR code (a keyboard-wedge scanner types it into the field), or null. */
export function scannedQr(value: string): string | null {
  return value.toLowerCase().startsWith(QR_PREFIX) ? QR_PREFIX + value.slice(QR_PREFIX.length) : null
}

/** What was typed, as XXXX-XXXX-XXXX; a scanned QR text (even half-way through arriving) stays as it is. */
export function formatCode(typed: string): string {
  const qr = scannedQr(typed)
  if (qr) return qr
  if (typed.length > 1 && QR_PREFIX.startsWith(typed.toLowerCase())) return typed
  const clean = typed.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, PAIRING_CODE_LENGTH)
  return (clean.match(/.{1,4}/g) ?? []).join('-')
}

export type CodeProblem = 'pairingCodeTypo' | 'pairingCodeCharacters'

/** What is wrong with a complete code (null while it is fine, or not complete yet). */
export function codeProblem(code: string): CodeProblem | null {
  if (scannedQr(code) || code.replace(/-/g, '').length < PAIRING_CODE_LENGTH) return null
  const decoded = decodePairingCode(code)
  if (!('problem' in decoded)) return null
  return decoded.problem === 'checksum' ? 'pairingCodeTypo' : 'pairingCodeCharacters'
}

export function codeComplete(code: string): boolean {
  return scannedQr(code) !== null || code.replace(/-/g, '').length === PAIRING_CODE_LENGTH
}
