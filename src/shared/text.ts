// Accent- and case-folding for search. NFKD strips combining marks (é→e, ü→u);
// the table covers letters that have no decomposition (ł, ø, ß…), so "Łukasz"
// is found by typing "lukasz" on any keyboard.
const EXTRA_FOLDS: Record<string, string> = {
  ł: 'l', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ħ: 'h', ŧ: 't'
}
const EXTRA_RE = /[łøđðþßæœıħŧ]/g
const MARKS_RE = /\p{M}+/gu

const ASCII_RE = /^[\x00-\x7f]*$/

export function foldText(value: string): string {
  // Most names and e-mails are plain ASCII: skip Unicode normalisation for them.
  if (ASCII_RE.test(value)) return value.toLowerCase()
  return value.normalize('NFKD').replace(MARKS_RE, '').toLowerCase().replace(EXTRA_RE, (c) => EXTRA_FOLDS[c] ?? c)
}

/** Letter/number runs of folded text: the only part of user input that reaches an FTS query. */
export function searchTokens(value: string, maxTokens = 8): string[] {
  return (foldText(value).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, maxTokens).map((t) => t.slice(0, 64))
}

const CONTROL_RE = /[\u0000-\u001f\u007f]/g

/**
 * A key whose byte order (SQLite's BINARY collation) lists people as the
 * Unicode root collation does for Latin names, which is what English, German,
 * French, Dutch and Italian give: last name, then first name, without regard
 * to accents and case (Sánchez with Sanchez, Öztürk and Ødegård with O,
 * Łukasiewicz with L, ß as ss); names equal so far by their accents, then
 * case, then id, so every desk lists them in the same order. Polish (ł after
 * l) and Spanish (ñ after n) tailor a few letters of their own; one key shared
 * by all desks and languages follows the root order.
 */
export function nameSortKey(lastName: string, firstName: string, id: string): string {
  const last = lastName.replace(CONTROL_RE, '')
  const first = firstName.replace(CONTROL_RE, '')
  // \u0001 ends a name and \u0002 a level: both sort below any character a name keeps.
  const primary = `${foldText(last)}\u0001${foldText(first)}`
  const accents = `${last}\u0001${first}`.toLowerCase().normalize('NFD')
  return `${primary}\u0002${accents}\u0002${last}\u0001${first}\u0002${id}`
}
