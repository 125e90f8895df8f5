import { describe, expect, it } from 'vitest'
import { deskOfService, startDiscovery } from './discovery'

const fp = 'ab'.repeat(32)
const service = (txt: Record<string, string>, addresses = ['192.168.1.20', 'fe80::1']) => ({ txt, addresses, port: 4801, referer: undefined })

describe('discovery', () => {
  it('keeps only other desks of this fleet, with their IPv4 addresses, and never needs a key', () => {
    expect(deskOfService(service({ fleet: 'F1', desk: 'd2', fp }), 'F1', 'd1')).toEqual({ deskId: 'd2', addresses: ['192.168.1.20'], port: 4801, fingerprint: fp })
    expect(deskOfService(service({ fleet: 'F2', desk: 'd2', fp }), 'F1', 'd1')).toBeNull()
    expect(deskOfService(service({ fleet: 'F1', desk: 'd1', fp }), 'F1', 'd1')).toBeNull()
    expect(deskOfService(service({ fleet: 'F1', desk: 'd2', fp: 'short' }), 'F1', 'd1')).toBeNull()
    expect(deskOfService(service({ fleet: 'F1', desk: 'd2', fp }, ['fe80::1']), 'F1', 'd1')).toBeNull()
  })

  it('starts and stops on a network card without multicast (loopback here) without breaking anything', async () => {
    const discovery = startDiscovery('127.0.0.1', () => undefined)
    discovery.advertise({ fleetId: 'F1', deskId: 'd1', deskName: 'Desk', port: 4801, fingerprint: fp })
    await new Promise((resolve) => setTimeout(resolve, 300))
    discovery.advertise(null)
    discovery.close()
    expect(typeof discovery.working).toBe('boolean')
  })
})
