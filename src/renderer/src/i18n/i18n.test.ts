import { describe, expect, it } from 'vitest'
import de from './de.json'
import en from './en.json'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort()
}

const files = { en: flatten(en as Tree), de: flatten(de as Tree) }

describe('UI translations', () => {
  it('English and German have exactly the same keys', () => {
    const enKeys = [...files.en.keys()].sort()
    const deKeys = [...files.de.keys()].sort()
    expect(deKeys.filter((k) => !files.en.has(k))).toEqual([])
    expect(enKeys.filter((k) => !files.de.has(k))).toEqual([])
    expect(deKeys).toEqual(enKeys)
  })

  it('has no empty values', () => {
    for (const [lang, map] of Object.entries(files)) {
      const empty = [...map].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`)
      expect(empty).toEqual([])
    }
  })

  it('uses the same {{placeholders}} in both languages', () => {
    const mismatched = [...files.en]
      .filter(([key, text]) => placeholders(text).join() !== placeholders(files.de.get(key) ?? '').join())
      .map(([key]) => key)
    expect(mismatched).toEqual([])
  })
})
