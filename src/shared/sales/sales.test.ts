import { describe, expect, it } from 'vitest'
import { attainment, forecastRow } from './kpis'
import { DEFAULT_SCORING, isCompanyDomain, scoreLead, type ScoringRules } from './scoring'
import { DEFAULT_PROBABILITIES, MixedCurrenciesError, probabilityOf, weightedTotal } from './stages'

const lead = (fields: Partial<Parameters<typeof scoreLead>[0]> = {}) => ({ email: null, jobTitle: null, companySize: null, ...fields })

describe('lead scoring', () => {
  it('gives the company-domain points only to a company address', () => {
    expect(scoreLead(lead({ email: 'anna@acme.de' }), DEFAULT_SCORING).parts.companyDomain).toBe(50)
    expect(scoreLead(lead({ email: 'anna@GMAIL.com' }), DEFAULT_SCORING).parts.companyDomain).toBe(0)
    expect(isCompanyDomain(null)).toBe(false)
    expect(isCompanyDomain('no-at-sign')).toBe(false)
  })

  it('takes the best job-title keyword, whole words only, accents and case ignored', () => {
    expect(scoreLead(lead({ jobTitle: 'Marketing Manager' }), DEFAULT_SCORING).parts.jobTitle).toBe(15)
    expect(scoreLead(lead({ jobTitle: 'CEO & Founder' }), DEFAULT_SCORING).parts.jobTitle).toBe(30)
    expect(scoreLead(lead({ jobTitle: 'Management trainee' }), DEFAULT_SCORING).parts.jobTitle).toBe(0)
    const rules: ScoringRules = { ...DEFAULT_SCORING, titleKeywords: [{ keyword: 'Directeur général', points: 40 }] }
    expect(scoreLead(lead({ jobTitle: 'DIRECTEUR GENERAL adjoint' }), rules).parts.jobTitle).toBe(40)
  })

  it('takes the largest company-size band reached (the band starts at its minimum)', () => {
    const size = (n: number | null) => scoreLead(lead({ companySize: n }), DEFAULT_SCORING).parts.companySize
    expect([size(null), size(49), size(50), size(249), size(250), size(1000)]).toEqual([0, 0, 10, 10, 20, 30])
  })

  it('adds the parts; qualified at ≥ the threshold', () => {
    const s = scoreLead(lead({ email: 'a@acme.de', jobTitle: 'Director', companySize: 300 }), DEFAULT_SCORING)
    expect(s).toEqual({ total: 95, parts: { companyDomain: 50, jobTitle: 25, companySize: 20 } })
  })
})

describe('stage probabilities and weighted totals', () => {
  it('uses the stage default unless the opportunity overrides it (0 is an override too)', () => {
    expect(probabilityOf({ stage: 'proposal', probability: null }, DEFAULT_PROBABILITIES)).toBe(75)
    expect(probabilityOf({ stage: 'proposal', probability: 0 }, DEFAULT_PROBABILITIES)).toBe(0)
  })

  it('weights Σ amount × probability and rounds once', () => {
    const deals = [
      { amountCents: 333, currency: 'EUR', stage: 'prospect' as const, probability: null },
      { amountCents: 333, currency: 'EUR', stage: 'prospect' as const, probability: null },
      { amountCents: 333, currency: 'EUR', stage: 'prospect' as const, probability: null }
    ]
    // Per deal 33.3 → 33 each would give 99; rounded once: 99.9 → 100.
    expect(weightedTotal(deals, DEFAULT_PROBABILITIES)).toEqual({ currency: 'EUR', count: 3, totalCents: 999, weightedCents: 100 })
    expect(weightedTotal([], DEFAULT_PROBABILITIES)).toEqual({ currency: null, count: 0, totalCents: 0, weightedCents: 0 })
  })

  it('refuses to add two currencies', () => {
    const mixed = [
      { amountCents: 100, currency: 'EUR', stage: 'won' as const, probability: null },
      { amountCents: 100, currency: 'USD', stage: 'won' as const, probability: null }
    ]
    expect(() => weightedTotal(mixed, DEFAULT_PROBABILITIES)).toThrow(MixedCurrenciesError)
  })
})

describe('forecast and quotas', () => {
  it('builds weighted, best case and commit on top of what is won', () => {
    const row = forecastRow({ month: '2026-12', currency: 'EUR', closedCents: 1000, commitOpenCents: 500, openCents: 2000, weightedOpenCentsPct: 2000 * 25 }, 4000)
    expect(row).toEqual({ month: '2026-12', currency: 'EUR', weightedCents: 1500, bestCaseCents: 3000, commitCents: 1500, closedCents: 1000, quotaCents: 4000, attainmentPct: 25 })
  })

  it('attainment: closed / quota to one decimal; none without a quota', () => {
    expect(attainment(1, 3)).toBe(33.3)
    expect(attainment(5000, 4000)).toBe(125)
    expect(attainment(100, null)).toBeNull()
    expect(attainment(100, 0)).toBeNull()
  })
})
