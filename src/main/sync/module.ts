/**
 * Desks together, as API methods: the status screens show, pairing on both
 * desks, typed addresses and removing a desk. The work is done by the desk's
 * sync runtime (start.ts), which station mode and Electron both start.
 */
import { SYNC_TOPIC, syncContract, type SyncStatus } from '../../shared/contract/sync'
import { ApiError } from '../../shared/errors'
import { defineModule, inSteps, query, sessionOf } from '../core/module'
import { hasStaff } from '../staff/queries'
import { deskRemovals, fleetDesks, knownPeers } from './schema'
import { syncOf, type DeskSync } from './start'

function running(desk: object): DeskSync {
  const sync = syncOf(desk)
  if (!sync) throw new ApiError('conflict', 'This desk does not sync (its sync service is not running)', { key: 'syncOff' })
  return sync
}

const notRunning = (deskId: string): SyncStatus => ({
  deskId,
  summary: 'alone',
  connected: 0,
  fleetDesks: 0,
  catchingUp: 0,
  updateNeeded: false,
  clockSkews: [],
  removed: null,
  detail: null
})

export const syncModule = defineModule(syncContract, {
  name: 'sync',
  tables: [
    { table: fleetDesks, kind: 'lww', scope: 'fleet', describe: 'SELECT d.name AS subject FROM fleet_desks f LEFT JOIN desks d ON d.id = f.id WHERE f.id = ?' },
    { table: deskRemovals, kind: 'fact', scope: 'fleet', describe: 'SELECT d.name AS subject FROM desk_removals r LEFT JOIN desks d ON d.id = r.desk_id WHERE r.id = ?' },
    { table: knownPeers, kind: 'local' }
  ],
  topics: [SYNC_TOPIC],
  handlers: {
    'sync.status': query((_input, ctx) => {
      // Without a session only while the desk has no staff: a desk that just joined shows its catch-up on its first screen.
      if (!ctx.session && hasStaff(ctx.read)) throw new ApiError('unauthenticated', 'Sign in first', { key: 'signInFirst' })
      const sync = syncOf(ctx.desk)
      if (!sync) return notRunning(ctx.desk.id)
      return sync.status(ctx.session?.staff.role === 'organizer')
    }),

    'sync.invite': inSteps(async (_input, ctx) => running(ctx.desk).invite()),

    'sync.cancelInvite': query((_input, ctx) => {
      running(ctx.desk).cancelInvite()
      return { ok: true as const }
    }),

    'sync.join': inSteps(async (input, ctx) => {
      // A desk with no staff yet joins from its first screen; once it has staff, only an organizer may.
      if (hasStaff(ctx.read) && ctx.session?.staff.role !== 'organizer') {
        throw new ApiError(ctx.session ? 'forbidden' : 'unauthenticated', 'Only an organizer may pair this desk with a fleet', { key: ctx.session ? 'forbidden' : 'signInFirst' })
      }
      if (!input.code && !input.qr) throw new ApiError('invalid_input', 'Type the pairing code or scan its QR code', { key: 'invalidField', issues: [{ path: 'code', message: 'Type the pairing code or scan its QR code', key: 'required' }] })
      return running(ctx.desk).join(input)
    }),

    'sync.removeDesk': inSteps(async (input, ctx) => ({ keyEpoch: await running(ctx.desk).removeDesk(input.deskId, sessionOf(ctx).staff.id) })),

    'sync.addAddress': inSteps(async (input, ctx) => ({ address: await running(ctx.desk).addAddress(input.address) })),

    'sync.forgetAddress': inSteps(async (input, ctx) => {
      await running(ctx.desk).forgetAddress(input.address)
      return { ok: true as const }
    })
  }
})
