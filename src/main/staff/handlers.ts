import { asc, eq, lt } from 'drizzle-orm'
import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import { mutation, sessionOf, type Handlers } from '../core/rpc'
import { changes, desks, staff } from '../db/schema'
import { queryChanges } from './audit'
import { closeSession, openSession, signIn, toStaffRow } from './auth'
import { hashPin } from './pin'

type StaffMethods =
  | 'system.status'
  | 'staff.setupFirstOrganizer'
  | 'staff.signInOptions'
  | 'staff.signIn'
  | 'desk.rename'
  | 'staff.me'
  | 'staff.signOut'
  | 'staff.list'
  | 'staff.create'
  | 'staff.update'
  | 'audit.list'

const createFirstOrganizer = mutation((input: { name: string; pin: string }, { core, write }) => {
  if (core.db.select({ id: staff.id }).from(staff).limit(1).get()) {
    throw new ApiError('conflict', 'This desk already has staff; sign in instead', { key: 'alreadySetUp' })
  }
  const row = { id: newId(), name: input.name, role: 'organizer' as const, active: true }
  write.insert(staff, { ...row, pinHash: hashPin(input.pin), createdAt: new Date().toISOString() })
  return row
})

export const staffHandlers = {
  'system.status': (_input, { core }) => ({
    firstRun: core.db.select({ id: staff.id }).from(staff).limit(1).get() === undefined,
    deskId: core.deskId,
    deskName: core.deskName,
    appVersion: core.appVersion,
    schemaVersion: core.schemaVersion,
    clockWarning: core.clock.warning
  }),

  'staff.setupFirstOrganizer': async (input, ctx) => {
    const member = await createFirstOrganizer(input, ctx)
    return ctx.core.exclusive(() => openSession(ctx.core, member))
  },

  'staff.signInOptions': (_input, { core }) =>
    core.db
      .select({ id: staff.id, name: staff.name, role: staff.role })
      .from(staff)
      .where(eq(staff.active, true))
      .orderBy(asc(staff.name))
      .all()
      .map((s) => ({ ...s, role: s.role as 'organizer' })),

  'staff.signIn': (input, { core }) => core.exclusive(() => signIn(core, input.staffId, input.pin)),

  'desk.rename': mutation((input, { core, write }) => {
    write.update(desks, core.deskId, { name: input.name })
    return { deskId: core.deskId, deskName: input.name }
  }),

  'staff.me': (_input, ctx) => ({ staff: sessionOf(ctx).staff, deskId: ctx.core.deskId, deskName: ctx.core.deskName }),

  'staff.signOut': (_input, ctx) =>
    ctx.core.exclusive(() => {
      closeSession(ctx.core, sessionOf(ctx).tokenHash)
      return { ok: true as const }
    }),

  'staff.list': (_input, { core }) => core.db.select().from(staff).orderBy(asc(staff.name)).all().map(toStaffRow),

  'staff.create': mutation((input, { write }) => {
    const row = { id: newId(), name: input.name, role: input.role, active: true }
    write.insert(staff, { ...row, pinHash: hashPin(input.pin), createdAt: new Date().toISOString() })
    return row
  }),

  'staff.update': mutation((input, ctx) => {
    const { id, pin, ...fields } = input
    if (id === sessionOf(ctx).staff.id && (fields.active === false || (fields.role && fields.role !== 'organizer'))) {
      throw new ApiError('conflict', 'You cannot deactivate yourself or take away your own organizer role', {
        key: 'cannotDemoteSelf'
      })
    }
    ctx.write.update(staff, id, { ...fields, ...(pin ? { pinHash: hashPin(pin) } : {}) })
    return toStaffRow(ctx.core.db.select().from(staff).where(eq(staff.id, id)).get()!)
  }),

  'audit.list': (input, { core }) =>
    queryChanges(core, input.before ? lt(changes.hlc, input.before) : undefined, input.limit)
} satisfies Pick<Handlers, StaffMethods>
