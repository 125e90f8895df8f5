import { createHash, randomBytes } from 'node:crypto'
import type { SessionInfo, StaffRow } from '../../shared/contract/staff'
import { ApiError } from '../../shared/errors'
import { perDesk, type Desk, type Session, type SessionStaff } from '../core/module'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { deskName } from '../desk/queries'
import { verifyPin } from './pin'

const SESSION_HOURS = 24
const MAX_FAILURES = 5
const LOCKOUT_MS = 30_000

const failuresOf = perDesk(() => new Map<string, { count: number; lockedUntil: number }>())

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The session behind a bearer token, or null if it is unknown, expired or its staff member was deactivated. */
export function resolveSession(read: GuardedSql, token: string): Session | null {
  const tokenHash = hashToken(token)
  const staff = read.get<SessionStaff>(
    `SELECT st.id, st.name, st.role FROM sessions se JOIN staff st ON st.id = se.staff_id
     WHERE se.token_hash = ? AND se.expires_at > ? AND st.active = 1`,
    tokenHash,
    new Date().toISOString()
  )
  return staff ? { staff, tokenHash } : null
}

/** Checks a PIN (with a lockout after repeated failures) and opens a session. */
export function signIn(desk: Desk, read: GuardedSql, write: Writer, staffId: string, pin: string): SessionInfo {
  const failures = failuresOf(desk)
  const now = Date.now()
  const state = failures.get(staffId)
  if (state && state.lockedUntil > now) {
    const seconds = Math.ceil((state.lockedUntil - now) / 1000)
    throw new ApiError('rate_limited', `Too many wrong PINs. Try again in ${seconds} seconds.`, { key: 'lockedOut', params: { seconds } })
  }
  const member = read.get<StaffRow & { pinHash: string }>(
    'SELECT id, name, role, active = 1 AS active, pin_hash AS pinHash FROM staff WHERE id = ?',
    staffId
  )
  if (!member || !member.active || !verifyPin(pin, member.pinHash)) {
    const count = (state?.count ?? 0) + 1
    failures.set(staffId, { count, lockedUntil: count >= MAX_FAILURES ? now + LOCKOUT_MS : 0 })
    throw new ApiError('unauthenticated', 'Wrong name or PIN', { key: 'wrongPin' })
  }
  failures.delete(staffId)
  return openSession(desk, read, write, { id: member.id, name: member.name, role: member.role, active: true })
}

export function openSession(desk: Desk, read: GuardedSql, write: Writer, member: StaffRow): SessionInfo {
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  write.local.run('DELETE FROM sessions WHERE expires_at < ?', now.toISOString())
  write.local.run(
    'INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    hashToken(token),
    member.id,
    now.toISOString(),
    new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString()
  )
  return { token, staff: member, deskId: desk.id, deskName: deskName(read, desk.id) }
}

export function closeSession(write: Writer, tokenHash: string): void {
  write.local.run('DELETE FROM sessions WHERE token_hash = ?', tokenHash)
}
