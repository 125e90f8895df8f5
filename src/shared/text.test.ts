import { describe, expect, it } from 'vitest'
import { foldText, nameSortKey, searchTokens } from './text'

describe('foldText', () => {
  it('folds accents, case and letters without a decomposition', () => {
    expect(foldText('Łukasz Wiśniewski')).toBe('lukasz wisniewski')
    expect(foldText('Søren Ødegård')).toBe('soren odegard')
    expect(foldText('Jürgen Groß')).toBe('jurgen gross')
    expect(foldText('Æsir Œuvre')).toBe('aesir oeuvre')
    expect(foldText('ＡＢＣ')).toBe('abc') // full-width letters (NFKD)
    expect(foldText('plain ascii')).toBe('plain ascii')
  })
})

describe('searchTokens', () => {
  it('keeps only letter and number runs, at most 8 of at most 64 characters', () => {
    expect(searchTokens('"anna" AND -müller*')).toEqual(['anna', 'and', 'muller'])
    expect(searchTokens('😀 <script>')).toEqual(['script'])
    expect(searchTokens('a b c d e f g h i j')).toHaveLength(8)
    expect(searchTokens('x'.repeat(100))[0]).toHaveLength(64)
    expect(searchTokens('王 小明')).toEqual(['王', '小明'])
    expect(searchTokens('   ')).toEqual([])
  })
})

describe('nameSortKey', () => {
  const utf8 = new TextEncoder()
  /** Byte order of the UTF-8 text, as SQLite's BINARY collation compares it. */
  const byteOrder = (a: string, b: string): number => {
    const x = utf8.encode(a)
    const y = utf8.encode(b)
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
    return x.length - y.length
  }
  const byKey = (names: [string, string][]) =>
    names
      .map(([last, first], i) => ({ name: `${last}, ${first}`, key: nameSortKey(last, first, `id-${i}`) }))
      .sort((a, b) => byteOrder(a.key, b.key))
      .map((n) => n.name)

  it('orders accented and special Latin letters with their base letters', () => {
    const names: [string, string][] = [
      ['Suzuki', 'Aiko'], ['Sánchez', 'Lucía'], ['Öztürk', 'Emre'], ['Ødegård', 'Ingrid'], ['Łukasiewicz', 'Jan'],
      ['Ähnlich', 'Anna'], ['Zimmermann', 'Paul'], ['Lopez', 'Ana'], ['Ortiz', 'Rosa'], ['Sanders', 'Tom']
    ]
    expect(byKey(names)).toEqual([
      'Ähnlich, Anna', 'Lopez, Ana', 'Łukasiewicz, Jan', 'Ødegård, Ingrid', 'Ortiz, Rosa', 'Öztürk, Emre',
      'Sánchez, Lucía', 'Sanders, Tom', 'Suzuki, Aiko', 'Zimmermann, Paul'
    ])
  })

  it('agrees with Intl.Collator (root, English, German, French, Dutch, Italian) on Latin names that differ in letters', () => {
    const last = ['Müller', 'Mueller', 'Muller', 'Straße', 'Strasse', 'Strassen', "O'Brien", 'Obrien', 'van Dijk', 'Vandijk', 'Smith-Jones',
      'Smith Jones', 'Smithson', 'Ærø', 'Aeb', 'Çelik', 'Celik', 'Cem', 'Đorđević', 'Dorf', 'Ødegaard', 'Oe', 'Ångström', 'Anz', 'Šimek', 'Sim', 'Sz', 'Nuñez', 'Nunez', 'Núñez']
    const names = last.map((l): [string, string] => [l, 'X'])
    const sorted = byKey(names).map((n) => n.replace(/, X$/, ''))
    for (const locale of ['und', 'en', 'de', 'fr', 'nl', 'it']) {
      const collator = new Intl.Collator(locale, { sensitivity: 'base' })
      // Equal at base strength may come in either order: compare only pairs that differ in letters.
      for (let i = 0; i + 1 < sorted.length; i++) expect(collator.compare(sorted[i]!, sorted[i + 1]!), `${locale}: ${sorted[i]} ≤ ${sorted[i + 1]}`).toBeLessThanOrEqual(0)
    }
  })

  it('orders by last name first, a shorter last name before a longer one, then by first name', () => {
    expect(byKey([['Smithson', 'Al'], ['Smith', 'Zoe'], ['Smith', 'Anna'], ['', 'Madonna']])).toEqual([', Madonna', 'Smith, Anna', 'Smith, Zoe', 'Smithson, Al'])
  })

  it('breaks ties by accents, then case, then id: one order on every desk', () => {
    expect(byKey([['Sánchez', 'A'], ['sanchez', 'A'], ['Sanchez', 'A']])).toEqual(['Sanchez, A', 'sanchez, A', 'Sánchez, A'])
    expect(nameSortKey('Lee', 'Kim', 'a')).not.toBe(nameSortKey('Lee', 'Kim', 'b'))
    expect(nameSortKey('Lee', 'Kim', 'a') < nameSortKey('Lee', 'Kim', 'b')).toBe(true)
  })

  it('ignores control characters that would break its separators', () => {
    expect(nameSortKey('A\u0000b', 'c\u0001', 'id')).toBe(nameSortKey('Ab', 'c', 'id'))
  })
})
