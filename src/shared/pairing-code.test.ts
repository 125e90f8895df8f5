import { describe, expect, it } from 'vitest'
import { decodePairingCode, decodePairingQr, encodePairingCode, encodePairingQr, PAIRING_CODE_LENGTH, type PairingCode } from './pairing-code'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const sample: PairingCode = { hostLow: [1, 20], port: 4801, secret: 0x5a5a5a }

describe('pairing code', () => {
  it('reads back what it wrote, as XXXX-XXXX-XXXX, whatever the case, dashes or look-alike letters', () => {
    const code = encodePairingCode(sample)
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(decodePairingCode(code)).toEqual(sample)
    expect(decodePairingCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toEqual(sample)
    const withZero = encodePairingCode({ hostLow: [0, 1], port: 1, secret: 0 })
    expect(decodePairingCode(withZero.replace(/0/g, 'O').replace(/1/g, 'l'))).toEqual({ hostLow: [0, 1], port: 1, secret: 0 })
    const extreme = { hostLow: [255, 255] as [number, number], port: 65535, secret: 2 ** 23 - 1 }
    expect(decodePairingCode(encodePairingCode(extreme))).toEqual(extreme)
  })

  it('catches every single mistyped character and every swap of neighbours', () => {
    const clean = encodePairingCode(sample).replace(/-/g, '')
    expect(clean).toHaveLength(PAIRING_CODE_LENGTH)
    let typos = 0
    for (let i = 0; i < clean.length; i++) {
      for (const c of ALPHABET) {
        if (c === clean[i]) continue
        typos++
        expect(decodePairingCode(clean.slice(0, i) + c + clean.slice(i + 1))).toEqual({ problem: 'checksum' })
      }
    }
    expect(typos).toBe(12 * 31)
    for (let i = 0; i < 10; i++) {
      if (clean[i] === clean[i + 1]) continue
      const swapped = clean.slice(0, i) + clean[i + 1] + clean[i] + clean.slice(i + 2)
      expect(decodePairingCode(swapped), `swap at ${i}`).toEqual({ problem: 'checksum' })
    }
  })

  it('says what is wrong with something that is no code', () => {
    expect(decodePairingCode('K7PX-3MQ2')).toEqual({ problem: 'length' })
    expect(decodePairingCode('K7PX-3MQ2-9HTU')).toEqual({ problem: 'character' })
  })

  it('puts the code, the full fingerprint, every address and the port in the QR text', () => {
    const qr = { code: encodePairingCode(sample), fingerprint: 'ab'.repeat(32), addresses: ['192.168.1.20', '10.0.0.5'], port: 4801 }
    const text = encodePairingQr(qr)
    expect(text.startsWith('eventdesk:pair?')).toBe(true)
    expect(decodePairingQr(text)).toEqual({ ...qr, code: qr.code.replace(/-/g, '') })
    expect(decodePairingQr('https://example.org/?code=1')).toBeNull()
    expect(decodePairingQr(text.replace('ab'.repeat(32), 'nothex'))).toBeNull()
  })
})
