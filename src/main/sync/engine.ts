/**
 * Desk-to-desk sync: every desk is a peer. Over each link (a socket.io socket,
 * already authenticated by the layer below) the two desks exchange version
 * vectors — per origin desk, the newest record each holds — and each streams
 * the other what it lacks, oldest first, in batches with one acknowledgement
 * each. A desk holds every origin's records as a prefix of that origin's log
 * (records of an origin always travel in their order), so the newest HLC per
 * origin is an exact cursor: a desk that was off for a day gets exactly what
 * it lacks, a link that drops mid-way resumes where it stopped, and records
 * are relayed (C gets A's records through B) because a desk forwards every
 * origin it holds. Applying is the kernel's `applyRemoteChanges`: idempotent,
 * order-free, validated. Memory stays bounded: a link has at most WINDOW
 * batches of at most BATCH records in flight.
 */
import { EventEmitter } from 'node:events'
import type { ApplyResult, ChangeRecord } from '../core/changelog'
import type { Core } from '../core/core'

export const SYNC_PROTOCOL = 2
const BATCH = 1000
const WINDOW = 2
const ACK_TIMEOUT_MS = 60_000

/** What a link carries: named messages, each answered once (socket.io emit with an acknowledgement). */
export interface PeerLink {
  readonly address: string
  /** The desk that opened the link (of two links between the same desks, the one opened by the lower desk id stays). */
  readonly dialer?: string
  /** Tells the peer this side now answers its messages. */
  signalReady(): void
  /** Settles when the peer said it answers ours: nothing is sent before (it would be dropped). */
  readonly peerReady: Promise<void>
  request<T>(event: string, payload: unknown, timeoutMs: number): Promise<T>
  handle(event: string, handler: (payload: unknown) => Promise<unknown>): void
  onClose(handler: () => void): void
  close(): void
}

export interface Hello {
  protocol: number
  deskId: string
  deskName: string
  appVersion: string
  /** Schema level (migrations applied). */
  level: number
  vector: Record<string, string>
  /** How many records this desk holds: with the peer's own count, a rough "catching up" measure. */
  records: number
  /** The sender's wall clock (ms since 1970) when it said hello: the two desks' clocks compared. */
  wallClock: number
}

interface Batch {
  records: ChangeRecord[]
}

interface Ack {
  vector: Record<string, string>
  result: Pick<ApplyResult, 'applied' | 'duplicates' | 'deferred'> & { rejected: number }
}

export interface PeerStatus {
  deskId: string
  deskName: string
  address: string
  appVersion: string
  level: number
  connectedAt: string
  lastExchangeAt: string | null
  /** Records we have sent that they have not acknowledged yet, and an estimate of what is still to send. */
  outgoingPending: number
  /** Records they hold that we lack, estimated from their hello and what has arrived since. */
  incomingPending: number
  received: number
  sent: number
  /** They run a newer schema: their newer records wait here until this desk is updated. */
  newerThanUs: boolean
  olderThanUs: boolean
  /** Their wall clock minus ours when they said hello (ms; positive: theirs is ahead). */
  clockOffsetMs: number
  /** Who opened the link. */
  direction: 'in' | 'out'
}

interface Peer {
  link: PeerLink
  status: PeerStatus
  /** Their vector as they last told us, raised by what we sent (optimistically, once acknowledged). */
  theirs: Map<string, string>
  /** Per origin, the newest record sent to them (acknowledged or in flight). */
  sent: Map<string, string>
  inFlight: number
  pumping: boolean
}

const toMap = (v: Record<string, string>) => new Map(Object.entries(v))
const toObject = (v: ReadonlyMap<string, string>) => Object.fromEntries(v)

function raise(vector: Map<string, string>, records: readonly ChangeRecord[]): void {
  for (const r of records) if (r.hlc > (vector.get(r.deskId) ?? '')) vector.set(r.deskId, r.hlc)
}

export class SyncEngine extends EventEmitter {
  private readonly peers = new Map<string, Peer>()
  /** Per origin, the newest record this desk has seen (applied, duplicate or refused): what it tells peers. */
  private readonly seen: Map<string, string>
  private readonly stopWatching: () => void

  constructor(
    private readonly core: Core,
    private readonly deskName: () => string
  ) {
    super()
    this.seen = core.versionVector()
    // Any write (local, or merged from one peer) may be news for the others.
    this.stopWatching = core.onChanged((event) => {
      if (!event.tables.includes('changes')) return // live state announced, no record written
      for (const [origin, hlc] of core.versionVector()) if (hlc > (this.seen.get(origin) ?? '')) this.seen.set(origin, hlc)
      for (const peer of this.peers.values()) void this.pump(peer)
    })
  }

