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
