/** Contracts, milestones, payments and budget lines as screens and other domains read them. */
import type {
  BudgetLineSummary,
  BudgetTotals,
  ContractDetail,
  ContractRow,
  Deliverable,
  MilestoneRow,
  OverdueMilestone,
  PaymentRow
} from '../../shared/contract/contracts'
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'
import { lineFigures, totalsByCurrency } from './budget'

/** The sum of the payments that count (payment facts no void fact names) among those `where` picks (alias p). */
const paidWhere = (where: string) => `COALESCE((SELECT SUM(p.amount_minor) FROM contract_payments p WHERE ${where} AND p.kind = 'payment'
  AND NOT EXISTS (SELECT 1 FROM contract_payments v WHERE v.ref_id = p.id AND v.kind = 'void')), 0)`

const CONTRACT_ROW = `SELECT c.id, c.event_id AS eventId, c.vendor_id AS vendorId, COALESCE(v.name, c.vendor_id) AS vendorName,
  c.rfq_id AS rfqId, c.budget_line_id AS budgetLineId, c.title, c.amount_minor AS amountMinor, c.currency,
  c.deposit_minor AS depositMinor, c.status, c.signed_on AS signedOn, c.signed_by AS signedBy,
  c.cancellation_terms AS cancellationTerms, c.checklist, c.created_at AS createdAt,
  ${paidWhere('p.contract_id = c.id')} AS paidMinor
  FROM contracts c LEFT JOIN vendors v ON v.id = c.vendor_id`

type StoredContract = Omit<ContractRow, 'checklist'> & { checklist: string }
const toContract = (r: StoredContract): ContractRow => ({ ...r, checklist: JSON.parse(r.checklist) as Deliverable[] })

/** Today as YYYY-MM-DD (UTC): the day a due date is compared with. */
export const today = (): string => new Date().toISOString().slice(0, 10)

