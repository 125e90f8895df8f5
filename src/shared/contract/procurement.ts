/**
 * Requests for quotation per event: line items, invited vendors, quotes
 * entered by the organizer, the comparison, and the award that closes the RFQ
 * and turns the winning quotes into contracts.
 */
import { z } from 'zod'
import { clientId, currency, FIELD_MESSAGES, id, isoDate, LIMITS, optionalLines, optionalText, text } from '../fields'
import { STAFF_ROLES } from '../roles'
import type { BudgetWarning, ContractRow } from './contracts'
import { method } from './method'

const M = FIELD_MESSAGES

export const RFQ_STATUSES = ['draft', 'sent', 'closed', 'cancelled'] as const
export type RfqStatus = (typeof RFQ_STATUSES)[number]
export const INVITE_STATUSES = ['pending', 'received', 'declined'] as const
export type InviteStatus = (typeof INVITE_STATUSES)[number]

const reason = z.string().trim().min(1, M.reasonRequired).max(LIMITS.text)
/** A quantity with up to three decimals (kg, hours, metres). */
const quantity = z.number().positive().max(1_000_000)
const unitPrice = z.number().int().min(0).max(1_000_000_000)

export const rfqLineInput = z
  .object({
    description: text().min(1, M.nameRequired),
    quantity,
    unit: text(20).min(1),
    wantedOn: isoDate.nullish().transform((v) => v ?? null)
  })
  .strict()

export const rfqInput = z
  .object({
    id: clientId,
    eventId: id,
    title: text().min(1, M.nameRequired),
    currency,
    deadline: isoDate,
    lines: z.array(rfqLineInput).min(1).max(200),
    vendorIds: z.array(id).max(50).transform((v) => [...new Set(v)])
  })
  .strict()

export interface RfqLine {
  id: string
  position: number
  description: string
  quantity: number
  unit: string
  wantedOn: string | null
}

export interface RfqInvite {
  vendorId: string
  vendorName: string
  status: InviteStatus
  declineReason: string | null
}

export interface QuoteRow {
  id: string
  rfqId: string
  vendorId: string
  /** Unit price per RFQ line (minor units); a line the vendor does not offer is absent. */
  prices: Record<string, number>
  /** Tax rate in basis points (21% = 2100), on the amount after the discount. */
  taxBp: number
  discountMinor: number
  validUntil: string
  paymentTerms: string | null
  notes: string | null
}

/** An award as every desk computes it: the earliest award round by (time, id) wins. */
export interface RfqAward {
  roundId: string
  vendorId: string
  /** null: the whole RFQ. */
  lineId: string | null
  at: string
}

export interface RfqRow {
  id: string
  eventId: string
  title: string
  currency: string
  deadline: string
  status: RfqStatus
  createdAt: string
}

export interface RfqDetail extends RfqRow {
  lines: RfqLine[]
  invites: RfqInvite[]
  quotes: QuoteRow[]
  awards: RfqAward[]
}

export interface QuoteTotals {
  subtotalMinor: number
  discountMinor: number
  taxMinor: number
  totalMinor: number
  validUntil: string
  expired: boolean
  /** Offers every line of the RFQ. */
  complete: boolean
  paymentTerms: string | null
}

export interface Comparison {
  rfqId: string
  currency: string
  vendors: { vendorId: string; name: string; status: InviteStatus; blocked: boolean; quote: QuoteTotals | null }[]
  lines: {
    id: string
    description: string
    quantity: number
    unit: string
    /** Line total before tax and discount per vendor (minor units); null when not offered. */
    cells: { vendorId: string; unitPriceMinor: number | null; totalMinor: number | null }[]
    lowestVendorIds: string[]
  }[]
  /** Lowest total among complete, unexpired quotes. */
  lowestTotalVendorIds: string[]
}

export const budgetOverride = z.object({ reason }).strict()

const READS = ['rfqs', 'rfq_lines', 'rfq_invites', 'quotes', 'rfq_awards', 'vendors']

export const procurementContract = {
  'rfq.list': method<RfqRow[]>()({ input: z.object({ eventId: id }).strict(), roles: STAFF_ROLES.vendors, reads: ['rfqs', 'rfq_awards'] }),
  'rfq.get': method<RfqDetail>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.vendors, reads: READS }),
  'rfq.create': method<RfqDetail>()({ input: rfqInput, roles: STAFF_ROLES.vendors }),
  'rfq.invite': method<RfqDetail>()({ input: z.object({ id, vendorIds: z.array(id).min(1).max(50) }).strict(), roles: STAFF_ROLES.vendors }),
  'rfq.send': method<RfqDetail>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.vendors }),
  'rfq.cancel': method<RfqDetail>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.vendors }),
  /** The vendor said it will not quote. */
  'rfq.decline': method<RfqDetail>()({ input: z.object({ id, vendorId: id, reason }).strict(), roles: STAFF_ROLES.vendors }),
  'quote.save': method<RfqDetail>()({
    input: z
      .object({
        rfqId: id,
        vendorId: id,
        prices: z.array(z.object({ lineId: id, unitPriceMinor: unitPrice }).strict()).min(1).max(200),
        taxBp: z.number().int().min(0).max(10_000),
        discountMinor: z.number().int().min(0).max(10_000_000_000),
        validUntil: isoDate,
        paymentTerms: optionalText(),
        notes: optionalLines()
      })
      .strict(),
    roles: STAFF_ROLES.vendors
  }),
  'rfq.compare': method<Comparison>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.vendors, reads: READS }),
  /**
   * Awards the whole RFQ to one vendor (`vendorId`) or each line to a vendor
   * (`lines`); the other invited vendors are declined with `declineReason`,
   * the RFQ closes, and each winner gets a draft contract (on `budgetLineId`).
   */
  'rfq.award': method<{ rfq: RfqDetail; contracts: ContractRow[]; warnings: BudgetWarning[] }>()({
    input: z
      .object({
        id,
        roundId: clientId,
        vendorId: id.optional(),
        lines: z.array(z.object({ lineId: id, vendorId: id }).strict()).max(200).optional(),
        declineReason: reason,
        budgetLineId: id.nullish().transform((v) => v ?? null),
        override: budgetOverride.optional()
      })
      .strict()
      .refine((a) => (a.vendorId === undefined) !== (a.lines === undefined), { path: ['vendorId'], message: M.awardWholeOrLines }),
    roles: STAFF_ROLES.vendors
  })
}
