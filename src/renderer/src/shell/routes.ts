/** Screens, who may see them, and the current one (kept in the URL hash so a reload stays put). */
import { useEffect, useState } from 'react'
import type { Role } from '../../../shared/roles'

export const SCREENS = ['desk', 'attendees', 'import', 'event', 'staff', 'audit'] as const
export type Screen = (typeof SCREENS)[number]

const BY_ROLE: Record<Role, readonly Screen[]> = {
  organizer: SCREENS,
  desk: ['desk', 'attendees'],
  scanner: ['desk'],
  kiosk: [],
  badge_station: []
}

export function screensFor(role: Role): readonly Screen[] {
  return BY_ROLE[role]
}

function fromHash(): Screen | null {
  const name = window.location.hash.replace(/^#\/?/, '')
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : null
}

export function navigate(screen: Screen): void {
  if (fromHash() !== screen) window.location.hash = '/' + screen
}

/** The screen in the URL, or null when there is none. */
export function useHashScreen(): Screen | null {
  const [screen, setScreen] = useState<Screen | null>(fromHash)
  useEffect(() => {
    const onChange = () => setScreen(fromHash())
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return screen
}
