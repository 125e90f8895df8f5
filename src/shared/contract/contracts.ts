/**
 * Contracts with their payment milestones, payments and fulfilment checklist,
 * and the event budget they commit and pay against (organizers and vendor
 * managers only). Amounts are integer minor units in the contract's currency.
 */
import { z } from 'zod'
import { amountMinor, clientId, currency, FIELD_MESSAGES, id, isoDate, LANGUAGES, LIMITS, optionalLines, optionalText, text } from '../fields'
import { STAFF_ROLES } from '../roles'
import type { ExportFile } from './attendees'
import { method } from './method'

const M = FIELD_MESSAGES

export const CONTRACT_STATUSES = ['draft', 'sent', 'signed', 'active', 'completed', 'cancelled'] as const
export type ContractStatus = (typeof CONTRACT_STATUSES)[number]
/** The moves a contract may make; cancelled and completed are final. */
export const CONTRACT_TRANSITIONS: Record<ContractStatus, readonly ContractStatus[]> = {
  draft: ['sent', 'signed', 'cancelled'],
  sent: ['signed', 'cancelled'],
  signed: ['active', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: []
}
export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cash', 'cheque', 'other'] as const
export const DELIVERABLE_STATES = ['unfulfilled', 'partly', 'fulfilled', 'lapsed'] as const
export const BUDGET_CATEGORIES = ['venue', 'catering', 'av', 'staff', 'marketing', 'printing', 'transport', 'contingency', 'custom'] as const
export const BUDGET_CONTROLS = ['stop', 'warn', 'ignore'] as const
export type BudgetControl = (typeof BUDGET_CONTROLS)[number]

const reason = z.string().trim().min(1, M.reasonRequired).max(LIMITS.text)
const percent = z.number().int().min(1).max(100)

export const milestoneInput = z
  .object({
    label: text().min(1, M.nameRequired),
    dueOn: isoDate,
    amountMinor: amountMinor.nullish().transform((v) => v ?? null),
    percent: percent.nullish().transform((v) => v ?? null)
  })
  .strict()
  .refine((m) => (m.amountMinor === null) !== (m.percent === null), { path: ['amountMinor'], message: M.amountOrPercent })
export type MilestoneInput = z.infer<typeof milestoneInput>

export const deliverable = z
  .object({ id: z.string().min(1).max(64), label: text().min(1, M.nameRequired), dueOn: isoDate.nullable(), state: z.enum(DELIVERABLE_STATES) })
  .strict()
export type Deliverable = z.infer<typeof deliverable>

export const budgetOverrideInput = z.object({ reason }).strict()

export interface MilestoneRow {
  id: string
  contractId: string
  label: string
  dueOn: string
  /** As entered: an amount, or a percentage of the contract amount. */
  fixedMinor: number | null
  percent: number | null
  /** What is due: the amount, or the percentage of the contract's current amount. */
  amountMinor: number
  paidMinor: number
  /** The day of the payment that completed it. */
  paidOn: string | null
  state: 'open' | 'paid' | 'overdue'
}

export interface PaymentRow {
  id: string
  milestoneId: string
  amountMinor: number
  paidOn: string
  method: (typeof PAYMENT_METHODS)[number]
  reference: string | null
  voided: boolean
}

export interface ContractRow {
  id: string
  eventId: string
  vendorId: string
  vendorName: string
  rfqId: string | null
  budgetLineId: string | null
  title: string
  amountMinor: number
  currency: string
  depositMinor: number
  status: ContractStatus
  signedOn: string | null
  signedBy: string | null
  cancellationTerms: string | null
  checklist: Deliverable[]
  paidMinor: number
  createdAt: string
}

export interface ContractDetail extends ContractRow {
  milestones: MilestoneRow[]
  payments: PaymentRow[]
}

export interface OverdueMilestone extends MilestoneRow {
  eventId: string
  contractTitle: string
  vendorName: string
  currency: string
}

/** A budget line would go over by an award or contract whose line says warn (or stop, overridden). */
export interface BudgetWarning {
  budgetLineId: string
  name: string
  currency: string
  plannedMinor: number
  forecastMinor: number
  overMinor: number
  overridden: boolean
}

export interface BudgetLineSummary {
  id: string
  eventId: string
  category: (typeof BUDGET_CATEGORIES)[number]
  name: string
  currency: string
  control: BudgetControl
  plannedMinor: number
  /** Contracts on the line that are not cancelled (awarded, sent, signed, active, completed). */
  committedMinor: number
  paidMinor: number
  /** max(committed, planned) */
  forecastMinor: number
  /** planned − forecast: negative when the line is over budget. */
  varianceMinor: number
  over: boolean
}

/** Sums per currency: amounts in different currencies are never added together. */
export interface BudgetTotals {
  currency: string
  plannedMinor: number
  committedMinor: number
  paidMinor: number
  forecastMinor: number
  varianceMinor: number
}

export const budgetLineInput = z
  .object({
    id: clientId,
    eventId: id,
    category: z.enum(BUDGET_CATEGORIES),
    name: text().min(1, M.nameRequired),
    plannedMinor: amountMinor,
    currency,
    control: z.enum(BUDGET_CONTROLS)
  })
  .strict()

const CONTRACT_READS = ['contracts', 'contract_milestones', 'contract_payments', 'vendors']

export const contractsContract = {
  'contract.list': method<ContractRow[]>()({ input: z.object({ eventId: id }).strict(), roles: STAFF_ROLES.vendors, reads: CONTRACT_READS }),
  'contract.get': method<ContractDetail>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.vendors, reads: CONTRACT_READS }),
  'contract.create': method<{ contract: ContractDetail; warnings: BudgetWarning[] }>()({
    input: z
      .object({
        id: clientId,
        eventId: id,
        vendorId: id,
        title: text().min(1, M.nameRequired),
        amountMinor,
        currency,
        depositMinor: amountMinor.default(0),
        depositDueOn: isoDate.nullish().transform((v) => v ?? null),
        budgetLineId: id.nullish().transform((v) => v ?? null),
        cancellationTerms: optionalLines(),
        milestones: z.array(milestoneInput).max(50).default([]),
        override: budgetOverrideInput.optional()
      })
      .strict(),
    roles: STAFF_ROLES.vendors
  }),
  /** An amendment: the change log keeps who changed what and when. */
  'contract.update': method<{ contract: ContractDetail; warnings: BudgetWarning[] }>()({
    input: z
      .object({
        id,
        title: text().min(1, M.nameRequired).optional(),
        amountMinor: amountMinor.optional(),
        budgetLineId: id.nullable().optional(),
        cancellationTerms: optionalText(LIMITS.notes).optional(),
        override: budgetOverrideInput.optional()
      })
      .strict(),
    roles: STAFF_ROLES.vendors
  }),
  'contract.setStatus': method<ContractDetail>()({
    input: z
      .object({ id, status: z.enum(CONTRACT_STATUSES), signedBy: optionalText(), signedOn: isoDate.nullish().transform((v) => v ?? null) })
      .strict(),
    roles: STAFF_ROLES.vendors
  }),
  'contract.addMilestone': method<ContractDetail>()({
    input: z.object({ contractId: id, id: clientId, milestone: milestoneInput }).strict(),
    roles: STAFF_ROLES.vendors
  }),
  'contract.setChecklist': method<ContractDetail>()({
    input: z.object({ id, checklist: z.array(deliverable).max(100) }).strict(),
    roles: STAFF_ROLES.vendors
  }),
  /** A payment against one milestone; paying more than is still due is refused. */
  'contract.pay': method<ContractDetail>()({
    input: z
      .object({
        id: clientId,
        milestoneId: id,
        amountMinor: amountMinor.refine((v) => v > 0),
        paidOn: isoDate,
        method: z.enum(PAYMENT_METHODS),
        reference: optionalText()
      })
      .strict(),
    roles: STAFF_ROLES.vendors
  }),
  'contract.voidPayment': method<ContractDetail>()({ input: z.object({ paymentId: id, reason }).strict(), roles: STAFF_ROLES.vendors }),
  'contract.overdue': method<OverdueMilestone[]>()({
    input: z.object({ eventId: id.optional(), today: isoDate.optional() }).strict(),
    roles: STAFF_ROLES.vendors,
    reads: CONTRACT_READS
  }),
  'budget.list': method<{ lines: BudgetLineSummary[]; totals: BudgetTotals[] }>()({
    input: z.object({ eventId: id }).strict(),
    roles: STAFF_ROLES.vendors,
    reads: ['budget_lines', ...CONTRACT_READS]
  }),
  'budget.saveLine': method<BudgetLineSummary>()({ input: budgetLineInput, roles: STAFF_ROLES.vendors }),
  /** Budget vs actual as XLSX, forecast, variance and totals per currency as formulas a finance person can follow. */
  'budget.export': method<ExportFile>()({
    input: z.object({ eventId: id, language: z.enum(LANGUAGES).optional() }).strict(),
    roles: STAFF_ROLES.vendors
  })
}
