import { describe, expect, it } from 'vitest'
import { isEmailAddress, normaliseEmail } from './email'

describe('isEmailAddress', () => {
  it('accepts internationalised addresses (RFC 6531, IDN)', () => {
    for (const ok of [
      'a@b.co', 'first.last+tag@sub.example.org', "o'brien@example.ie", 'x_y-z@ex-ample.de', 'josé.müller@example.org',
      'info@müller-söhne.de', 'ivan@пример.рф', 'wang.fang@例子.中国', 'θεοδώρα@παράδειγμα.ελ', 'anna@例え.jp', "giulia.d'angelo@esempio.it",
      'user@xn--mller-kva.de'
    ]) {
      expect(isEmailAddress(normaliseEmail(ok)), ok).toBe(true)
    }
  })

  it('refuses what is no address', () => {
    for (const bad of [
      '', 'plain', 'a@b', '@b.de', 'a@@b.de', 'a b@c.de', 'a@b..de', 'a@.de', '.a@b.de', 'a.@b.de', 'a@b.c', 'a@-b.de', 'a@b-.de',
      'jose.mueller(at)example.org', 'anna@@example.com', 'no-at-sign.example.org', 'a@1.23', '"quoted"@example.org', 'a@[127.0.0.1]',
      'a\u0000b@example.org', 'a\u202e@example.org', `${'a'.repeat(65)}@example.org`
    ]) {
      expect(isEmailAddress(bad), JSON.stringify(bad)).toBe(false)
    }
  })

  it('stores one form: trimmed, NFC, lower case', () => {
    expect(normaliseEmail('  Jose\u0301@Example.ORG ')).toBe('josé@example.org')
  })

  it('refuses 100,000-character hostile strings in linear time', () => {
    const hostile = ['a'.repeat(100_000), `${'a.'.repeat(49_995)}@`, `a@${'a-'.repeat(49_995)}`, '@'.repeat(100_000)]
    const started = performance.now()
    for (const value of hostile) expect(isEmailAddress(value)).toBe(false)
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})
