/**
 * Text people typed or a file carried, made safe to store and show: no NUL or
 * other control characters, no terminal escape sequences, no bidi overrides
 * that reorder what a screen or badge shows, no invisible zero-width filler.
 * Joiners that scripts and emoji need stay: ZWJ (👩🏽‍💻, Devanagari conjuncts),
 * ZWNJ (Persian, Indic), variation selectors and emoji tag sequences.
 */

// ESC [ … final (CSI), ESC ] … BEL/ST (OSC), and two-character ESC sequences; C1 CSI too.
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]?/g
// C0 and C1 controls, DEL; tab, CR and LF are handled apart.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g
// Bidi embeddings/overrides/isolates and marks; zero-width space, word joiner, BOM, soft hyphen,
// invisible operators, Mongolian vowel separator.
const INVISIBLES = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060-\u2064\ufeff\u00ad\u180e]/g

// Printable ASCII has nothing to remove (most cells of most files): a cheap test before the costly passes.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** One line (a name, a company): also tabs and line breaks become single spaces. */
export function cleanLine(value: string): string {
  const text = PRINTABLE_ASCII.test(value) ? value : strip(value)
  return text.replace(/\s+/g, ' ').trim()
}

/** Several lines (notes): line breaks stay, each line is trimmed at its end. */
export function cleanLines(value: string): string {
  return strip(value)
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+$/gm, '')
    .trim()
}

function strip(value: string): string {
  return value.replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, '').replace(INVISIBLES, '').normalize('NFC')
}

const ANY_REMOVED = new RegExp(`${ESCAPE_SEQUENCES.source}|${CONTROLS.source}|${INVISIBLES.source}`)

/** Whether cleaning would remove anything but spacing (the import then warns about it). */
export function hasHiddenCharacters(value: string): boolean {
  return !PRINTABLE_ASCII.test(value) && ANY_REMOVED.test(value)
}

/** Whether a (cleaned) text shows anything: a letter, digit, symbol or punctuation, not only joiners and marks. */
export function hasVisibleText(value: string): boolean {
  return /[\p{L}\p{N}\p{S}\p{P}]/u.test(value)
}
