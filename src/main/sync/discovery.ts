/**
 * Finding desks of this fleet on the LAN by mDNS/DNS-SD (bonjour-service):
 * each desk advertises `_eventdesk._tcp` with its fleet id, desk id, peer
 * port and certificate fingerprint — never a key — and browses for the
 * others. A find is only an address to try: the link still pins the
 * certificate and proves the key. Never depended on alone (Windows machines
 * with several network cards, venue Wi-Fi that drops multicast): manual
 * addresses and pairing work without it, and any mDNS failure only turns
 * discovery off, with a line in the log.
 */
import { Bonjour, type Service } from 'bonjour-service'

export const SERVICE_TYPE = 'eventdesk'

export interface Advertisement {
  fleetId: string
  deskId: string
  deskName: string
  port: number
  fingerprint: string
}

export interface Found {
  deskId: string
  addresses: string[]
  port: number
  fingerprint: string
}

/** A service seen on the network, if it is another desk of this fleet. */
export function deskOfService(service: Pick<Service, 'txt' | 'addresses' | 'port' | 'referer'>, fleetId: string, selfId: string): Found | null {
  const txt = (service.txt ?? {}) as Record<string, unknown>
  if (txt.fleet !== fleetId || typeof txt.desk !== 'string' || txt.desk === selfId || typeof txt.fp !== 'string') return null
  if (!/^[0-9a-f]{64}$/.test(txt.fp) || !Number.isInteger(service.port) || service.port < 1 || service.port > 65535) return null
  const addresses = [...(service.addresses ?? []), ...(service.referer ? [service.referer.address] : [])]
  const ipv4 = [...new Set(addresses.filter((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)))]
  return ipv4.length > 0 ? { deskId: txt.desk, addresses: ipv4, port: service.port, fingerprint: txt.fp } : null
}

export interface Discovery {
  /** Advertises this desk (again, e.g. after it joined a fleet); null stops advertising. */
  advertise(ad: Advertisement | null): void
  readonly working: boolean
  close(): void
}

/** `iface`: the address of the network card to use (all by default). */
export function startDiscovery(iface: string | undefined, onFound: (service: Service) => void): Discovery {
  let working = true
  const fail = (err: unknown): void => {
    if (!working) return
    working = false
    console.warn(`sync: discovery (mDNS) is off: ${(err as Error)?.message ?? err}; desks are still found by pairing and typed addresses`)
  }
  let bonjour: Bonjour | null = null
  try {
    // The options reach multicast-dns, which takes the network card's address as `interface` (not in bonjour-service's types).
    const mdnsOptions = (iface ? { interface: iface } : {}) as ConstructorParameters<typeof Bonjour>[0]
    bonjour = new Bonjour(mdnsOptions, fail)
    bonjour.find({ type: SERVICE_TYPE }, (service) => {
      try {
        onFound(service)
      } catch (err) {
        console.error('sync: a discovered desk could not be used', err)
      }
    })
  } catch (err) {
    fail(err)
  }
  let published: Service | null = null
  return {
    get working() {
      return working
    },
    advertise: (ad) => {
      if (!bonjour || !working) return
      try {
        published?.stop?.()
        published = null
        if (!ad) return
        published = bonjour.publish({
          name: `EventDesk ${ad.deskName.slice(0, 30)} ${ad.deskId.slice(-6)}`,
          type: SERVICE_TYPE,
          port: ad.port,
          txt: { fleet: ad.fleetId, desk: ad.deskId, fp: ad.fingerprint },
          disableIPv6: true
        })
        published.on('error', fail)
      } catch (err) {
        fail(err)
      }
    },
    close: () => {
      try {
        bonjour?.destroy()
      } catch {
        // Closing a socket that never opened: nothing to undo.
      }
      bonjour = null
    }
  }
}
