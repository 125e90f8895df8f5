/**
 * Opportunities and the pipeline: the board with count, total and weighted
 * total on every stage column (over every matching opportunity, per currency),
 * and the forecast by close month against quotas.
 */
import { z } from 'zod'
import type { opportunities } from '../../main/pipeline/schema'
import { clientId, currency, id, isoDate, optionalLine, optionalLines, text, FIELD_MESSAGES } from '../fields'
import { STAFF_ROLES } from '../roles'
import type { ForecastRow } from '../sales/kpis'
import { STAGES, type Stage, type StageProbabilities } from '../sales/stages'
import { amount, month } from './salesteam'
import { method } from './method'

export const PRODUCTS = ['sponsorship', 'booth', 'group_tickets', 'advertising'] as const
export type Product = (typeof PRODUCTS)[number]
export const SPONSOR_LEVELS = ['platinum', 'gold', 'silver', 'bronze', 'custom'] as const

export type OpportunityRow = typeof opportunities.$inferSelect & {
  accountName: string | null
  ownerName: string | null
  /** The override, else the stage's probability. */
  effectiveProbability: number
  weightedCents: number
}

export interface CurrencyTotal {
  currency: string
  count: number
  totalCents: number
  weightedCents: number
}

export interface BoardColumn {
  stage: Stage
  /** Every matching opportunity in the stage, whatever is loaded. */
  count: number
  /** One line per currency: amounts in different currencies are never added. */
  totals: CurrencyTotal[]
  /** The first `limit` cards, soonest close date first. */
  cards: OpportunityRow[]
}

export interface Board {
  columns: BoardColumn[]
  probabilities: StageProbabilities
}

export interface Forecast {
  rows: ForecastRow[]
  commitMin: number
}

export const pipelineFilter = z
  .object({
    eventId: id.optional(),
    ownerId: id.optional(),
    product: z.enum(PRODUCTS).optional(),
    /** YYYY-MM of the expected close date. */
    closeMonth: month.optional()
  })
  .strict()
export type PipelineFilter = z.infer<typeof pipelineFilter>

const probability = z.number().int().min(0).max(100)

export const opportunityInput = z
  .object({
    eventId: id,
    accountId: id,
    contactId: id.nullable().optional(),
    name: text().min(1, FIELD_MESSAGES.nameRequired),
    product: z.enum(PRODUCTS),
    sponsorLevel: z.enum(SPONSOR_LEVELS).nullable(),
    boothSize: optionalLine(40),
    boothLocation: optionalLine(60),
    ticketCount: z.number().int().min(0).max(100_000).nullable(),
    amountCents: amount,
    currency,
    /** Overrides the stage's probability; null: the stage's. */
    probability: probability.nullable(),
    /** Required: a deal without an expected close date is in no forecast. */
    closeDate: isoDate,
    ownerId: id.nullable(),
    nextStep: optionalLine(),
    notes: optionalLines()
  })
  .strict()
export type OpportunityInput = z.infer<typeof opportunityInput>

const READS = ['opportunities', 'accounts', 'staff', 'sales_settings']

export const pipelineContract = {
  'pipeline.board': method<Board>()({
    input: pipelineFilter.extend({ limit: z.number().int().min(0).max(500).default(50) }).strict(),
    roles: STAFF_ROLES.sales,
    reads: READS
  }),
  'pipeline.forecast': method<Forecast>()({
    input: pipelineFilter.omit({ closeMonth: true }).extend({ from: month, to: month }).strict(),
    roles: STAFF_ROLES.sales,
    reads: [...READS, 'sales_quotas']
  }),
  'opportunity.get': method<OpportunityRow>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.sales, reads: READS }),
  'opportunity.create': method<OpportunityRow>()({
    input: opportunityInput.extend({ id: clientId, stage: z.enum(STAGES).default('prospect') }).strict(),
    roles: STAFF_ROLES.sales
  }),
  'opportunity.update': method<OpportunityRow>()({ input: z.object({ id, opportunity: opportunityInput }).strict(), roles: STAFF_ROLES.sales }),
  /** Drag to another column: the stage's probability applies again; Closed Lost needs a reason. */
  'opportunity.move': method<OpportunityRow>()({
    input: z.object({ id, stage: z.enum(STAGES), lostReason: optionalLine() }).strict(),
    roles: STAFF_ROLES.sales
  }),
  /** A qualified lead becomes an opportunity: its company an account (an existing one of that name is reused), the person a contact. */
  'opportunity.fromLead': method<OpportunityRow>()({
    input: z
      .object({
        leadId: id,
        id: clientId,
        eventId: id,
        name: text().min(1, FIELD_MESSAGES.nameRequired),
        product: z.enum(PRODUCTS),
        sponsorLevel: z.enum(SPONSOR_LEVELS).nullable(),
        amountCents: amount,
        currency,
        closeDate: isoDate
      })
      .strict(),
    roles: STAFF_ROLES.sales
  })
}
