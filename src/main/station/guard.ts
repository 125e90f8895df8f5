/**
 * Who may talk to a station. A web page elsewhere can point a name it owns at
 * this desk (DNS rebinding) or post to it from the operator's browser; both
 * carry a Host or Origin that is not the station's own. So every request —
 * files, API, socket.io — must name the station by one of its own addresses
 * or names, and a browser's Origin must be the station itself.
 */
import { hostname, networkInterfaces } from 'node:os'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { ApiError } from '../../shared/errors'

const LOOPBACK = ['localhost', '127.0.0.1', '::1']
const WILDCARD = new Set(['0.0.0.0', '::'])
// Interface addresses change (DHCP, Wi-Fi roaming): read again on a miss, at most this often.
const INTERFACES_REFRESH_MS = 5_000

export interface HostGuardOptions {
  /** The address the station is bound to (`--host`). */
  bindAddress: string
  /** Further names this station is reached by (`--public-name`), e.g. a DNS name on the venue network. */
  publicNames?: readonly string[]
}

/** A Host or Origin host name as compared: lower case, no port, no IPv6 brackets, no trailing dot. */
export function normaliseHostname(name: string): string {
  return name.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')
}

export class HostGuard {
  private readonly names = new Set<string>()
  private readonly lan: boolean
  private interfaces = new Set<string>()
  private interfacesReadAt = 0

  constructor(options: HostGuardOptions) {
    const bound = normaliseHostname(options.bindAddress)
    const machine = hostname().toLowerCase()
    for (const name of [...LOOPBACK, bound, machine, machine.split('.')[0]!, `${machine.split('.')[0]}.local`, ...(options.publicNames ?? [])]) {
      this.names.add(normaliseHostname(name))
    }
    this.names.delete('0.0.0.0')
    this.names.delete('::')
    // Bound beyond loopback: the machine's own addresses name it too.
    this.lan = WILDCARD.has(bound) || !LOOPBACK.includes(bound)
  }

  /** Null when the request names this station (and a browser's Origin is the station itself), else why not. */
  check(req: IncomingMessage): ApiError | null {
    const host = req.headers.host
    const hostName = host ? hostnameOfHost(host) : null
    if (!hostName || !this.allows(hostName)) {
      return new ApiError('forbidden', 'This desk does not answer to that host name', { key: 'unknownHost' })
    }
    const origin = req.headers.origin
    // No Origin: not a browser's cross-site request (scanners, scripts, peers).
    if (origin === undefined) return null
    let url: URL | null = null
    try {
      url = new URL(origin)
    } catch {
      url = null
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== host!.toLowerCase() || !this.allows(normaliseHostname(url.hostname))) {
      return new ApiError('forbidden', 'Requests from other web sites are refused', { key: 'foreignOrigin' })
    }
    return null
  }

  allows(name: string): boolean {
    if (this.names.has(name)) return true
    if (!this.lan || isIP(name) === 0) return false
    if (!this.interfaces.has(name) && Date.now() - this.interfacesReadAt > INTERFACES_REFRESH_MS) this.readInterfaces()
    return this.interfaces.has(name)
  }

  private readInterfaces(): void {
    this.interfacesReadAt = Date.now()
    this.interfaces = new Set(
      Object.values(networkInterfaces())
        .flatMap((list) => list ?? [])
        .map((i) => normaliseHostname(i.address.split('%')[0]!))
    )
  }
}

function hostnameOfHost(host: string): string | null {
  try {
    const url = new URL(`http://${host}`)
    // A Host header is a name and a port, nothing more.
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null
    return normaliseHostname(url.hostname)
  } catch {
    return null
  }
}

/**
 * The caller's address as the sign-in throttle counts it: IPv4 as it is, IPv6
 * by its /64 network (one device can take any address in its own /64).
 */
export function clientAddress(req: IncomingMessage): string {
  const raw = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
  if (isIP(raw) !== 6) return raw
  const groups = expandIPv6(raw)
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : raw
}

function expandIPv6(address: string): string[] | null {
  const [head, tail, extra] = address.split('%')[0]!.split('::')
  if (extra !== undefined) return null
  const left = head ? head.split(':') : []
  const right = tail !== undefined && tail !== '' ? tail.split(':') : []
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0')
  const groups = [...left, ...fill, ...right]
  return groups.length === 8 ? groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')) : null
}
