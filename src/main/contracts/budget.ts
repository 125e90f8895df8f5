/**
 * Budget arithmetic, pure: a line's committed, paid, forecast and variance,
 * sums per currency (never across), and what a control says when a contract
 * would take a line past its plan.
 */
import type { BudgetControl, BudgetLineSummary, BudgetTotals } from '../../shared/contract/contracts'

export interface LineFigures {
  plannedMinor: number
  committedMinor: number
  paidMinor: number
}

/** forecast = max(committed, planned); variance = planned − forecast (negative: over budget). */
export function lineFigures({ plannedMinor, committedMinor, paidMinor }: LineFigures) {
  const forecastMinor = Math.max(committedMinor, plannedMinor)
  return { plannedMinor, committedMinor, paidMinor, forecastMinor, varianceMinor: plannedMinor - forecastMinor, over: committedMinor > plannedMinor }
}

/** One total per currency, in the order currencies first appear; amounts in different currencies are never added. */
export function totalsByCurrency(lines: readonly Pick<BudgetLineSummary, 'currency' | 'plannedMinor' | 'committedMinor' | 'paidMinor' | 'forecastMinor'>[]): BudgetTotals[] {
  const totals = new Map<string, BudgetTotals>()
  for (const l of lines) {
    const t = totals.get(l.currency) ?? { currency: l.currency, plannedMinor: 0, committedMinor: 0, paidMinor: 0, forecastMinor: 0, varianceMinor: 0 }
    t.plannedMinor += l.plannedMinor
    t.committedMinor += l.committedMinor
    t.paidMinor += l.paidMinor
    t.forecastMinor += l.forecastMinor
    t.varianceMinor = t.plannedMinor - t.forecastMinor
    totals.set(l.currency, t)
  }
  return [...totals.values()]
}

export type ControlVerdict = { verdict: 'fine' } | { verdict: 'warn' | 'stop'; overMinor: number }

/**
 * What a line's control says about a change of what is committed on it from
 * `before` to `after`: only a change that raises the commitment past the plan
 * is judged (lowering an amount on a line already over is always allowed).
 */
export function judgeControl(control: BudgetControl, plannedMinor: number, before: number, after: number): ControlVerdict {
  if (after <= before || after <= plannedMinor || control === 'ignore') return { verdict: 'fine' }
  return { verdict: control, overMinor: after - plannedMinor }
}
