/**
 * Checks for translation files: every key of the English file in every
 * language (plural keys in each of the language's plural forms), nothing
 * empty, the same {{placeholders}} as English. Pure, so the test can show
 * they catch what they are meant to catch.
 */

export type Tree = { [key: string]: string | Tree }

export function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))].sort()
}

const PLURAL = /_(zero|one|two|few|many|other)$/

/** The plural forms i18next asks for in `language` (what Intl.PluralRules knows). */
export function pluralForms(language: string): string[] {
  return [...new Intl.PluralRules(language).resolvedOptions().pluralCategories]
}

/** The keys `language` must have, given the English keys: plural keys in each of its plural forms. */
export function expectedKeys(english: Map<string, string>, language: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, text] of english) {
    if (!PLURAL.test(key)) out.set(key, text)
    else {
      const base = key.replace(PLURAL, '')
      // A plural form's placeholders are those of the English "other" form.
      const other = english.get(`${base}_other`) ?? text
      for (const form of pluralForms(language)) out.set(`${base}_${form}`, other)
    }
  }
  return out
}

/** What is wrong with one language's file, as readable lines (empty when nothing is). */
export function problems(english: Tree, translated: Tree, language: string): string[] {
  const want = expectedKeys(flatten(english), language)
  const have = flatten(translated)
  const out: string[] = []
  for (const key of want.keys()) if (!have.has(key)) out.push(`missing ${key}`)
  for (const key of have.keys()) if (!want.has(key)) out.push(`not in English: ${key}`)
  for (const [key, text] of have) {
    if (text.trim() === '') out.push(`empty ${key}`)
    const source = want.get(key)
    if (source !== undefined && placeholders(source).join() !== placeholders(text).join()) {
      out.push(`placeholders of ${key}: ${placeholders(text).join(', ') || 'none'} instead of ${placeholders(source).join(', ')}`)
    }
  }
  return out
}

/** The text at a dotted path, or undefined. */
export function at(tree: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of path.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

/**
 * The message keys in TypeScript source: `key: 'x'` literals (also both arms of
 * `key: a ? 'x' : 'y'`), and whether they name a field issue (the object has a
 * `path`) or the error itself. `${…}` templates are returned with their prefix.
 */
export function messageKeys(source: string): { key: string; field: boolean }[] {
  const out: { key: string; field: boolean }[] = []
  for (const line of source.split('\n')) {
    for (const match of line.matchAll(/\bkey:\s*([^,}]+)/g)) {
      // The literal itself or the arms of a ternary; not `text('key')` (a drizzle column) nor `=== 'string'`.
      const expression = match[1]!.replace(/[!=]==?\s*'[^']*'/g, '')
      const field = /\bpath\s*[:,]/.test(line)
      for (const literal of expression.matchAll(/(?:^|[?:]\s*)(?:'([\w.]+)'|`([\w.]+)\$\{)/g)) out.push({ key: literal[1] ?? `${literal[2]}*`, field })
    }
  }
  return out
}

/** The string literals of a TypeScript union named `name` (`type X = 'a' | 'b'`, or a property `name: 'a' | 'b'`). */
export function unionLiterals(source: string, name: string): string[] {
  const match = new RegExp(`\\b${name}\\b\\s*[:=]\\s*((?:\\s*\\|?\\s*'[^']+')+)`).exec(source)
  return match ? [...match[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!) : []
}
