export const ROLES = ['organizer', 'desk', 'scanner', 'kiosk', 'badge_station', 'vendor_manager'] as const
export type Role = (typeof ROLES)[number]

/** Convenience groups used by the contract. */
export const STAFF_ROLES = {
  organizer: ['organizer'],
  desk: ['organizer', 'desk'],
  checkin: ['organizer', 'desk', 'scanner'],
  /** Vendors, quotes, contracts and budgets: never the door's roles (desk, scanner, kiosk, badge station). */
  vendors: ['organizer', 'vendor_manager'],
  anyStaff: ROLES
} as const satisfies Record<string, readonly Role[]>
