import { describe, expect, it } from 'vitest'
import { foldText, searchTokens } from './text'

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
