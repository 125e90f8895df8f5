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

/** How German, Danish and Norwegian write these letters out on a keyboard without them. */
const WRITTEN_OUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', å: 'aa', æ: 'ae' }
const WRITTEN_OUT_RE = /[äöüøåæ]/g
/** A written-out umlaut read back as the plain vowel (Mueller → muller, Baekkelund → bakkelund); not a final e (Zoe). */
const COLLAPSIBLE_RE = /([aou])e(?=\p{L})/gu

/**
 * Other spellings of a name's words, folded: Müller also as "mueller", Ødegård
 * as "oedegaard", and a name written out (Mueller) also as "muller" — so each
 * is found however the desk types it. Only spellings that differ from the
 * folded words; empty for most names.
 */
export function otherSpellings(name: string): string[] {
  const folded = new Set(searchTokens(name, 32))
  const written = searchTokens(name.toLowerCase().replace(WRITTEN_OUT_RE, (c) => WRITTEN_OUT[c] ?? c), 32)
  const collapsed = [...folded].filter((w) => /[aou]e\p{L}/u.test(w)).map((w) => w.replace(COLLAPSIBLE_RE, '$1'))
  return [...new Set([...written, ...collapsed])].filter((w) => !folded.has(w))
}

/** Words this long or longer forgive one typo: shorter ones would match too many other names. */
export const TYPO_MIN_LENGTH = 5

/**
 * A word with each of its letters left out in turn. Two words one typo apart
 * (a letter missing, extra, wrong or two swapped) share the word or one of
 * these, so indexing them for names and asking them for the query finds the
 * person without comparing against every name.
 */
export function deletions(word: string): string[] {
  const out = new Set<string>()
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1))
  out.delete(word)
  return [...out]
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
