import { describe, expect, it } from 'vitest'
import { looksLikeCode, WedgeDetector } from './codes'

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

describe('WedgeDetector', () => {
  it('recognises a fast burst ending in Enter', () => {
    const d = new WedgeDetector()
    for (let i = 0; i < 6; i++) d.key(1000 + i * 8)
    expect(d.isScan(1000 + 6 * 8)).toBe(true)
  })
  it('does not mistake typing for a scan', () => {
    const d = new WedgeDetector()
    for (let i = 0; i < 6; i++) d.key(1000 + i * 120)
    expect(d.isScan(1000 + 6 * 120)).toBe(false)
  })
  it('does not count an Enter pressed long after a fast burst', () => {
    const d = new WedgeDetector()
    for (let i = 0; i < 6; i++) d.key(1000 + i * 8)
    expect(d.isScan(1600)).toBe(false)
  })
  it('needs a few characters', () => {
    const d = new WedgeDetector()
    d.key(1000)
    d.key(1005)
    expect(d.isScan(1010)).toBe(false)
  })
})
