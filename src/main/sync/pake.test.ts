import { getDiffieHellman } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Pake, PakeError, seal, unseal } from './pake'

const prints = { joiner: 'a'.repeat(64), organizer: 'b'.repeat(64) }

function run(joinerPassword: string, organizerPassword: string, joinerSees = prints, organizerSees = prints) {
  const joiner = new Pake('joiner', joinerPassword)
  const organizer = new Pake('organizer', organizerPassword)
  const j = joiner.finish(organizer.start(), joinerSees)
  const o = organizer.finish(joiner.start(), organizerSees)
  return { j, o }
}

describe('SPAKE2 pairing exchange', () => {
  it('gives both desks the same key when they typed the same code', () => {
    const { j, o } = run('K7PX3MQ29HTR', 'K7PX3MQ29HTR')
    expect(j.confirms(o.confirmation)).toBe(true)
    expect(o.confirms(j.confirmation)).toBe(true)
    expect(j.payloadKey.equals(o.payloadKey)).toBe(true)
    expect(unseal(o.payloadKey, seal(j.payloadKey, { fleet: 'key' }))).toEqual({ fleet: 'key' })
  })

  it('fails the confirmation on a different code, and on certificates that differ between the two ends (a relay)', () => {
    const wrong = run('K7PX3MQ29HTR', 'K7PX3MQ29HTS')
    expect(wrong.j.confirms(wrong.o.confirmation)).toBe(false)
    expect(wrong.o.confirms(wrong.j.confirmation)).toBe(false)
    expect(() => unseal(wrong.j.payloadKey, seal(wrong.o.payloadKey, { fleet: 'key' }))).toThrow()
    const relayed = run('K7PX3MQ29HTR', 'K7PX3MQ29HTR', prints, { ...prints, joiner: 'c'.repeat(64) })
    expect(relayed.o.confirms(relayed.j.confirmation)).toBe(false)
  })

  it('refuses elements outside the group (0, 1, p − 1, p − 2 outside the subgroup, garbage)', () => {
    const organizer = new Pake('organizer', 'K7PX3MQ29HTR')
    const p = BigInt('0x' + getDiffieHellman('modp14').getPrime('hex'))
    const bytes = (v: bigint) => Buffer.from(v.toString(16).padStart(512, '0'), 'hex')
    for (const bad of [Buffer.from([0]), Buffer.from([1]), bytes(p - 1n), bytes(p - 2n), Buffer.alloc(256, 0xff)]) {
      expect(() => organizer.finish(bad.toString('base64url'), prints)).toThrow(PakeError)
    }
    expect(() => organizer.finish(42, prints)).toThrow(PakeError)
  })
})
