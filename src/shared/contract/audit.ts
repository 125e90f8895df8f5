/** The audit trail: every change on the fleet, with who, when and which desk. */
import { z } from 'zod'
import { STAFF_ROLES } from '../roles'
import { method } from './method'

export interface ChangeEntry {
  hlc: string
  at: string
  deskId: string
  deskName: string | null
  staffId: string | null
  staffName: string | null
  action: string
  table: string
  rowId: string
  op: 'insert' | 'update'
  data: Record<string, unknown>
  /**
   * Who or what the row is, as it is now: "Anna Smith (K7PX3M)" for an
   * attendee and for a check-in of theirs, a ticket type's, an event's, a staff
   * member's or a desk's name. Null when the row is gone or its module names none.
   */
  subject: string | null
  /** The currency of the amounts in `data` (amount_cents: the attendee's ticket type's; price_cents: the ticket type's). */
  currency: string | null
}

export const auditContract = {
  'audit.list': method<ChangeEntry[]>()({
    input: z
      .object({ before: z.string().max(64).optional(), limit: z.number().int().min(1).max(500).default(100) })
      .strict(),
    roles: STAFF_ROLES.organizer,
    reads: ['changes']
  })
}
