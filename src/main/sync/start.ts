/**
 * Sync for one desk, the same in station mode and in Electron: its identity,
 * its peer server (HTTPS, mutual TLS) with the /sync and /pair namespaces, the
 * links it keeps to the desks it knows (typed, paired, given with --peer,
 * learned from the fleet table or found by mDNS), key rotation when a desk is
 * removed, and the status screens show.
 */
import { networkInterfaces } from 'node:os'
import type { Service } from 'bonjour-service'
import { CLOCK_TOLERANCE_MS, SYNC_TOPIC, type Invitation, type JoinResult, type PeerRow, type SyncStatus } from '../../shared/contract/sync'
import { ApiError } from '../../shared/errors'
import type { Core } from '../core/core'
import { newId } from '../core/ids'
import type { SecureChannel } from './channel'
import { deskOfService, startDiscovery, type Discovery, type Found } from './discovery'
import { SyncEngine, type PeerLink, type PeerStatus } from './engine'
import { acceptFleetKey, foundFleet, joinFleet, loadFleet, markRemoved, removalOf, rotateFleetKey, type Fleet } from './fleet'
import { loadIdentity, type DeskIdentity } from './identity'
import { addressText, DEFAULT_PEER_PORT, dialPeer, listenForPeers, parseAddress, SYNC_NAMESPACE, type Dialer, type LinkContext, type Peer, type Verdict } from './link'
import { joinWithInvitation, PAIR_NAMESPACE, PairingHost, type JoinInput, type Welcome } from './pairing'
import { createPeerServer, type PeerServer } from './server'
import { deskRemovals, fleetDesks } from './schema'

export interface SyncOptions {
  dataDir: string
  /** Where the peer server listens (the station's --host; Electron: every interface). */
  host: string
  port: number
  /** --peer: addresses to dial besides those the desk learns. */
  peers?: readonly string[]
  /** Dial only --peer and typed addresses (not the fleet table's or mDNS finds): for fixed topologies and tests. */
  peersOnly?: boolean
  /** mDNS: 'on', 'off', or the address of the network card to use. */
  mdns?: string
  deskName: () => string
}

const ANNOUNCE_MS = 250
const REKEY_TIMEOUT_MS = 10_000

interface PeerNote {
  deskId: string
  fingerprint: string
  lastSeenAt: string
  lastExchangeAt: string | null
  rejectedMessages: number
  epoch: number
  clockOffsetMs: number | null
  appVersion: string | null
}

/** How a desk came into the fleet (its row in fleet_desks). */
interface Membership {
  via: 'founder' | 'invitation' | 'fleet_key'
  admittedBy: string
  admittedAt: string
}

interface FleetDeskRow {
  id: string
  fingerprint: string
  certificate: string
  via: 'founder' | 'invitation' | 'fleet_key'
  addresses: string
  port: number
}

/** The sync runtime of each desk, for the API handlers (module.ts). */
const runtimes = new WeakMap<object, DeskSync>()

export function syncOf(desk: object): DeskSync | null {
  return runtimes.get(desk) ?? null
}

export async function startSync(core: Core, options: SyncOptions): Promise<DeskSync> {
  const identity = await loadIdentity(options.dataDir, core.id)
  const sync = new DeskSync(core, identity, options)
  await sync.start()
  runtimes.set(core, sync)
  return sync
}

export class DeskSync {
  readonly engine: SyncEngine
  readonly server: PeerServer
  port = 0
  private readonly dialers = new Map<string, Dialer>()
  private readonly notes = new Map<string, PeerNote>()
  private readonly discovered = new Map<string, Found>()
  /** Fingerprints of desks removed whose removal record has not arrived here yet (told by a rekey). */
  private readonly removedFingerprints = new Set<string>()
  private readonly pairing: PairingHost
  private discovery: Discovery | null = null
  private stopListening: (() => void)[] = []
  private announceTimer: NodeJS.Timeout | null = null
  private closed = false

  constructor(
    private readonly core: Core,
    readonly identity: DeskIdentity,
    private readonly options: SyncOptions
  ) {
    this.engine = new SyncEngine(core, options.deskName)
    this.server = createPeerServer(identity)
    this.pairing = new PairingHost({ identity, admit: (newcomer) => this.admitNewcomer(newcomer), changed: () => this.announce() })
  }

  get url(): string {
    return `https://${addressText({ host: this.options.host, port: this.port })}`
  }