  hello(): Hello {
    const records = this.core.sqlite.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }
    return {
      protocol: SYNC_PROTOCOL,
      deskId: this.core.id,
      deskName: this.deskName(),
      appVersion: this.core.appVersion,
      level: this.core.changeLog.level,
      vector: toObject(this.seen),
      records: records.n,
      wallClock: Date.now()
    }
  }

  /**
   * Starts exchanging over an authenticated link whose peer said `theirHello`.
   * Returns when the link is set up; records flow until it closes.
   */
  attach(link: PeerLink, theirHello: Hello): void {
    const existing = this.peers.get(theirHello.deskId)
    if (existing) {
      // Both desks dialed each other: both keep the link the lower desk id opened (a reconnect in the same direction replaces the old).
      const preferred = [this.core.id, theirHello.deskId].sort()[0]
      if (existing.link.dialer !== link.dialer && existing.link.dialer === preferred) return void link.close()
      existing.link.close()
    }
    const now = new Date().toISOString()
    const peer: Peer = {
      link,
      theirs: toMap(theirHello.vector),
      sent: new Map(),
      inFlight: 0,
      pumping: false,
      status: {
        deskId: theirHello.deskId,
        deskName: theirHello.deskName,
        address: link.address,
        appVersion: theirHello.appVersion,
        level: theirHello.level,
        connectedAt: now,
        lastExchangeAt: null,
        outgoingPending: 0,
        incomingPending: Math.max(0, theirHello.records - this.hello().records),
        received: 0,
        sent: 0,
        newerThanUs: theirHello.level > this.core.changeLog.level,
        olderThanUs: theirHello.level < this.core.changeLog.level,
        clockOffsetMs: typeof theirHello.wallClock === 'number' ? theirHello.wallClock - Date.now() : 0,
        direction: link.dialer === this.core.id ? 'out' : 'in'
      }
    }
    this.peers.set(theirHello.deskId, peer)
    link.handle('batch', async (payload) => this.receive(peer, payload as Batch))
    link.signalReady()
    link.onClose(() => {
      if (this.peers.get(theirHello.deskId) === peer) this.peers.delete(theirHello.deskId)
      this.emit('status')
    })
    this.emit('status')
    void link.peerReady.then(() => this.pump(peer))
  }

  peerStatus(): PeerStatus[] {
    return [...this.peers.values()].map((p) => ({ ...p.status }))
  }

  /** The live link to a desk, if there is one. */
  linkTo(deskId: string): PeerLink | null {
    return this.peers.get(deskId)?.link ?? null
  }

  close(): void {
    this.stopWatching()
    for (const peer of this.peers.values()) peer.link.close()
    this.peers.clear()
  }

  private async receive(peer: Peer, batch: Batch): Promise<Ack> {
    const records = Array.isArray(batch?.records) ? batch.records : []
    const result = await this.core.applyRemoteChanges(records)
    raise(this.seen, records.filter((r) => typeof r?.deskId === 'string' && typeof r?.hlc === 'string'))
    raise(peer.theirs, records) // they hold what they sent us
    peer.status.received += records.length
    peer.status.incomingPending = Math.max(0, peer.status.incomingPending - records.length)
    peer.status.lastExchangeAt = new Date().toISOString()
    this.emit('status')
    return {
      vector: toObject(this.seen),
      result: { applied: result.applied, duplicates: result.duplicates, deferred: result.deferred, rejected: result.rejected.length }
    }
  }

  /** Sends the peer what it lacks, at most WINDOW batches in flight. */
  private async pump(peer: Peer): Promise<void> {
    if (peer.pumping) return
    peer.pumping = true
    try {
      while (peer.inFlight < WINDOW && this.peers.get(peer.status.deskId) === peer) {
        const batch = this.nextBatch(peer)
        if (batch.length === 0) break
        raise(peer.sent, batch)
        peer.inFlight++
        peer.status.outgoingPending += batch.length
        void peer.link
          .request<Ack>('batch', { records: batch } satisfies Batch, ACK_TIMEOUT_MS)
          .then(
            (ack) => {
              for (const [origin, hlc] of toMap(ack.vector)) if (hlc > (peer.theirs.get(origin) ?? '')) peer.theirs.set(origin, hlc)
              peer.status.sent += batch.length
              peer.status.lastExchangeAt = new Date().toISOString()
            },
            () => {
              // Not acknowledged (link lost, peer too slow): forget what was in flight; the next hello resumes from their vector.
              peer.sent = new Map(peer.theirs)
            }
          )
          .finally(() => {
            peer.inFlight--
            peer.status.outgoingPending -= batch.length
            this.emit('status')
            void this.pump(peer)
          })
      }
    } finally {
      peer.pumping = false
    }
  }

  /** The oldest records the peer lacks and has not been sent, up to BATCH. */
  private nextBatch(peer: Peer): ChangeRecord[] {
    const known = new Map(peer.theirs)
    for (const [origin, hlc] of peer.sent) if (hlc > (known.get(origin) ?? '')) known.set(origin, hlc)
    let from: string | null = null
    for (const [origin, hlc] of this.seen) {
      const theirs = known.get(origin) ?? ''
      if (hlc > theirs && (from === null || theirs < from)) from = theirs
    }
    return from === null ? [] : this.core.changesAfter(known, from, BATCH)
  }
}
