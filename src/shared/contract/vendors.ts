/** The vendor directory, shared by every event of the fleet (organizers and vendor managers only). */
import { z } from 'zod'
import { clientId, FIELD_MESSAGES, id, LIMITS, optionalEmail, optionalLine, optionalLines, optionalText, personName } from '../fields'
import { STAFF_ROLES } from '../roles'
import { method } from './method'

const M = FIELD_MESSAGES

export const VENDOR_CATEGORIES = [
  'catering', 'av', 'decor', 'photography', 'transportation', 'security', 'venue', 'staffing', 'printing', 'other'
] as const
export type VendorCategory = (typeof VENDOR_CATEGORIES)[number]
export const VENDOR_STATUSES = ['active', 'blocked'] as const
export type VendorStatus = (typeof VENDOR_STATUSES)[number]

export const vendorContact = z
  .object({
    name: personName().refine((v) => v.length > 0, M.nameRequired),
    role: optionalLine(),
    email: optionalEmail,
    phone: optionalText(40)
  })
  .strict()
export type VendorContact = z.infer<typeof vendorContact>

const tag = z.string().trim().min(1).max(40)

export const vendorInput = z
  .object({
    name: personName().refine((v) => v.length > 0, M.nameRequired),
    categories: z.array(z.enum(VENDOR_CATEGORIES)).max(VENDOR_CATEGORIES.length).transform((c) => [...new Set(c)]),
    contacts: z.array(vendorContact).max(20),
    taxId: optionalText(40),
    website: optionalText(LIMITS.text),
    notes: optionalLines(),
    tags: z.array(tag).max(30).transform((t) => [...new Set(t)])
  })
  .strict()
export type VendorInput = z.infer<typeof vendorInput>

export interface VendorRow extends Omit<VendorInput, 'notes'> {
  id: string
  notes: string | null
  status: VendorStatus
  blockedReason: string | null
  createdAt: string
}

const reason = z.string().trim().min(1, M.reasonRequired).max(LIMITS.text)

export const vendorsContract = {
  'vendor.list': method<VendorRow[]>()({
    input: z
      .object({ category: z.enum(VENDOR_CATEGORIES).optional(), status: z.enum(VENDOR_STATUSES).optional(), search: z.string().max(LIMITS.text).optional() })
      .strict(),
    roles: STAFF_ROLES.vendors,
    reads: ['vendors']
  }),
  'vendor.get': method<VendorRow>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.vendors, reads: ['vendors'] }),
  'vendor.create': method<VendorRow>()({ input: vendorInput.extend({ id: clientId }).strict(), roles: STAFF_ROLES.vendors }),
  'vendor.update': method<VendorRow>()({ input: z.object({ id, vendor: vendorInput }).strict(), roles: STAFF_ROLES.vendors }),
  /** Blocked vendors cannot be invited to an RFQ or awarded; the reason is required. */
  'vendor.block': method<VendorRow>()({ input: z.object({ id, reason }).strict(), roles: STAFF_ROLES.vendors }),
  'vendor.unblock': method<VendorRow>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.vendors })
}
