/**
 * Forecast and quota arithmetic over aggregates the desk computes in SQL. Every
 * amount is per currency; nothing here adds two currencies.
 */
export interface MonthAggregate {
  /** YYYY-MM of the expected (or actual) close date. */
  month: string
  currency: string
  /** Won in the month. */
  closedCents: number
  /** Open, at or above the commit probability. */
  commitOpenCents: number
  /** Every open deal, unweighted. */
  openCents: number
  /** Σ amount × probability of open deals (not yet divided by 100). */
  weightedOpenCentsPct: number
}

export interface ForecastRow {
  month: string
  currency: string
  /** Won deals plus open deals weighted by their probability. */
  weightedCents: number
  /** Won plus every open deal. */
  bestCaseCents: number
  /** Won plus open deals at or above the commit probability. */
  commitCents: number
  closedCents: number
  quotaCents: number | null
  /** closed / quota, in percent (one decimal); null without a quota. */
  attainmentPct: number | null
}

export function attainment(closedCents: number, quotaCents: number | null): number | null {
  if (quotaCents === null || quotaCents <= 0) return null
  return Math.round((closedCents / quotaCents) * 1000) / 10
}

export function forecastRow(a: MonthAggregate, quotaCents: number | null): ForecastRow {
  return {
    month: a.month,
    currency: a.currency,
    weightedCents: a.closedCents + Math.round(a.weightedOpenCentsPct / 100),
    bestCaseCents: a.closedCents + a.openCents,
    commitCents: a.closedCents + a.commitOpenCents,
    closedCents: a.closedCents,
    quotaCents,
    attainmentPct: attainment(a.closedCents, quotaCents)
  }
}
