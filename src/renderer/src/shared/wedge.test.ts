import { describe, expect, it } from 'vitest'
import { Burst, SCAN_MAX_GAP_MS } from './wedge'

function typed(text: string, gapMs: number, start = 1000): Burst {
  const burst = new Burst()
  ;[...text].forEach((c, i) => burst.add(c, start + i * gapMs))
  return burst
}

describe('Burst', () => {
  it('recognises a scanner: a fast burst ending in Enter', () => {
    expect(typed('N8NPSR', 8).isScan(1000 + 6 * 8)).toBe(true)
  })
  it('a slow wireless scanner still counts', () => {
    expect(typed('N8NPSR', 30).isScan(1000 + 6 * 30)).toBe(true)
  })
  it('does not mistake typing for a scan', () => {
    expect(typed('N8NPSR', 120).isScan(1000 + 6 * 120)).toBe(false)
  })
  it('does not count an Enter pressed long after a fast burst', () => {
    expect(typed('N8NPSR', 8).isScan(1600)).toBe(false)
  })
  it('needs a few characters', () => {
    expect(typed('ab', 5).isScan(1010)).toBe(false)
  })
  it('a pause starts a new burst: typed text before a scan is not part of it', () => {
    const burst = typed('nobody', 150)
    ;[...'N8NPSR'].forEach((c, i) => burst.add(c, 5000 + i * 5))
    expect(burst.text).toBe('N8NPSR')
    expect(burst.isScan(5000 + 6 * 5)).toBe(true)
  })
  it('one quick rolled pair among typing is not a scan', () => {
    const burst = new Burst()
    burst.add('a', 0)
    burst.add('n', 20)
    burst.add('n', 20 + SCAN_MAX_GAP_MS - 1)
    burst.add('a', 20 + 2 * (SCAN_MAX_GAP_MS - 1))
    expect(burst.isScan(20 + 3 * (SCAN_MAX_GAP_MS - 1))).toBe(false)
  })
})
