export const ROLES = ['organizer', 'desk', 'scanner', 'kiosk', 'badge_station', 'sales', 'sales_manager', 'exhibitor', 'vendor_manager'] as const
export type Role = (typeof ROLES)[number]

/** Convenience groups used by the contract. */
export const STAFF_ROLES = {
  organizer: ['organizer'],
  desk: ['organizer', 'desk'],
  checkin: ['organizer', 'desk', 'scanner'],
  anyStaff: ROLES,
  /** The sales team: own (and, by grant, the team's) pipeline. */
  sales: ['organizer', 'sales_manager', 'sales'],
  /** Approvals, quotas, commission plans, sales settings. */
  salesManager: ['organizer', 'sales_manager'],
  /** Lead scanning at a booth: the exhibitor's staff (their own leads only) and organizers. */
  booth: ['organizer', 'exhibitor'],
  /** Vendors, quotes, contracts and budgets: never the door's roles (desk, scanner, kiosk, badge station). */
  vendors: ['organizer', 'vendor_manager']
} as const satisfies Record<string, readonly Role[]>
