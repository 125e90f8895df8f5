import { createHash, randomBytes } from 'node:crypto'
import type { SessionInfo, StaffRow } from '../../shared/contract/staff'
import { ApiError } from '../../shared/errors'
import type { Desk, Session, SessionStaff, StepsCtx } from '../core/module'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { deskName } from '../desk/queries'
import { verifyPin } from './pin'
import { claimAttempt, forgiveAttempt, lockedOut, type Attempt } from './throttle'

const SESSION_HOURS = 24

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * The session behind a bearer token, or null if it is unknown, expired, its
 * staff member was deactivated, or their sessions were ended since it opened
 * (on any desk: the member's session_epoch travels with the staff row).
 */
export function resolveSession(read: GuardedSql, token: string): Session | null {
  const tokenHash = hashToken(token)
  const staff = read.get<SessionStaff>(
    `SELECT st.id, st.name, st.role FROM sessions se JOIN staff st ON st.id = se.staff_id
     WHERE se.token_hash = ? AND se.expires_at > ? AND st.active = 1 AND se.staff_epoch = st.session_epoch`,
    tokenHash,
    new Date().toISOString()
  )
  return staff ? { staff, tokenHash } : null
}

type Member = StaffRow & { pinHash: string }

export function activeMember(read: GuardedSql, staffId: string): Member | null {
  const member = read.get<Omit<Member, 'active'> & { active: number }>(
    'SELECT id, name, role, active, pin_hash AS pinHash FROM staff WHERE id = ?',
    staffId
  )
  return member && member.active === 1 ? { ...member, active: true } : null
}

const wrongPin = () => new ApiError('unauthenticated', 'Wrong name or PIN', { key: 'wrongPin' })

/**
 * Checks a PIN and opens a session, throttled (throttle.ts): the attempt is
 * counted first, the PIN hash is checked outside the write queue, and a right
 * PIN takes the count back.
 */
export async function signIn(ctx: StepsCtx, staffId: string, pin: string): Promise<SessionInfo> {
  const now = Date.now()
  const claimed = await ctx.transact(({ read, write }) => {
    const member = activeMember(read, staffId)
    const attempt: Attempt = { client: ctx.client, staffId: member ? member.id : null }
    return { member, attempt, wait: claimAttempt(read, write.local, attempt, now) }
  })
  if (claimed.wait !== null) throw lockedOut(claimed.wait)
  if (!claimed.member || !verifyPin(pin, claimed.member.pinHash)) throw wrongPin()
  return ctx.transact(({ desk, read, write }) => {
    // Deactivated or re-PINned while the PIN was being checked: the old PIN no longer opens anything.
    const member = activeMember(read, staffId)
    if (!member || member.pinHash !== claimed.member!.pinHash) throw wrongPin()
    forgiveAttempt(read, write.local, claimed.attempt, now)
    return openSession(desk, read, write, member)
  })
}

export function openSession(desk: Desk, read: GuardedSql, write: Writer, member: StaffRow): SessionInfo {
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  write.local.run('DELETE FROM sessions WHERE expires_at < ?', now.toISOString())
  write.local.run(
    `INSERT INTO sessions (token_hash, staff_id, created_at, expires_at, staff_epoch)
     VALUES (?, ?, ?, ?, (SELECT session_epoch FROM staff WHERE id = ?))`,
    hashToken(token),
    member.id,
    now.toISOString(),
    new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
    member.id
  )
  const { id, name, role } = member
  return { token, staff: { id, name, role, active: true }, deskId: desk.id, deskName: deskName(read, desk.id) }
}

export function closeSession(write: Writer, tokenHash: string): void {
  write.local.run('DELETE FROM sessions WHERE token_hash = ?', tokenHash)
}

/** The member's session_epoch after a change that ends their sessions (deactivation, re-activation, PIN reset). */
export function nextSessionEpoch(read: GuardedSql, staffId: string): number {
  return (read.get<{ epoch: number }>('SELECT session_epoch AS epoch FROM staff WHERE id = ?', staffId)?.epoch ?? 0) + 1
}

/** Keeps one session alive across its own member's epoch change (an organizer changing their own PIN stays signed in). */
export function keepSession(write: Writer, tokenHash: string, epoch: number): void {
  write.local.run('UPDATE sessions SET staff_epoch = ? WHERE token_hash = ?', epoch, tokenHash)
}
