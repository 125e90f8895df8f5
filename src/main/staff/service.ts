/** What other domains may ask of staff: a supervisor's PIN, checked and throttled like a sign-in. */
import { ApiError } from '../../shared/errors'
import type { Role } from '../../shared/roles'
import type { StepsCtx } from '../core/module'
import { activeMember } from './auth'
import { verifyPin } from './pin'
import { claimAttempt, forgiveAttempt, lockedOut, type Attempt } from './throttle'

/**
 * The active member `staffId` holding one of `roles`, if `pin` is theirs.
 * Counted against the same limits as signing in (a wrong PIN here is a wrong
 * PIN there), the hash checked outside the write queue.
 */
export async function confirmSupervisor(ctx: StepsCtx, staffId: string, pin: string, roles: readonly Role[]): Promise<{ id: string; name: string }> {
  const now = Date.now()
  const claimed = await ctx.transact(({ read, write }) => {
    const member = activeMember(read, staffId)
    const attempt: Attempt = { client: ctx.client, staffId: member ? member.id : null }
    return { member, attempt, wait: claimAttempt(read, write.local, attempt, now) }
  })
  if (claimed.wait !== null) throw lockedOut(claimed.wait)
  if (!claimed.member || !verifyPin(pin, claimed.member.pinHash)) {
    throw new ApiError('unauthenticated', 'Wrong name or PIN', { key: 'wrongPin' })
  }
  if (!roles.includes(claimed.member.role)) {
    throw new ApiError('forbidden', 'This member may not approve overrides', { key: 'notSupervisor' })
  }
  await ctx.transact(({ read, write }) => forgiveAttempt(read, write.local, claimed.attempt, now))
  return { id: claimed.member.id, name: claimed.member.name }
}
