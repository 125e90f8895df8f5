import { describe, expect, it } from 'vitest'
import { scannedCandidates } from './scanned'

describe('scannedCandidates', () => {
  it('a plain code is itself', () => {
    expect(scannedCandidates(' K7PX3M ')).toEqual(['K7PX3M'])
  })
  it('looks into a URL: query values, then the path from its end', () => {
    expect(scannedCandidates('https://tickets.example/e/nordic/t/K7PX3M?secret=abc123')).toEqual([
      'https://tickets.example/e/nordic/t/K7PX3M?secret=abc123', 'abc123', 'K7PX3M', 't', 'nordic', 'e'
    ])
  })
  it('looks into JSON, nested, and into URLs inside it', () => {
    expect(scannedCandidates('{"ticket":{"code":"K7PX3M"},"n":42,"link":"https://x.example/?c=ZZ9"}')).toEqual([
      '{"ticket":{"code":"K7PX3M"},"n":42,"link":"https://x.example/?c=ZZ9"}', 'K7PX3M', '42', 'https://x.example/?c=ZZ9', 'ZZ9'
    ])
  })
  it('stays bounded on hostile input and ignores other schemes', () => {
    expect(scannedCandidates(JSON.stringify(Array.from({ length: 500 }, (_, i) => `c${i}`))).length).toBeLessThanOrEqual(32)
    expect(scannedCandidates('javascript:alert(1)')).toEqual(['javascript:alert(1)'])
    expect(scannedCandidates('{not json')).toEqual(['{not json'])
  })
})
