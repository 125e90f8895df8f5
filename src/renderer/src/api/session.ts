/**
 * The signed-in operator (token + staff + desk), kept in a zustand store and
 * mirrored to localStorage under `eventdesk.session`, so a reload keeps the
 * operator signed in. Another window signing out signs this one out too.
 */
import { create } from 'zustand'
import type { SessionInfo } from '../../../shared/contract/staff'
import { ROLES } from '../../../shared/roles'

export const SESSION_KEY = 'eventdesk.session'

interface SessionState {
  session: SessionInfo | null
  signIn(session: SessionInfo): void
  update(patch: Partial<Omit<SessionInfo, 'token'>>): void
  signOut(): void
}

function isSession(value: unknown): value is SessionInfo {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Partial<SessionInfo>
  return (
    typeof v.token === 'string' &&
    typeof v.deskName === 'string' &&
    typeof v.staff === 'object' &&
    v.staff !== null &&
    typeof v.staff.id === 'string' &&
    typeof v.staff.name === 'string' &&
    (ROLES as readonly string[]).includes(v.staff.role)
  )
}

function readStored(): SessionInfo | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY)
    if (!raw) return null
    const parsed: unknown = JSON.parse(raw)
    return isSession(parsed) ? parsed : null
  } catch {
    return null
  }
}

function store(session: SessionInfo | null): void {
  try {
    if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session))
    else localStorage.removeItem(SESSION_KEY)
  } catch {
    // Private mode or a full disk: the session still lives for this page.
  }
}

export const useSession = create<SessionState>((set, get) => ({
  session: readStored(),
  signIn: (session) => {
    store(session)
    set({ session })
  },
  update: (patch) => {
    const current = get().session
    if (!current) return
    const next = { ...current, ...patch }
    store(next)
    set({ session: next })
  },
  signOut: () => {
    store(null)
    set({ session: null })
  }
}))

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== SESSION_KEY) return
    const next = readStored()
    if (next?.token !== useSession.getState().session?.token) useSession.setState({ session: next })
  })
}

export function currentToken(): string | null {
  return useSession.getState().session?.token ?? null
}
