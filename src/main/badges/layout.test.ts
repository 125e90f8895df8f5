import { describe, expect, it } from 'vitest'
import { badgeTemplate, MIN_FONT_PT, type TextElement } from '../../shared/badge-template'
import { runsWidth } from './fonts'
import { fitText, LINE_HEIGHT, PT_TO_MM } from './layout'

// Deterministic generator (no Math.random): the same 1,000 names on every run.
function* names(count: number): Generator<string> {
  const parts = [
    ['Maximiliane', 'Alexandra', 'Wilhelmina', 'Zoë', 'Ñúñez', 'Łukasiewicz', 'Grzegorz', 'Brzęczyszczykiewicz'],
    ['Дмитрий', 'Александрович', 'Константинопольский', 'Θεοδώρα', 'Παπαδοπούλου', 'Χατζηγεωργίου'],
    ['Nguyễn', 'Ngọc', 'Ánh', 'Trần', 'Thị', 'Phương', 'Hohenzollern-Sigmaringen', 'van', 'der'],
    ['محمد', 'العربي', 'عبدالرحمن', 'שרה', 'כהן', 'WWWWWWWWWWWWWWWWWWWWWWWWW', 'Mmmmmmmmmmmmmmmmmmmmmmmmmmmmmm']
  ]
  let seed = 7
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  for (let i = 0; i < count; i++) {
    const words: string[] = []
    const length = 2 + (next() % 6)
    for (let w = 0; w < length; w++) {
      const group = parts[next() % parts.length]!
      words.push(group[next() % group.length]!)
    }
    yield words.join(' ')
  }
}

const element = (over: Partial<TextElement>): TextElement =>
  badgeTemplate.parse({
    version: 1,
    page: { preset: 'a6_portrait' },
    elements: [{ type: 'text', id: 'name', x: 5, y: 40, w: 95, h: 26, field: 'fullName', size: 30, minSize: 12, weight: 'bold', ...over }]
  }).elements[0] as TextElement

describe('auto-shrink', () => {
  it('keeps every one of 1,000 long names inside its box, measured with the embedded fonts', () => {
    const boxes = [element({}), element({ w: 50, h: 12, size: 20, minSize: MIN_FONT_PT }), element({ w: 60, h: 5, size: 14, minSize: 8, wrap: false })]
    const seen = { one_line: 0, two_lines: 0, ellipsis: 0 }
    for (const name of names(1000)) {
      for (const e of boxes) {
        const fitted = fitText(e, name)
        seen[fitted.fit]++
        expect(fitted.size).toBeGreaterThanOrEqual(e.minSize)
        expect(fitted.size).toBeLessThanOrEqual(e.size)
        expect(fitted.lines.length).toBeLessThanOrEqual(e.wrap ? 2 : 1)
        for (const line of fitted.lines) {
          // The width of what is drawn, measured again from the runs, at the size drawn.
          const width = runsWidth(line.runs) * fitted.size * PT_TO_MM
          expect(width, name).toBeLessThanOrEqual(e.w + 1e-6)
          expect(line.x).toBeGreaterThanOrEqual(e.x - 1e-6)
          expect(line.x + width).toBeLessThanOrEqual(e.x + e.w + 1e-6)
        }
        if (LINE_HEIGHT * fitted.size * PT_TO_MM * fitted.lines.length <= e.h + 1e-6) continue
        // Only a box lower than one line at the floor size may be overflowed, and then by one line.
        expect(fitted.lines.length).toBe(1)
        expect(fitted.size).toBe(e.minSize)
      }
    }
    // All three stages are exercised by the corpus.
    expect(seen.one_line).toBeGreaterThan(0)
    expect(seen.two_lines).toBeGreaterThan(0)
    expect(seen.ellipsis).toBeGreaterThan(0)
  })

  it('shrinks first, then wraps, then cuts with an ellipsis', () => {
    const e = element({})
    expect(fitText(e, 'Anna Lee')).toMatchObject({ fit: 'one_line', size: 30 })
    const long = fitText(e, 'Maximiliane Alexandra Wilhelmina von Hohenzollern-Sigmaringen')
    expect(long.fit).toBe('two_lines')
    expect(long.lines.map((l) => l.runs.map((r) => r.text).join(''))).toEqual(['Maximiliane Alexandra Wilhelmina', 'von Hohenzollern-Sigmaringen'])
    const cut = fitText(element({ wrap: false }), 'Maximiliane Alexandra Wilhelmina von Hohenzollern-Sigmaringen Brzęczyszczykiewicz')
    expect(cut.fit).toBe('ellipsis')
    expect(cut.lines[0]!.runs.map((r) => r.text).join('')).toMatch(/…$/)
  })

  it('sets a right-to-left name from the right, each script in its own font', () => {
    const fitted = fitText(element({}), 'محمد Smith')
    expect(fitted.lines[0]!.runs.map((r) => [r.font, r.text.trim()])).toEqual([
      ['sans-bold', 'Smith'],
      ['arabic-bold', 'محمد']
    ])
  })
})
