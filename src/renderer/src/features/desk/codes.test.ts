import { describe, expect, it } from 'vitest'
import { looksLikeCode } from './codes'

describe('looksLikeCode', () => {
  it('accepts six characters of the code alphabet in any case', () => {
    expect(looksLikeCode('ABC234')).toBe(true)
    expect(looksLikeCode(' abc234 ')).toBe(true)
  })
  it('rejects ambiguous characters, other lengths and names', () => {
    expect(looksLikeCode('ABC1O0')).toBe(false)
    expect(looksLikeCode('ABC23')).toBe(false)
    expect(looksLikeCode('ABC2345')).toBe(false)
    expect(looksLikeCode('Martin')).toBe(false)
  })
})
