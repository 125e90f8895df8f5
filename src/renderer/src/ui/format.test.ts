import { afterAll, describe, expect, it } from 'vitest'
import { setLanguage } from '../i18n'
import { formatAmount, formatDate, formatNumber } from './format'

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
