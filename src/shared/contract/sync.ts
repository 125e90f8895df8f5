/** Desks together: pairing, the fleet's desks, removal, and the sync status screens show. */
import { z } from 'zod'
import { id } from '../fields'
import { STAFF_ROLES } from '../roles'
import { method } from './method'

/** The topic of live sync state (links, progress, invitation): announced, not written. */
export const SYNC_TOPIC = 'sync'

/** Beyond this, desks order edits wrongly (the HLC tolerates 5 minutes): the screen warns. */
export const CLOCK_TOLERANCE_MS = 5 * 60_000

/** green: every desk of the fleet connected; amber: some; grey: none (alone is fine: nothing stops working). */
export type SyncSummary = 'all' | 'some' | 'alone'

export interface ClockSkew {
  deskId: string
  deskName: string
  /** Their clock minus ours, ms. */
  offsetMs: number
}

/** What every signed-in screen may show (the header indicator). */
export interface SyncSummaryStatus {
  summary: SyncSummary
  /** Desks of the fleet linked right now / all other desks of the fleet. */
  connected: number
  fleetDesks: number
  /** Records peers hold that this desk has not received yet (0: caught up). */
  catchingUp: number
  /** A peer runs a newer schema: its newest records wait here until this desk is updated. */
  updateNeeded: boolean
  /** Peers whose clock differs from this desk's by more than CLOCK_TOLERANCE_MS. */
  clockSkews: ClockSkew[]
  /** This desk was removed from its fleet: it no longer syncs. */
  removed: { at: string; byDeskName: string | null } | null
}

export type PeerState = 'connected' | 'offline' | 'refused' | 'removed'

export interface PeerRow {
  deskId: string | null
  deskName: string | null
  state: PeerState
  /** Addresses this desk knows for it ("host:port"). */
  addresses: string[]
  fingerprint: string | null
  /** How it was found or admitted. */
  via: 'founder' | 'invitation' | 'fleet_key' | 'manual' | 'pairing' | 'script' | 'discovery' | null
  direction: 'in' | 'out' | null
  connectedSince: string | null
  lastExchangeAt: string | null
  /** Records sent and not acknowledged / records they hold that we lack (estimates while catching up). */
  outgoingPending: number
  incomingPending: number
  received: number
  sent: number
  clockOffsetMs: number | null
  appVersion: string | null
  /** They run a newer schema (this desk should be updated) / an older one (they should). */
  newerSchema: boolean
  olderSchema: boolean
  /** Why the last attempt to link failed (a key for the screen), and in English. */
  problem: string | null
  problemDetail: string | null
  /** Messages from it refused as altered, replayed or reordered. */
  rejectedMessages: number
}

export interface InvitationStatus {
  code: string
  expiresAt: string
  state: 'open' | 'used' | 'expired' | 'burned' | 'cancelled'
  attempts: number
  /** The desk that joined with it. */
  joined: { deskId: string; deskName: string } | null
}

export interface SyncStatus extends SyncSummaryStatus {
  deskId: string
  /** Organizers only from here on (null for other roles). */
  detail: {
    fleetId: string | null
    /** 'key': the fleet admits any desk proving its key (set up with --fleet-key); 'paired': only paired certificates. */
    admission: 'key' | 'paired' | null
    keyEpoch: number | null
    fingerprint: string
    addresses: string[]
    port: number
    discovery: boolean
    /** Addresses this desk dials because they were typed (sync.addAddress) or came with pairing: the ones sync.forgetAddress forgets. */
    knownAddresses: { address: string; source: 'manual' | 'pairing' }[]
    invitation: InvitationStatus | null
    peers: PeerRow[]
  } | null
}

export interface Invitation {
  /** What a person types on the joining desk: XXXX-XXXX-XXXX. */
  code: string
  /** The QR code's text (the code plus every address and the full fingerprint). */
  qr: string
  expiresAt: string
  deskName: string
  addresses: string[]
  port: number
  /** SHA-256 of this desk's certificate, hex: shown for a person to compare on the joining desk. */
  fingerprint: string
}

export interface JoinResult {
  fleetId: string
  /** The desk that let this one in, and its certificate's fingerprint (compare with its screen). */
  organizerDeskId: string
  organizerDeskName: string
  fingerprint: string
  address: string
}

const none = z.object({}).strict()

export const syncContract = {
  /**
   * Signed in: the summary (organizers: with details). Also without a session on a desk
   * that has no staff yet: a desk that has just joined shows its catch-up until staff arrive.
   */
  'sync.status': method<SyncStatus>()({ input: none, roles: 'public', reads: [SYNC_TOPIC, 'fleet_desks', 'desk_removals', 'desks'] }),
  'sync.invite': method<Invitation>()({ input: none, roles: STAFF_ROLES.organizer }),
  'sync.cancelInvite': method<{ ok: true }>()({ input: none, roles: STAFF_ROLES.organizer }),
  /** On the joining desk: a desk with no staff yet may join without signing in; otherwise an organizer. */
  'sync.join': method<JoinResult>()({
    input: z
      .object({
        code: z.string().max(40).optional(),
        qr: z.string().max(2000).optional(),
        /** The organizer desk's address, when the code alone does not find it ("host" or "host:port"). */
        address: z.string().trim().max(300).optional()
      })
      .strict(),
    roles: 'public'
  }),
  'sync.removeDesk': method<{ keyEpoch: number }>()({ input: z.object({ deskId: id }).strict(), roles: STAFF_ROLES.organizer }),
  /** Manual address entry: a desk to dial ("host:port"), for networks where discovery finds nothing. */
  'sync.addAddress': method<{ address: string }>()({ input: z.object({ address: z.string().trim().min(1).max(300) }).strict(), roles: STAFF_ROLES.organizer }),
  'sync.forgetAddress': method<{ ok: true }>()({ input: z.object({ address: z.string().trim().min(1).max(300) }).strict(), roles: STAFF_ROLES.organizer })
}