export function getContractRow(read: GuardedSql, id: string): ContractRow {
  const row = read.get<StoredContract>(`${CONTRACT_ROW} WHERE c.id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such contract', { key: 'notFound' })
  return toContract(row)
}

export function listContracts(read: GuardedSql, eventId: string): ContractRow[] {
  return read.all<StoredContract>(`${CONTRACT_ROW} WHERE c.event_id = ? ORDER BY c.created_at, c.id`, eventId).map(toContract)
}

interface StoredMilestone {
  id: string
  contract_id: string
  label: string
  due_on: string
  amount_minor: number | null
  percent: number | null
  contract_amount: number
  paid: number
  paid_on: string | null
}

const MILESTONE = `SELECT m.id, m.contract_id, m.label, m.due_on, m.amount_minor, m.percent, c.amount_minor AS contract_amount,
  ${paidWhere('p.milestone_id = m.id')} AS paid,
  (SELECT MAX(p.paid_on) FROM contract_payments p WHERE p.milestone_id = m.id AND p.kind = 'payment'
    AND NOT EXISTS (SELECT 1 FROM contract_payments v WHERE v.ref_id = p.id AND v.kind = 'void')) AS paid_on
  FROM contract_milestones m JOIN contracts c ON c.id = m.contract_id`

/** A milestone's amount: fixed, or its percentage of the contract's current amount (rounded to the minor unit). */
export const milestoneAmount = (fixed: number | null, percent: number | null, contractAmount: number): number =>
  fixed ?? Math.round((contractAmount * (percent ?? 0)) / 100)

function toMilestone(m: StoredMilestone, on: string): MilestoneRow {
  const amountMinor = milestoneAmount(m.amount_minor, m.percent, m.contract_amount)
  const paid = m.paid >= amountMinor
  return {
    id: m.id,
    contractId: m.contract_id,
    label: m.label,
    dueOn: m.due_on,
    fixedMinor: m.amount_minor,
    percent: m.percent,
    amountMinor,
    paidMinor: m.paid,
    paidOn: paid ? m.paid_on : null,
    state: paid ? 'paid' : m.due_on < on ? 'overdue' : 'open'
  }
}

export function getMilestone(read: GuardedSql, id: string): MilestoneRow & { eventId: string } {
  const row = read.get<StoredMilestone & { event_id: string }>(`${MILESTONE.replace('SELECT m.id,', 'SELECT m.id, m.event_id,')} WHERE m.id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such milestone', { key: 'notFound' })
  return { ...toMilestone(row, today()), eventId: row.event_id }
}

export function getContract(read: GuardedSql, id: string): ContractDetail {
  const contract = getContractRow(read, id)
  const on = today()
  const milestones = read.all<StoredMilestone>(`${MILESTONE} WHERE m.contract_id = ? ORDER BY m.due_on, m.id`, id).map((m) => toMilestone(m, on))
  const payments = read.all<PaymentRow>(
    `SELECT p.id, p.milestone_id AS milestoneId, p.amount_minor AS amountMinor, p.paid_on AS paidOn, p.method, p.reference,
       EXISTS (SELECT 1 FROM contract_payments v WHERE v.kind = 'void' AND v.ref_id = p.id) AS voided
     FROM contract_payments p WHERE p.contract_id = ? AND p.kind = 'payment' ORDER BY p.paid_on, p.id`,
    id
  )
  return { ...contract, milestones, payments: payments.map((p) => ({ ...p, voided: Boolean(p.voided) })) }
}

/** Milestones due before `on` and not fully paid, of contracts not cancelled, earliest first. */
export function overdueMilestones(read: GuardedSql, eventId: string | undefined, on: string): OverdueMilestone[] {
  const rows = read.all<StoredMilestone & { event_id: string; title: string; vendor_name: string; currency: string }>(
    `${MILESTONE.replace('SELECT m.id,', 'SELECT m.id, m.event_id, c.title, c.currency, COALESCE((SELECT name FROM vendors WHERE id = c.vendor_id), c.vendor_id) AS vendor_name,')}
     WHERE m.due_on < ? AND c.status != 'cancelled' ${eventId ? 'AND m.event_id = ?' : ''} ORDER BY m.due_on, m.id`,
    ...(eventId ? [on, eventId] : [on])
  )
  return rows
    .map((r) => ({ ...toMilestone(r, on), eventId: r.event_id, contractTitle: r.title, vendorName: r.vendor_name, currency: r.currency }))
    .filter((m) => m.state === 'overdue')
}

const BUDGET_LINE = `SELECT b.id, b.event_id AS eventId, b.category, b.name, b.currency, b.control, b.planned_minor AS plannedMinor
  FROM budget_lines b`

/**
 * Committed and paid per budget line of an event, in two grouped passes over
 * its contracts and payments (a subquery per line took 1.3 s for 500 lines,
 * 200 contracts and 2,000 payments).
 */
function figuresByLine(read: GuardedSql, eventId: string): Map<string, { committedMinor: number; paidMinor: number }> {
  const figures = new Map<string, { committedMinor: number; paidMinor: number }>()
  const at = (id: string) => figures.get(id) ?? figures.set(id, { committedMinor: 0, paidMinor: 0 }).get(id)!
  for (const r of read.all<{ line: string; total: number }>(
    `SELECT budget_line_id AS line, SUM(amount_minor) AS total FROM contracts
     WHERE event_id = ? AND budget_line_id IS NOT NULL AND status != 'cancelled' GROUP BY budget_line_id`,
    eventId
  )) at(r.line).committedMinor = r.total
  for (const r of read.all<{ line: string; total: number }>(
    `SELECT c.budget_line_id AS line, SUM(p.amount_minor) AS total FROM contracts c JOIN contract_payments p ON p.contract_id = c.id
     WHERE c.event_id = ? AND c.budget_line_id IS NOT NULL AND p.kind = 'payment'
       AND NOT EXISTS (SELECT 1 FROM contract_payments v WHERE v.ref_id = p.id AND v.kind = 'void')
     GROUP BY c.budget_line_id`,
    eventId
  )) at(r.line).paidMinor = r.total
  return figures
}

type StoredLine = Omit<BudgetLineSummary, 'committedMinor' | 'paidMinor' | 'forecastMinor' | 'varianceMinor' | 'over'>

const toLine = (l: StoredLine, f = { committedMinor: 0, paidMinor: 0 }): BudgetLineSummary => ({ ...l, ...lineFigures({ plannedMinor: l.plannedMinor, ...f }) })

export function getBudgetLine(read: GuardedSql, id: string): BudgetLineSummary {
  const row = read.get<StoredLine>(`${BUDGET_LINE} WHERE b.id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such budget line', { key: 'notFound' })
  return toLine(row, figuresByLine(read, row.eventId).get(id))
}

export function budgetSummary(read: GuardedSql, eventId: string): { lines: BudgetLineSummary[]; totals: BudgetTotals[] } {
  const figures = figuresByLine(read, eventId)
  const lines = read.all<StoredLine>(`${BUDGET_LINE} WHERE b.event_id = ? ORDER BY b.category, b.name, b.id`, eventId).map((l) => toLine(l, figures.get(l.id)))
  return { lines, totals: totalsByCurrency(lines) }
}

/** A payment as a conflict lists it: amount, milestone and contract, when and where it was recorded. */
export function paymentMember(read: GuardedSql, id: string) {
  const p = read.get<{ amount_minor: number; paid_on: string; label: string; title: string; currency: string; at: string; desk: string | null; staff: string | null }>(
    `SELECT p.amount_minor, p.paid_on, m.label, c.title, c.currency, p.at, d.name AS desk, s.name AS staff FROM contract_payments p
     JOIN contract_milestones m ON m.id = p.milestone_id JOIN contracts c ON c.id = p.contract_id
     LEFT JOIN desks d ON d.id = p.desk_id LEFT JOIN staff s ON s.id = p.staff_id WHERE p.id = ?`,
    id
  )
  const label = p ? `${p.title} · ${p.label} · ${(p.amount_minor / 100).toFixed(2)} ${p.currency}${p.staff ? ` · ${p.staff}` : ''}` : id
  return { id, label, attendeeId: null, at: p?.at ?? null, deskName: p?.desk ?? null }
}
