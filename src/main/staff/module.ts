/** Staff, PINs, roles and sessions; this desk's status for the sign-in screen. */
import { staffContract } from '../../shared/contract/staff'
import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import { defineModule, inSteps, mutation, query, sessionOf } from '../core/module'
import { deskName } from '../desk/queries'
import { closeSession, keepSession, nextSessionEpoch, openSession, resolveSession, signIn } from './auth'
import { hashPin } from './pin'
import { getStaff, hasStaff, listStaff } from './queries'
import { sessions, signInThrottle, staff } from './schema'

export const staffModule = defineModule(staffContract, {
  name: 'staff',
  tables: [
    // Staff travel with the fleet, PIN hashes (scrypt) included, so people sign in at any desk.
    { table: staff, kind: 'lww', scope: 'fleet', describe: 'SELECT name AS subject FROM staff WHERE id = ?' },
    { table: sessions, kind: 'local' },
    { table: signInThrottle, kind: 'local' }
  ],
  authenticate: resolveSession,
  sessionTables: ['staff', 'sessions'],
  handlers: {
    'system.status': query((_input, { desk, read }) => ({
      firstRun: !hasStaff(read),
      deskId: desk.id,
      deskName: deskName(read, desk.id),
      appVersion: desk.appVersion,
      schemaVersion: desk.schemaVersion,
      clockWarning: desk.clockWarning()
    })),

    'staff.setupFirstOrganizer': mutation((input, { desk, read, write }) => {
      if (hasStaff(read)) throw new ApiError('conflict', 'This desk already has staff; sign in instead', { key: 'alreadySetUp' })
      const row = { id: newId(), name: input.name, role: 'organizer' as const, active: true }
      write.insert(staff, { ...row, pinHash: hashPin(input.pin), createdAt: new Date().toISOString() })
      return openSession(desk, read, write, row)
    }),

    'staff.signInOptions': query((_input, { read }) => listStaff(read, true).map(({ id, name, role }) => ({ id, name, role }))),

    'staff.signIn': inSteps((input, ctx) => signIn(ctx, input.staffId, input.pin)),

    'staff.me': query((_input, ctx) => ({
      staff: getStaff(ctx.read, sessionOf(ctx).staff.id),
      deskId: ctx.desk.id,
      deskName: deskName(ctx.read, ctx.desk.id)
    })),

    'staff.signOut': mutation((_input, ctx) => {
      closeSession(ctx.write, sessionOf(ctx).tokenHash)
      return { ok: true as const }
    }),

    'staff.list': query((_input, { read }) => listStaff(read)),

    'staff.create': mutation((input, { read, write }) => {
      const id = input.id ?? newId()
      if (read.get('SELECT 1 FROM staff WHERE id = ?', id)) return getStaff(read, id)
      write.insert(staff, { id, name: input.name, role: input.role, active: true, pinHash: hashPin(input.pin), createdAt: new Date().toISOString() })
      return getStaff(read, id)
    }),

    'staff.update': mutation((input, ctx) => {
      const { id, pin, ...fields } = input
      const self = sessionOf(ctx)
      if (id === self.staff.id && (fields.active === false || (fields.role && fields.role !== 'organizer'))) {
        throw new ApiError('conflict', 'You cannot deactivate yourself or take away your own organizer role', {
          key: 'cannotDemoteSelf'
        })
      }
      // A new PIN, a deactivation or a re-activation ends the member's sessions on every desk.
      const endsSessions = pin !== undefined || (fields.active !== undefined && fields.active !== getStaff(ctx.read, id).active)
      const sessionEpoch = endsSessions ? nextSessionEpoch(ctx.read, id) : undefined
      ctx.write.update(staff, id, { ...fields, ...(pin ? { pinHash: hashPin(pin) } : {}), sessionEpoch })
      if (sessionEpoch !== undefined && id === self.staff.id) keepSession(ctx.write, self.tokenHash, sessionEpoch)
      return getStaff(ctx.read, id)
    })
  }
})
