/** Staff, PINs, roles and sessions. */
import { z } from 'zod'
import type { staff } from '../../main/staff/schema'
import { clientId, FIELD_MESSAGES, id, LIMITS, text } from '../fields'
import { ROLES, STAFF_ROLES } from '../roles'
import type { ClockWarning } from './desk'
import { method } from './method'

const M = FIELD_MESSAGES

export const staffInput = z.object({
  name: text().min(1, M.nameRequired),
  role: z.enum(ROLES),
  pin: z
    .string()
    .regex(/^\d+$/, M.pinDigits)
    .min(LIMITS.pin.min, M.pinTooShort)
    .max(LIMITS.pin.max, M.pinTooLong)
})

/** A staff member as screens see them: never the PIN hash. */
export type StaffRow = Pick<typeof staff.$inferSelect, 'id' | 'name' | 'role' | 'active'>

export interface SessionInfo {
  token: string
  staff: StaffRow
  deskId: string
  deskName: string
}

export interface DeskStatus {
  firstRun: boolean
  deskId: string
  deskName: string
  appVersion: string
  schemaVersion: string
  clockWarning: ClockWarning | null
}

const none = z.object({}).strict()

export const staffContract = {
  'system.status': method<DeskStatus>()({ input: none, roles: 'public', reads: ['desks', 'staff'] }),
  'staff.setupFirstOrganizer': method<SessionInfo>()({
    input: staffInput.omit({ role: true }).strict(),
    roles: 'public'
  }),
  'staff.signInOptions': method<Pick<StaffRow, 'id' | 'name' | 'role'>[]>()({ input: none, roles: 'public', reads: ['staff'] }),
  'staff.signIn': method<SessionInfo>()({
    input: z.object({ staffId: id, pin: z.string().min(1).max(32) }).strict(),
    roles: 'public'
  }),
  'staff.me': method<Omit<SessionInfo, 'token'>>()({ input: none, roles: ROLES, reads: ['staff', 'desks'] }),
  'staff.signOut': method<{ ok: true }>()({ input: none, roles: ROLES }),
  'staff.list': method<StaffRow[]>()({ input: none, roles: STAFF_ROLES.organizer, reads: ['staff'] }),
  'staff.create': method<StaffRow>()({ input: staffInput.extend({ id: clientId }).strict(), roles: STAFF_ROLES.organizer }),
  'staff.update': method<StaffRow>()({
    input: staffInput.partial().extend({ id, active: z.boolean().optional() }).strict(),
    roles: STAFF_ROLES.organizer
  })
}
