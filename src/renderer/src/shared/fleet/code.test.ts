import { describe, expect, it } from 'vitest'
import { encodePairingCode } from '../../../../shared/pairing-code'
import { codeComplete, codeProblem, formatCode } from './code'

describe('the pairing code field', () => {
  const code = encodePairingCode({ hostLow: [1, 20], port: 4801, secret: 1234567 })

  it('formats what is typed as XXXX-XXXX-XXXX, in capitals, whatever the separators', () => {
    expect(formatCode('k7px3')).toBe('K7PX-3')
    expect(formatCode('k7px 3mq2-9htr')).toBe('K7PX-3MQ2-9HTR')
    expect(formatCode(code.toLowerCase().replace(/-/g, '') + 'zz')).toBe(code)
  })

  it('keeps a scanned QR text as it arrives, character by character', () => {
    const qr = `eventdesk:pair?v=1&code=${code.replace(/-/g, '')}&fp=${'ab'.repeat(32)}&port=4801&addr=192.168.1.20`
    let value = ''
    for (const char of qr) value = formatCode(value + char)
    expect(value).toBe(qr)
    expect(codeComplete(value)).toBe(true)
    expect(codeProblem(value)).toBeNull()
  })

  it('flags a mistyped character or a swap as soon as the code is complete, and nothing before', () => {
    expect(codeProblem(code)).toBeNull()
    const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6)
    expect(codeProblem(typo)).toBe('pairingCodeTypo')
    const swapped = code.slice(0, 1) + code[2] + code[1] + code.slice(3)
    if (code[1] !== code[2]) expect(codeProblem(swapped)).toBe('pairingCodeTypo')
    expect(codeProblem(typo.slice(0, 8))).toBeNull()
    expect(codeComplete(typo.slice(0, 8))).toBe(false)
    expect(codeProblem(code.slice(0, 13) + 'U')).toBe('pairingCodeCharacters')
  })
})
