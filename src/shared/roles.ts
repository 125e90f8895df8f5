export const ROLES = ['organizer', 'desk', 'scanner', 'kiosk', 'badge_station'] as const
export type Role = (typeof ROLES)[number]

/** Convenience groups used by the contract. */
export const STAFF_ROLES = {
  organizer: ['organizer'],
  desk: ['organizer', 'desk'],
  checkin: ['organizer', 'desk', 'scanner'],
  anyStaff: ROLES
} as const satisfies Record<string, readonly Role[]>
