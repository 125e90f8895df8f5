/**
 * One shell per kind of device, each loaded on demand as its own chunk: the
 * back office (organizers, desk operators, scanners), the self check-in kiosk
 * and the badge print station. A shell module exports its component as
 * `default` and a `ready` promise (its strings in the current language).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import type { ClockWarning } from '../../../shared/contract/desk'
import type { Role } from '../../../shared/roles'

export interface ShellProps {
  clockWarning: ClockWarning | null
}

type ShellModule = { default: ComponentType<ShellProps>; ready: Promise<void> }

function shell(load: () => Promise<ShellModule>): LazyExoticComponent<ComponentType<ShellProps>> {
  return lazy(async () => {
    const module = await load()
    await module.ready
    return module
  })
}

const BackOffice = shell(() => import('./backOffice/BackOffice'))
const Kiosk = shell(() => import('./kiosk/KioskShell'))
const BadgeStation = shell(() => import('./badgeStation/BadgeStationShell'))

const SHELLS: Record<Role, LazyExoticComponent<ComponentType<ShellProps>>> = {
  organizer: BackOffice,
  desk: BackOffice,
  scanner: BackOffice,
  vendor_manager: BackOffice,
  kiosk: Kiosk,
  badge_station: BadgeStation,
  sales: BackOffice,
  sales_manager: BackOffice,
  exhibitor: BackOffice
}

export function shellFor(role: Role): LazyExoticComponent<ComponentType<ShellProps>> {
  return SHELLS[role]
}
