/** This desk and its name. */
import { z } from 'zod'
import { FIELD_MESSAGES } from '../fields'
import { STAFF_ROLES } from '../roles'
import { method } from './method'

/**
 * This desk's clock is behind changes it has made or received by more than the
 * 5 minutes the clock tolerates: desks would order edits wrongly. Check-ins go on.
 */
export interface ClockWarning {
  cause: 'behind_history' | 'behind_peer'
  minutesBehind: number
}

export const deskContract = {
  'desk.rename': method<{ deskId: string; deskName: string }>()({
    input: z.object({ name: z.string().trim().min(1, FIELD_MESSAGES.nameRequired).max(60) }).strict(),
    roles: STAFF_ROLES.organizer
  })
}
