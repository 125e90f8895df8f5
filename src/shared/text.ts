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
