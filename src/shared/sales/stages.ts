/**
 * Pipeline stages, their default probabilities and the weighted amount.
 *
 * Defaults are EspoCRM's for the stages of the same names (Prospecting 10,
 * Qualification 10, Proposal/Price Quote 75, Negotiation/Review 90, Closed
 * Won 100, Closed Lost 0); a sales manager may change them, and an
 * opportunity may override its stage's probability. Weighted amount = amount
 * × probability (EspoCRM multiplies by a currency rate too: we never convert
 * currencies, so every total is per currency).
 */
export const STAGES = ['prospect', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const
export type Stage = (typeof STAGES)[number]
export const OPEN_STAGES = ['prospect', 'qualification', 'proposal', 'negotiation'] as const satisfies readonly Stage[]
export type StageProbabilities = Record<Stage, number>

export const DEFAULT_PROBABILITIES: StageProbabilities = { prospect: 10, qualification: 10, proposal: 75, negotiation: 90, won: 100, lost: 0 }

export const isOpen = (stage: Stage): boolean => stage !== 'won' && stage !== 'lost'

/** The probability an opportunity counts with: its own override, else its stage's. */
export function probabilityOf(opportunity: { stage: Stage; probability: number | null }, probabilities: StageProbabilities): number {
  return opportunity.probability ?? probabilities[opportunity.stage]
}

export interface Amount {
  amountCents: number
  currency: string
}

export class MixedCurrenciesError extends Error {
  constructor(readonly currencies: string[]) {
    super(`Amounts in ${currencies.join(', ')} cannot be added up`)
    this.name = 'MixedCurrenciesError'
  }
}

/**
 * The total and weighted total of opportunities of ONE currency: a list that
 * mixes currencies is refused (screens show one total per currency, never a
 * silent sum). Weighted = Σ amount × probability / 100, rounded once at the end.
 */
export function weightedTotal(
  opportunities: readonly (Amount & { stage: Stage; probability: number | null })[],
  probabilities: StageProbabilities
): { currency: string | null; count: number; totalCents: number; weightedCents: number } {
  const currencies = [...new Set(opportunities.map((o) => o.currency))].sort()
  if (currencies.length > 1) throw new MixedCurrenciesError(currencies)
  let total = 0
  let weighted = 0
  for (const o of opportunities) {
    total += o.amountCents
    weighted += o.amountCents * probabilityOf(o, probabilities)
  }
  return { currency: currencies[0] ?? null, count: opportunities.length, totalCents: total, weightedCents: Math.round(weighted / 100) }
}

/** Index of a stage on the way to a win (lost is off the way). */
export function stageOrder(stage: Stage): number {
  return stage === 'lost' ? -1 : STAGES.indexOf(stage)
}
