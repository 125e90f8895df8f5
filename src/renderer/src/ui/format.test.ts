import { afterAll, describe, expect, it } from 'vitest'
import { setLanguage } from '../i18n'
import { formatAmount, formatCountdown, formatDate, formatNumber, formatRelative, groupFingerprint } from './format'

/** Any kind of space (French and Polish group with narrow no-break spaces) as a plain one. */
const plain = (text: string) => text.replace(/[\s\u00a0\u202f]/g, ' ')

describe('numbers and dates in the chosen language', () => {
  afterAll(() => setLanguage('en'))

  it.each([
    ['en', '12,345.50', '1,234,567', '23 Nov 2026'],
    ['nl', '12.345,50', '1.234.567', '23 nov 2026'],
    ['de', '12.345,50', '1.234.567', '23.11.2026'],
    ['fr', '12 345,50', '1 234 567', '23 nov. 2026'],
    ['es', '12.345,50', '1.234.567', '23 nov 2026'],
    ['it', '12.345,50', '1.234.567', '23 nov 2026'],
    ['pl', '12 345,50', '1 234 567', '23 lis 2026']
  ])('%s', async (language, amount, number, date) => {
    await setLanguage(language)
    expect(plain(formatAmount(1_234_550))).toBe(amount)
    expect(plain(formatNumber(1_234_567))).toBe(number)
    expect(plain(formatDate('2026-11-23'))).toBe(date)
  })
})

describe('times relative to now, countdowns and fingerprints', () => {
  afterAll(() => setLanguage('en'))
  const now = Date.parse('2026-11-23T12:00:00Z')
  const at = (ms: number) => new Date(now + ms).toISOString()

  it('says how long ago or how soon, in the chosen language', async () => {
    await setLanguage('en')
    expect(formatRelative(at(-12 * 60_000), now)).toBe('12 min ago')
    expect(formatRelative(at(3 * 60_000), now)).toBe('in 3 min')
    expect(formatRelative(at(-2_000), now)).toBe('now')
    expect(formatRelative(at(-30 * 3_600_000), now)).toBe('yesterday')
    await setLanguage('de')
    expect(formatRelative(at(-2 * 3_600_000), now)).toBe('vor 2 Std.')
  })

  it('counts down in minutes and seconds, never below zero', () => {
    expect(formatCountdown(545_000)).toBe('9:05')
    expect(formatCountdown(-5)).toBe('0:00')
  })

  it('groups a fingerprint by four', () => {
    expect(groupFingerprint('ab12cd34ef56')).toBe('AB12 CD34 EF56')
  })
})
