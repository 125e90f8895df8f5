/**
 * The pipeline's reads. Every total is an SQL aggregate over all matching
 * opportunities (never the cards loaded), grouped by currency: amounts in two
 * currencies are never added.
 */
import type { Board, BoardColumn, Forecast, OpportunityRow, PipelineFilter } from '../../shared/contract/pipeline'
import { ApiError } from '../../shared/errors'
import { forecastRow, type MonthAggregate } from '../../shared/sales/kpis'
import { STAGES, type Stage, type StageProbabilities } from '../../shared/sales/stages'
import type { GuardedSql } from '../core/sql'
import { quotas, salesSettings } from '../salesteam/queries'

/** The probability an opportunity counts with, in SQL: its override, else its stage's (given as parameters). */
const PROBABILITY = `COALESCE(o.probability, CASE o.stage ${STAGES.map((s) => `WHEN '${s}' THEN ?`).join(' ')} END)`
const probabilityParams = (p: StageProbabilities) => STAGES.map((s) => p[s])

function where(filter: PipelineFilter): { clause: string; params: unknown[] } {
  const parts: string[] = []
  const params: unknown[] = []
  const add = (sql: string, value: unknown) => {
    parts.push(sql)
    params.push(value)
  }
  if (filter.eventId) add('o.event_id = ?', filter.eventId)
  if (filter.ownerId) add('o.owner_id = ?', filter.ownerId)
  if (filter.product) add('o.product = ?', filter.product)
  // A month is a range of dates: the close-date index serves it.
  if (filter.closeMonth) {
    add('o.close_date >= ?', `${filter.closeMonth}-01`)
    add('o.close_date <= ?', `${filter.closeMonth}-31`)
  }
  return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
}

const ROW = (probability: string) => `SELECT o.id, o.event_id AS eventId, o.account_id AS accountId, o.contact_id AS contactId, o.lead_id AS leadId,
  o.name, o.product, o.sponsor_level AS sponsorLevel, o.booth_size AS boothSize, o.booth_location AS boothLocation,
  o.ticket_count AS ticketCount, o.amount_cents AS amountCents, o.currency, o.stage, o.probability, o.close_date AS closeDate,
  o.owner_id AS ownerId, o.next_step AS nextStep, o.lost_reason AS lostReason, o.notes, o.created_at AS createdAt,
  a.name AS accountName, s.name AS ownerName, ${probability} AS effectiveProbability,
  CAST(ROUND(o.amount_cents * ${probability} / 100.0) AS INTEGER) AS weightedCents
  FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id LEFT JOIN staff s ON s.id = o.owner_id`

export function getOpportunity(read: GuardedSql, id: string): OpportunityRow {
  const p = probabilityParams(salesSettings(read).probabilities)
  const row = read.get<OpportunityRow>(`${ROW(PROBABILITY)} WHERE o.id = ?`, ...p, ...p, id)
  if (!row) throw new ApiError('not_found', 'No such opportunity', { key: 'notFound' })
  return row
}

export function board(read: GuardedSql, filter: PipelineFilter, limit: number): Board {
  const { probabilities } = salesSettings(read)
  const p = probabilityParams(probabilities)
  const { clause, params } = where(filter)
  // Weighted per opportunity then summed (Σ amount × probability), divided once: no rounding per card.
  const totals = read.all<{ stage: Stage; currency: string; count: number; total: number; weighted: number }>(
    `SELECT o.stage, o.currency, COUNT(*) AS count, SUM(o.amount_cents) AS total, SUM(o.amount_cents * ${PROBABILITY}) AS weighted
     FROM opportunities o ${clause} GROUP BY o.stage, o.currency ORDER BY o.stage, o.currency`,
    ...p,
    ...params
  )
  // Cards: the first `limit` of each stage by close date, read in the (stage, close_date) index's order.
  const cardsOf = (stage: Stage): OpportunityRow[] =>
    limit
      ? read.all<OpportunityRow>(
          `${ROW(PROBABILITY)} ${clause ? `${clause} AND` : 'WHERE'} o.stage = ? ORDER BY o.close_date, o.id LIMIT ?`,
          ...p,
          ...p,
          ...params,
          stage,
          limit
        )
      : []
  const columns: BoardColumn[] = STAGES.map((stage) => {
    const mine = totals.filter((t) => t.stage === stage)
    return {
      stage,
      count: mine.reduce((n, t) => n + t.count, 0),
      totals: mine.map((t) => ({ currency: t.currency, count: t.count, totalCents: t.total, weightedCents: Math.round(t.weighted / 100) })),
      cards: cardsOf(stage)
    }
  })
  return { columns, probabilities }
}

/** Months from..to inclusive (YYYY-MM). */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  while ((y < ty || (y === ty && m <= tm)) && out.length < 120) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    if (++m > 12) [y, m] = [y + 1, 1]
  }
  return out
}

/**
 * The forecast by expected close month and currency: won, commit (open at or
 * above the commit line), best case (every open deal), weighted pipeline,
 * against the quotas of the month (of the owner filtered on, else the team's).
 */
export function forecast(read: GuardedSql, filter: Omit<PipelineFilter, 'closeMonth'>, from: string, to: string): Forecast {
  const { probabilities, commitMin } = salesSettings(read)
  const p = probabilityParams(probabilities)
  const { clause, params } = where(filter)
  const range = `o.close_date >= ? AND o.close_date <= ?`
  const aggregates = read.all<MonthAggregate>(
    `SELECT substr(o.close_date, 1, 7) AS month, o.currency,
       SUM(CASE WHEN o.stage = 'won' THEN o.amount_cents ELSE 0 END) AS closedCents,
       SUM(CASE WHEN o.stage NOT IN ('won', 'lost') AND ${PROBABILITY} >= ? THEN o.amount_cents ELSE 0 END) AS commitOpenCents,
       SUM(CASE WHEN o.stage NOT IN ('won', 'lost') THEN o.amount_cents ELSE 0 END) AS openCents,
       SUM(CASE WHEN o.stage NOT IN ('won', 'lost') THEN o.amount_cents * ${PROBABILITY} ELSE 0 END) AS weightedOpenCentsPct
     FROM opportunities o ${clause ? `${clause} AND` : 'WHERE'} ${range}
     GROUP BY month, o.currency`,
    ...p,
    commitMin,
    ...p,
    ...params,
    `${from}-01`,
    `${to}-31`
  )
  const quotaOf = new Map<string, number>()
  for (const q of quotas(read, from, to, filter.ownerId)) {
    const key = `${q.period}\u0000${q.currency}`
    quotaOf.set(key, (quotaOf.get(key) ?? 0) + q.amountCents)
  }
  const rows = []
  for (const month of monthsBetween(from, to)) {
    const currencies = new Set([
      ...aggregates.filter((a) => a.month === month).map((a) => a.currency),
      ...[...quotaOf.keys()].filter((k) => k.startsWith(`${month}\u0000`)).map((k) => k.split('\u0000')[1]!)
    ])
    for (const currency of [...currencies].sort()) {
      const a = aggregates.find((x) => x.month === month && x.currency === currency) ?? {
        month,
        currency,
        closedCents: 0,
        commitOpenCents: 0,
        openCents: 0,
        weightedOpenCentsPct: 0
      }
      rows.push(forecastRow(a, quotaOf.get(`${month}\u0000${currency}`) ?? null))
    }
  }
  return { rows, commitMin }
}
