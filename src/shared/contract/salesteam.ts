/**
 * The sales team's settings (stage probabilities, the forecast's commit line,
 * lead scoring and its threshold), the people who sell, quotas per owner and month.
 */
import { z } from 'zod'
import { currency, id } from '../fields'
import { STAFF_ROLES, type Role } from '../roles'
import type { ScoringRules } from '../sales/scoring'
import { STAGES, type StageProbabilities } from '../sales/stages'
import { method } from './method'

/** Roles that sell (and own leads and opportunities). */
export const SELLING_ROLES = ['organizer', 'sales_manager', 'sales'] as const satisfies readonly Role[]

export interface SalesSettings {
  probabilities: StageProbabilities
  /** Open deals at or above this probability count as "commit" in the forecast. */
  commitMin: number
  /** A lead scoring at least this may be qualified. */
  qualifyThreshold: number
  scoring: ScoringRules
}

export interface SalesRep {
  id: string
  name: string
  role: Role
}

export interface Quota {
  id: string
  ownerId: string
  ownerName: string | null
  /** YYYY-MM */
  period: string
  amountCents: number
  currency: string
}

/** Sales amounts in minor units: up to a billion (a year's sponsorship quota passes the ticket price limit). */
export const amount = z.number().int().min(0).max(100_000_000_000)
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)

export const scoringRules = z
  .object({
    companyDomain: z.number().int().min(0).max(1000),
    titleKeywords: z.array(z.object({ keyword: z.string().trim().min(1).max(60), points: z.number().int().min(0).max(1000) }).strict()).max(50),
    companySize: z.array(z.object({ min: z.number().int().min(0).max(10_000_000), points: z.number().int().min(0).max(1000) }).strict()).max(20)
  })
  .strict()

export const salesSettingsInput = z
  .object({
    probabilities: z.object(Object.fromEntries(STAGES.map((s) => [s, z.number().int().min(0).max(100)])) as Record<(typeof STAGES)[number], z.ZodNumber>).strict(),
    commitMin: z.number().int().min(0).max(100),
    qualifyThreshold: z.number().int().min(0).max(10_000),
    scoring: scoringRules
  })
  .partial()
  .strict()

export const salesteamContract = {
  'sales.settings': method<SalesSettings>()({ input: z.object({}).strict(), roles: STAFF_ROLES.sales, reads: ['sales_settings'] }),
  'sales.updateSettings': method<SalesSettings>()({ input: salesSettingsInput, roles: STAFF_ROLES.salesManager }),
  /** The people who sell: for owner pickers and quotas. */
  'salesRep.list': method<SalesRep[]>()({ input: z.object({}).strict(), roles: STAFF_ROLES.sales, reads: ['staff'] }),
  'quota.list': method<Quota[]>()({
    input: z.object({ from: month, to: month, ownerId: id.optional() }).strict(),
    roles: STAFF_ROLES.sales,
    reads: ['sales_quotas', 'staff']
  }),
  /** Sets (or with 0, clears) an owner's quota for a month in one currency. */
  'quota.set': method<Quota>()({
    input: z.object({ ownerId: id, period: month, amountCents: amount, currency }).strict(),
    roles: STAFF_ROLES.salesManager
  })
}