  async start(): Promise<void> {
    const context = this.linkContext()
    this.stopListening.push(listenForPeers(this.server.io.of(SYNC_NAMESPACE), context))
    this.pairing.listen(this.server.io.of(PAIR_NAMESPACE))
    const bound = await this.server.listen(this.options.port, this.options.host)
    this.port = bound.port
    this.engine.on('status', () => this.announce())
    this.stopListening.push(
      this.core.onChanged((event) => {
        if (event.tables.includes('fleet_desks') || event.tables.includes('desk_removals')) {
          this.enforceRemovals()
          this.refreshDialers()
          this.advertise()
        }
      })
    )
    await this.publishSelf()
    if (this.options.mdns !== 'off') {
      this.discovery = startDiscovery(this.options.mdns === 'on' || !this.options.mdns ? undefined : this.options.mdns, (service) => this.found(service))
      this.advertise()
    }
    this.refreshDialers()
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.announceTimer) clearTimeout(this.announceTimer)
    for (const dialer of this.dialers.values()) dialer.stop()
    this.dialers.clear()
    for (const stop of this.stopListening) stop()
    this.discovery?.close()
    this.engine.close()
    await this.server.close()
  }

  // ——— status ———

  status(detailed: boolean): SyncStatus {
    const fleet = loadFleet(this.core)
    const removal = removalOf(this.core)
    const live = new Map(this.engine.peerStatus().map((p) => [p.deskId, p]))
    const members = this.fleetMembers().filter((d) => d.id !== this.core.id)
    const removedIds = new Set(this.core.sqlite.prepare('SELECT desk_id AS id FROM desk_removals').all().map((r) => (r as { id: string }).id))
    const others = members.filter((d) => !removedIds.has(d.id))
    const connected = [...live.keys()].filter((id) => !removedIds.has(id)).length
    const expected = Math.max(others.length, connected)
    const peersLive = [...live.values()]
    const clockSkews = peersLive
      .filter((p) => Math.abs(p.clockOffsetMs) > CLOCK_TOLERANCE_MS)
      .map((p) => ({ deskId: p.deskId, deskName: p.deskName, offsetMs: p.clockOffsetMs }))
    const summary = {
      summary: connected === 0 ? ('alone' as const) : connected >= expected ? ('all' as const) : ('some' as const),
      connected,
      fleetDesks: expected,
      catchingUp: peersLive.reduce((n, p) => n + p.incomingPending, 0),
      updateNeeded: peersLive.some((p) => p.newerThanUs),
      clockSkews,
      removed: removal ? { at: removal.at, byDeskName: this.deskName(removal.byDesk) } : null
    }
    return {
      deskId: this.core.id,
      ...summary,
      detail: detailed
        ? {
            fleetId: fleet?.id ?? null,
            admission: fleet?.admission ?? null,
            keyEpoch: fleet?.epoch ?? null,
            fingerprint: this.identity.fingerprint,
            addresses: this.ownAddresses(),
            port: this.port,
            discovery: this.discovery?.working ?? false,
            knownAddresses: this.core.sqlite.prepare('SELECT address, source FROM known_peers ORDER BY added_at, address').all() as { address: string; source: 'manual' | 'pairing' }[],
            invitation: this.pairing.status(),
            peers: this.peerRows(members, live, removedIds)
          }
        : null
    }
  }

  private peerRows(members: FleetDeskRow[], live: Map<string, PeerStatus>, removedIds: Set<string>): PeerRow[] {
    const rows = new Map<string, PeerRow>()
    const blank = (deskId: string | null): PeerRow => ({
      deskId,
      deskName: deskId ? this.deskName(deskId) : null,
      state: 'offline',
      addresses: [],
      fingerprint: null,
      via: null,
      direction: null,
      connectedSince: null,
      lastExchangeAt: null,
      outgoingPending: 0,
      incomingPending: 0,
      received: 0,
      sent: 0,
      clockOffsetMs: null,
      appVersion: null,
      newerSchema: false,
      olderSchema: false,
      problem: null,
      problemDetail: null,
      rejectedMessages: 0
    })
    for (const m of members) {
      const row = blank(m.id)
      row.fingerprint = m.fingerprint
      row.via = m.via
      row.addresses = this.addressesOf(m)
      if (removedIds.has(m.id)) row.state = 'removed'
      rows.set(m.id, row)
    }
    for (const [id, note] of this.notes) {
      const row = rows.get(id) ?? blank(id)
      row.fingerprint ??= note.fingerprint
      row.lastExchangeAt = note.lastExchangeAt
      row.rejectedMessages = note.rejectedMessages
      row.clockOffsetMs = note.clockOffsetMs
      row.appVersion = note.appVersion
      rows.set(id, row)
    }
    for (const p of live.values()) {
      const row = rows.get(p.deskId) ?? blank(p.deskId)
      Object.assign(row, {
        deskName: p.deskName,
        state: 'connected',
        direction: p.direction,
        connectedSince: p.connectedAt,
        lastExchangeAt: p.lastExchangeAt ?? row.lastExchangeAt,
        outgoingPending: p.outgoingPending,
        incomingPending: p.incomingPending,
        received: p.received,
        sent: p.sent,
        clockOffsetMs: p.clockOffsetMs,
        appVersion: p.appVersion,
        newerSchema: p.newerThanUs,
        olderSchema: p.olderThanUs
      })
      if (!row.addresses.includes(p.address) && p.direction === 'out') row.addresses.push(p.address)
      rows.set(p.deskId, row)
    }
    // Addresses dialed that lead to no known desk (yet), or that fail.
    for (const dialer of this.dialers.values()) {
      const { deskId, problem, problemDetail, fingerprint } = dialer.state
      const row = deskId ? rows.get(deskId) : [...rows.values()].find((r) => r.addresses.includes(dialer.address))
      if (row) {
        if (!row.addresses.includes(dialer.address)) row.addresses.push(dialer.address)
        if (row.state !== 'connected' && problem) Object.assign(row, { problem, problemDetail, state: problem === 'unreachable' ? row.state : 'refused' })
        continue
      }
      const lone = blank(deskId)
      Object.assign(lone, {
        addresses: [dialer.address],
        fingerprint,
        via: this.sourceOf(dialer.address),
        problem,
        problemDetail,
        state: problem && problem !== 'unreachable' ? 'refused' : 'offline'
      })
      rows.set(`address:${dialer.address}`, lone)
    }
    return [...rows.values()]
  }

  // ——— pairing ———

  async invite(): Promise<Invitation> {
    if (removalOf(this.core)) throw new ApiError('conflict', 'This desk was removed from its fleet: it cannot invite desks', { key: 'deskRemoved' })
    await foundFleet(this.core)
    await this.publishSelf({ via: 'founder', admittedBy: this.core.id, admittedAt: new Date().toISOString() })
    this.advertise()
    return this.pairing.create({ addresses: this.ownAddresses(), port: this.port, deskName: this.options.deskName() })
  }

  cancelInvite(): void {
    this.pairing.cancel()
  }

  /**
   * This desk joins a fleet: it must be alone (no other desk in its fleet, no link), or hold no fleet key at all —
   * a desk restored from a backup knows the fleet's desks from the backup but was never paired.
   */
  async join(input: JoinInput): Promise<JoinResult> {
    const others = this.fleetMembers().filter((d) => d.id !== this.core.id)
    if ((others.length > 0 && loadFleet(this.core)) || this.engine.peerStatus().length > 0) {
      throw new ApiError('conflict', 'This desk already belongs to a fleet with other desks; it cannot join another', { key: 'alreadyInFleet' })
    }
    const { welcome, address } = await joinWithInvitation(input, { identity: this.identity, deskId: this.core.id, deskName: this.options.deskName() })
    await this.settleIn(welcome, address)
    return {
      fleetId: welcome.fleet.id,
      organizerDeskId: welcome.organizer.deskId,
      organizerDeskName: welcome.organizer.deskName,
      fingerprint: welcome.organizer.fingerprint,
      address
    }
  }

  private async settleIn(welcome: Welcome, address: string): Promise<void> {
    await joinFleet(this.core, { id: welcome.fleet.id, epoch: welcome.fleet.epoch, key: Buffer.from(welcome.fleet.key, 'base64url') })
    const org = welcome.organizer
    const addresses = [address, ...org.addresses.map((a) => addressText({ host: a, port: org.port }))]
    await this.core.transact('sync.join', ({ write }) => {
      for (const a of new Set(addresses)) {
        write.local.run(
          `INSERT INTO known_peers (address, source, desk_id, fingerprint, certificate, added_at) VALUES (?, 'pairing', ?, ?, ?, ?)
           ON CONFLICT (address) DO UPDATE SET source = 'pairing', desk_id = excluded.desk_id, fingerprint = excluded.fingerprint, certificate = excluded.certificate`,
          a,
          org.deskId,
          org.fingerprint,
          org.certificate,
          new Date().toISOString()
        )
      }
    })
    await this.publishSelf(welcome.you)
    this.advertise()
    this.refreshDialers()
    this.announce()
  }

  private async admitNewcomer(newcomer: { deskId: string; deskName: string; fingerprint: string; certificate: string }): Promise<Welcome> {
    const fleet = loadFleet(this.core) ?? (await foundFleet(this.core))
    const you = { via: 'invitation' as const, admittedBy: this.core.id, admittedAt: new Date().toISOString() }
    await this.pin(newcomer.deskId, newcomer.fingerprint, newcomer.certificate, you)
    return {
      fleet: { id: fleet.id, epoch: fleet.epoch, key: fleet.key.toString('base64url') },
      you,
      organizer: {
        deskId: this.core.id,
        deskName: this.options.deskName(),
        fingerprint: this.identity.fingerprint,
        certificate: this.identity.cert,
        addresses: this.ownAddresses(),
        port: this.port
      }
    }
  }

  /** Pins a desk's certificate for the whole fleet (its row in fleet_desks). */
  private pin(deskId: string, fingerprint: string, certificate: string, membership: Membership): Promise<void> {
    return this.core.transact('sync.admit', ({ read, write }) => {
      const row = read.get<{ fingerprint: string }>('SELECT fingerprint FROM fleet_desks WHERE id = ?', deskId)
      const values = { fingerprint, certificate, ...membership }
      if (!row) write.insert(fleetDesks, { id: deskId, ...values })
      else if (row.fingerprint !== fingerprint) write.update(fleetDesks, deskId, values)
    })
  }

  // ——— addresses ———

  async addAddress(text: string): Promise<string> {
    const parsed = parseAddress(text, DEFAULT_PEER_PORT)
    if (!parsed) throw new ApiError('invalid_input', 'Type an address like 192.168.1.20:4801', { key: 'invalidField', issues: [{ path: 'address', message: 'Type an address like 192.168.1.20:4801', key: 'peerAddress' }] })
    const address = addressText(parsed)
    await this.core.transact('sync.addAddress', ({ write }) => {
      write.local.run(`INSERT INTO known_peers (address, source, added_at) VALUES (?, 'manual', ?) ON CONFLICT (address) DO NOTHING`, address, new Date().toISOString())
    })
    this.refreshDialers()
    this.announce()
    return address
  }

  async forgetAddress(text: string): Promise<void> {
    const parsed = parseAddress(text, DEFAULT_PEER_PORT)
    const address = parsed ? addressText(parsed) : text
    await this.core.transact('sync.forgetAddress', ({ write }) => {
      write.local.run('DELETE FROM known_peers WHERE address = ?', address)
    })
    this.refreshDialers()
    this.announce()
  }

  // ——— removal ———

  /**
   * Removes a desk from the fleet (an organizer, e.g. for a stolen laptop):
   * its certificate is refused everywhere (desk_removals, synced), the fleet
   * key is replaced and sent to the desks still linked, and the removed desk,
   * if linked now, is told.
   */
  async removeDesk(deskId: string, staffId: string | null): Promise<number> {
    if (deskId === this.core.id) throw new ApiError('conflict', 'A desk cannot remove itself; remove it from another organizer desk', { key: 'cannotRemoveSelf' })
    const member = this.core.sqlite.prepare('SELECT fingerprint FROM fleet_desks WHERE id = ?').get(deskId) as { fingerprint: string } | undefined
    const linked = this.engine.linkTo(deskId)
    const fingerprint = member?.fingerprint ?? this.notes.get(deskId)?.fingerprint
    if (!fingerprint) throw new ApiError('not_found', 'No desk of this fleet has that id', { key: 'deskNotFound' })
    const fleet = await rotateFleetKey(this.core)
    await this.core.transact('sync.removeDesk', ({ read, write }) => {
      if (read.get('SELECT 1 FROM desk_removals WHERE fingerprint = ?', fingerprint)) return
      write.insert(deskRemovals, { id: newId(), deskId, fingerprint, removedAt: new Date().toISOString(), removedByStaff: staffId, keyEpoch: fleet.epoch })
    })
    this.removedFingerprints.add(fingerprint)
    if (linked) this.tellRemoved(linked, deskId)
    this.spreadKey(fleet, null)
    this.announce()
    return fleet.epoch
  }

  /** Links to desks whose removal this desk has just learned are closed, after telling them. */
  private enforceRemovals(): void {
    for (const p of this.engine.peerStatus()) {
      const note = this.notes.get(p.deskId)
      if (note && this.judge(note.fingerprint) === 'removed') {
        const link = this.engine.linkTo(p.deskId)
        if (link) this.tellRemoved(link, p.deskId)
      }
    }
  }

  private tellRemoved(link: PeerLink, deskId: string): void {
    console.warn(`sync: desk ${this.deskName(deskId) ?? deskId} was removed from the fleet; its link is closed`)
    link.request('removed', { by: this.core.id }, 2_000).catch(() => undefined).finally(() => link.close())
  }

  /** Sends every key generation a peer lacks over the authenticated links (and they pass it on). */
  private spreadKey(fleet: Fleet, except: string | null): void {
    for (const p of this.engine.peerStatus()) {
      const note = this.notes.get(p.deskId)
      if (p.deskId === except || !note || note.epoch >= fleet.epoch || this.judge(note.fingerprint) === 'removed') continue
      void this.sendKeys(p.deskId, fleet, note)
    }
  }

  private async sendKeys(deskId: string, fleet: Fleet, note: PeerNote): Promise<void> {
    const link = this.engine.linkTo(deskId)
    if (!link) return
    const keys = Object.fromEntries([...fleet.keys].filter(([epoch]) => epoch > note.epoch).map(([epoch, key]) => [epoch, key.toString('base64url')]))
    try {
      await link.peerReady
      await link.request('rekey', { keys, removed: [...this.removedFingerprints] }, REKEY_TIMEOUT_MS)
      note.epoch = fleet.epoch
    } catch (err) {
      console.warn(`sync: the new fleet key did not reach ${this.deskName(deskId) ?? deskId}: ${(err as Error).message}`)
    }
  }

  private async receiveKeys(from: string, payload: unknown): Promise<{ ok: true }> {
    const { keys, removed } = (payload ?? {}) as { keys?: Record<string, unknown>; removed?: unknown }
    if (Array.isArray(removed)) for (const fp of removed) if (typeof fp === 'string' && /^[0-9a-f]{64}$/.test(fp)) this.removedFingerprints.add(fp)
    let learned = false
    for (const [epochText, key] of Object.entries(keys ?? {})) {
      const epoch = Number(epochText)
      if (!Number.isInteger(epoch) || epoch < 0 || typeof key !== 'string' || Buffer.from(key, 'base64url').length < 16) continue
      if (await acceptFleetKey(this.core, epoch, Buffer.from(key, 'base64url'))) learned = true
    }
    const fleet = loadFleet(this.core)
    if (fleet) {
      const note = this.notes.get(from)
      if (note) note.epoch = Math.max(note.epoch, fleet.epoch)
      if (learned) console.log(`sync: fleet key generation ${fleet.epoch} received from ${this.deskName(from) ?? from}`)
      this.enforceRemovals()
      this.spreadKey(fleet, from)
    }
    this.announce()
    return { ok: true }
  }

  private async wasRemoved(by: string): Promise<void> {
    if (removalOf(this.core)) return
    await markRemoved(this.core, { at: new Date().toISOString(), byDesk: by })
    console.warn('sync: this desk was removed from its fleet: it no longer syncs')
    for (const p of this.engine.peerStatus()) this.engine.linkTo(p.deskId)?.close()
    this.discovery?.advertise(null)
    this.announce()
  }

  // ——— links ———

  private linkContext(): LinkContext {
    return {
      deskId: this.core.id,
      identity: this.identity,
      fleet: () => (removalOf(this.core) ? null : loadFleet(this.core)),
      judge: (fingerprint) => this.judge(fingerprint),
      hello: () => this.engine.hello(),
      opened: (channel, peer) => this.opened(channel, peer),
      rejected: (deskId) => this.rejected(deskId),
      removed: (by) => void this.wasRemoved(by)
    }
  }

  private judge(fingerprint: string): Verdict {
    if (this.removedFingerprints.has(fingerprint)) return 'removed'
    const sql = this.core.sqlite
    if (sql.prepare('SELECT 1 FROM desk_removals WHERE fingerprint = ?').get(fingerprint)) return 'removed'
    if (sql.prepare('SELECT 1 FROM fleet_desks WHERE fingerprint = ?').get(fingerprint)) return 'member'
    if (sql.prepare('SELECT 1 FROM known_peers WHERE fingerprint = ?').get(fingerprint)) return 'member'
    return 'unknown'
  }

  private opened(channel: SecureChannel, peer: Peer): void {
    // A pinned certificate speaks for its own desk only.
    const pinnedTo = this.deskOfFingerprint(peer.fingerprint)
    if (pinnedTo && pinnedTo !== peer.deskId) {
      console.warn(`sync: a peer with the certificate of desk ${pinnedTo} said it was desk ${peer.deskId}; link closed`)
      return channel.close()
    }
    const previous = this.notes.get(peer.deskId)
    const note: PeerNote = {
      deskId: peer.deskId,
      fingerprint: peer.fingerprint,
      lastSeenAt: new Date().toISOString(),
      lastExchangeAt: previous?.lastExchangeAt ?? null,
      rejectedMessages: previous?.rejectedMessages ?? 0,
      epoch: peer.epoch,
      clockOffsetMs: peer.hello.wallClock - Date.now(),
      appVersion: peer.hello.appVersion
    }
    this.notes.set(peer.deskId, note)
    channel.handle('rekey', (payload) => this.receiveKeys(peer.deskId, payload))
    channel.handle('removed', async () => {
      await this.wasRemoved(peer.deskId)
      return { ok: true }
    })
    this.engine.attach(channel, peer.hello)
    channel.onClose(() => {
      const status = this.notes.get(peer.deskId)
      if (status) status.lastSeenAt = new Date().toISOString()
    })
    if (peer.admittedByKey) void this.pin(peer.deskId, peer.fingerprint, peer.certificate, { via: 'fleet_key', admittedBy: this.core.id, admittedAt: new Date().toISOString() })
    const fleet = loadFleet(this.core)
    if (fleet && peer.epoch < fleet.epoch) void this.sendKeys(peer.deskId, fleet, note)
    if (Math.abs(note.clockOffsetMs ?? 0) > CLOCK_TOLERANCE_MS) {
      console.warn(`sync: the clock of ${peer.hello.deskName} differs from this desk's by ${Math.round((note.clockOffsetMs ?? 0) / 60_000)} minutes`)
    }
  }

  private rejected(deskId: string): void {
    const note = this.notes.get(deskId)
    if (note) note.rejectedMessages++
    this.announce()
  }

  /** The addresses to dial: --peer, typed and paired ones, and (unless peersOnly) the fleet's and mDNS finds. */
  private refreshDialers(): void {
    if (this.closed) return
    const wanted = new Set<string>()
    const add = (text: string) => {
      const parsed = parseAddress(text, DEFAULT_PEER_PORT)
      if (parsed) wanted.add(addressText(parsed))
    }
    for (const p of this.options.peers ?? []) add(p)
    for (const row of this.core.sqlite.prepare('SELECT address FROM known_peers').all() as { address: string }[]) add(row.address)
    if (!this.options.peersOnly) {
      const removed = new Set((this.core.sqlite.prepare('SELECT desk_id AS id FROM desk_removals').all() as { id: string }[]).map((r) => r.id))
      for (const desk of this.fleetMembers()) if (desk.id !== this.core.id && !removed.has(desk.id)) this.addressesOf(desk).forEach(add)
      for (const found of this.discovered.values()) for (const a of found.addresses) add(addressText({ host: a, port: found.port }))
    }
    for (const [address, dialer] of this.dialers) {
      if (!wanted.has(address)) {
        dialer.stop()
        this.dialers.delete(address)
      }
    }
    for (const address of wanted) {
      if (this.dialers.has(address)) continue
      this.dialers.set(
        address,
        dialPeer(address, this.linkContext(), {
          deskOf: (fingerprint) => this.deskOfFingerprint(fingerprint),
          connectedTo: (deskId) => this.engine.linkTo(deskId) !== null,
          halted: () => removalOf(this.core) !== null,
          changed: () => this.announce()
        })
      )
    }
  }

  private found(service: Service): void {
    const fleet = loadFleet(this.core)
    if (!fleet) return
    const desk = deskOfService(service, fleet.id, this.core.id)
    if (!desk) return
    this.discovered.set(desk.deskId, desk)
    this.refreshDialers()
  }

  private advertise(): void {
    const fleet = loadFleet(this.core)
    this.discovery?.advertise(
      fleet && !removalOf(this.core)
        ? { fleetId: fleet.id, deskId: this.core.id, deskName: this.options.deskName(), port: this.port, fingerprint: this.identity.fingerprint }
        : null
    )
  }

  /**
   * This desk's own row: where it listens. Its membership (certificate, who
   * admitted it) is written by the desk that admitted it — itself when it
   * founded the fleet or joined by key; a paired desk writes the same values
   * it was sent, so the two records agree.
   */
  private async publishSelf(membership?: Membership): Promise<void> {
    const fleet = loadFleet(this.core)
    if (!fleet) return
    const addresses = JSON.stringify(this.ownAddresses())
    const admitted = membership ?? (fleet.admission === 'key' ? { via: 'fleet_key' as const, admittedBy: this.core.id, admittedAt: new Date().toISOString() } : null)
    await this.core.transact('sync.publish', ({ read, write }) => {
      const row = read.get<{ fingerprint: string; addresses: string; port: number }>('SELECT fingerprint, addresses, port FROM fleet_desks WHERE id = ?', this.core.id)
      const mine = { fingerprint: this.identity.fingerprint, certificate: this.identity.cert }
      if (!row) {
        if (admitted) write.insert(fleetDesks, { id: this.core.id, ...mine, ...admitted, addresses, port: this.port })
      } else if (row.addresses !== addresses || row.port !== this.port || row.fingerprint !== this.identity.fingerprint) {
        write.update(fleetDesks, this.core.id, { addresses, port: this.port, ...(row.fingerprint !== this.identity.fingerprint && fleet.admission === 'key' ? mine : {}) })
      }
    })
  }

  // ——— small reads ———

  private fleetMembers(): FleetDeskRow[] {
    return this.core.sqlite.prepare('SELECT id, fingerprint, certificate, via, addresses, port FROM fleet_desks ORDER BY id').all() as FleetDeskRow[]
  }

  private addressesOf(desk: FleetDeskRow): string[] {
    if (!desk.port) return []
    let hosts: unknown
    try {
      hosts = JSON.parse(desk.addresses)
    } catch {
      return []
    }
    return Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string').map((host) => addressText({ host, port: desk.port })) : []
  }

  private deskOfFingerprint(fingerprint: string): string | null {
    const row =
      (this.core.sqlite.prepare('SELECT id FROM fleet_desks WHERE fingerprint = ?').get(fingerprint) as { id: string } | undefined) ??
      (this.core.sqlite.prepare('SELECT desk_id AS id FROM known_peers WHERE fingerprint = ? AND desk_id IS NOT NULL').get(fingerprint) as { id: string } | undefined)
    return row?.id ?? [...this.notes.values()].find((n) => n.fingerprint === fingerprint)?.deskId ?? null
  }

  private deskName(deskId: string): string | null {
    return (this.core.sqlite.prepare('SELECT name FROM desks WHERE id = ?').get(deskId) as { name: string } | undefined)?.name ?? null
  }

  private sourceOf(address: string): PeerRow['via'] {
    const row = this.core.sqlite.prepare('SELECT source FROM known_peers WHERE address = ?').get(address) as { source: 'manual' | 'pairing' } | undefined
    if (row) return row.source
    const scripted = (this.options.peers ?? []).map((p) => parseAddress(p, DEFAULT_PEER_PORT))
    return scripted.some((p) => p && addressText(p) === address) ? 'script' : 'discovery'
  }

  /** Where this desk's peer server can be reached: its bind address, or every IPv4 address of the machine when bound to all. */
  ownAddresses(): string[] {
    const host = this.options.host
    if (host !== '0.0.0.0' && host !== '::') return [host === 'localhost' ? '127.0.0.1' : host]
    const all = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .filter((i) => i.family === 'IPv4')
      .sort((a, b) => Number(a.internal) - Number(b.internal))
      .map((i) => i.address)
    return all.length > 0 ? all : ['127.0.0.1']
  }

  /** Screens refresh on the sync topic; at most every ANNOUNCE_MS while records stream. */
  private announce(): void {
    if (this.announceTimer || this.closed) return
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null
      this.core.announce([SYNC_TOPIC])
    }, ANNOUNCE_MS)
    this.announceTimer.unref()
  }
}
