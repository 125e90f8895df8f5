/** Reads of the sales team's settings and quotas that the other sales domains use. */
import { SELLING_ROLES, type Quota, type SalesRep, type SalesSettings } from '../../shared/contract/salesteam'
import { DEFAULT_QUALIFY_THRESHOLD, DEFAULT_SCORING } from '../../shared/sales/scoring'
import { DEFAULT_PROBABILITIES } from '../../shared/sales/stages'
import type { GuardedSql } from '../core/sql'

export const DEFAULT_COMMIT_MIN = 75

export const DEFAULT_SETTINGS: SalesSettings = {
  probabilities: DEFAULT_PROBABILITIES,
  commitMin: DEFAULT_COMMIT_MIN,
  qualifyThreshold: DEFAULT_QUALIFY_THRESHOLD,
  scoring: DEFAULT_SCORING
}

/** The settings in force: each one stored, else its default. */
export function salesSettings(read: GuardedSql): SalesSettings {
  const stored = new Map(read.all<{ id: string; value: string }>('SELECT id, value FROM sales_settings').map((r) => [r.id, r.value]))
  const value = <K extends keyof SalesSettings>(key: K): SalesSettings[K] => {
    const json = stored.get(key)
    return json === undefined ? DEFAULT_SETTINGS[key] : (JSON.parse(json) as SalesSettings[K])
  }
  return {
    // A stage a newer desk added keeps its default here.
    probabilities: { ...DEFAULT_PROBABILITIES, ...value('probabilities') },
    commitMin: value('commitMin'),
    qualifyThreshold: value('qualifyThreshold'),
    scoring: value('scoring')
  }
}

const REP_ROLES = SELLING_ROLES.map(() => '?').join(', ')

export function salesReps(read: GuardedSql): SalesRep[] {
  return read.all<SalesRep>(`SELECT id, name, role FROM staff WHERE active = 1 AND role IN (${REP_ROLES}) ORDER BY name, id`, ...SELLING_ROLES)
}

/** Quotas of the months from..to (YYYY-MM), of one owner or everyone. */
export function quotas(read: GuardedSql, from: string, to: string, ownerId?: string): Quota[] {
  return read.all<Quota>(
    `SELECT q.id, q.owner_id AS ownerId, s.name AS ownerName, q.period, q.amount_cents AS amountCents, q.currency
     FROM sales_quotas q LEFT JOIN staff s ON s.id = q.owner_id
     WHERE q.period BETWEEN ? AND ? AND (? IS NULL OR q.owner_id = ?) AND q.amount_cents > 0
     ORDER BY q.period, s.name, q.currency`,
    from,
    to,
    ownerId ?? null,
    ownerId ?? null
  )
}

export const quotaId = (ownerId: string, period: string, currency: string) => `${ownerId}:${period}:${currency}`
