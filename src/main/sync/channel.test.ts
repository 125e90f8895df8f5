import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkFrame, frameMac } from './channel'

const key = randomBytes(32)

function frame(seq: number, body: unknown, withKey = key): Buffer {
  const payload = Buffer.from(JSON.stringify(body))
  const header = Buffer.alloc(36)
  header.writeUInt32BE(seq)
  frameMac(withKey, seq, payload).copy(header, 4)
  return Buffer.concat([header, payload])
}

describe('link frames', () => {
  it('takes the next genuine frame', () => {
    const checked = checkFrame(key, 3, frame(3, { t: 'ready' }))
    expect('payload' in checked && JSON.parse(checked.payload.toString())).toEqual({ t: 'ready' })
  })

  it('refuses a frame altered on the way, one made with another key, a replayed and a skipped one', () => {
    const altered = frame(3, { t: 'req', id: 1, ev: 'batch', body: { records: [] } })
    altered[altered.length - 3]! ^= 1
    expect(checkFrame(key, 3, altered)).toMatchObject({ rejection: 'altered' })
    expect(checkFrame(key, 3, frame(3, { t: 'ready' }, randomBytes(32)))).toMatchObject({ rejection: 'altered' })
    const renumbered = frame(2, { t: 'ready' })
    renumbered.writeUInt32BE(3) // a stale frame given the expected number: its MAC covers the number
    expect(checkFrame(key, 3, renumbered)).toMatchObject({ rejection: 'altered' })
    expect(checkFrame(key, 3, frame(2, { t: 'ready' }))).toEqual({ rejection: 'replayed', seq: 2 })
    expect(checkFrame(key, 3, frame(5, { t: 'ready' }))).toEqual({ rejection: 'out_of_order', seq: 5 })
    expect(checkFrame(key, 3, 'not a frame')).toEqual({ rejection: 'malformed' })
  })
})
