/** Contract and budget writes other domains compose (an award creates contracts under the budget's control). */
import type { BudgetWarning, ContractStatus, MilestoneInput } from '../../shared/contract/contracts'
import { CONTRACT_TRANSITIONS } from '../../shared/contract/contracts'
import { ApiError } from '../../shared/errors'
import type { Role } from '../../shared/roles'
import { newId } from '../core/ids'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { getEvent } from '../events/queries'
import { getVendor } from '../vendors/queries'
import { judgeControl } from './budget'
import { getBudgetLine } from './queries'
import { budgetOverrides, contractMilestones, contracts } from './schema'

export interface Actor {
  read: GuardedSql
  write: Writer
  deskId: string
  staffId: string
  role: Role
}

/**
 * Judges a contract's commitment on a budget line going from `before` to
 * `after` (minor units): a different currency is refused (never summed), a
 * line set to stop refuses unless an organizer overrides it with a reason (an
 * override fact, in the audit), a line set to warn passes with a warning.
 */
export function checkBudget(
  actor: Actor,
  budgetLineId: string,
  contract: { id: string; currency: string; before: number; after: number },
  override: { reason: string } | undefined
): BudgetWarning | null {
  const line = getBudgetLine(actor.read, budgetLineId)
  if (line.currency !== contract.currency) {
    throw new ApiError('invalid_input', `The budget line ${line.name} is in ${line.currency}, the contract in ${contract.currency}`, {
      key: 'budgetCurrency',
      params: { line: line.name, lineCurrency: line.currency, currency: contract.currency },
      issues: [{ path: 'budgetLineId', message: 'Another currency', key: 'budgetCurrency', params: { line: line.name, lineCurrency: line.currency, currency: contract.currency } }]
    })
  }
  const committed = line.committedMinor - contract.before
  const judged = judgeControl(line.control, line.plannedMinor, committed + contract.before, committed + contract.after)
  if (judged.verdict === 'fine') return null
  const warning: BudgetWarning = {
    budgetLineId: line.id,
    name: line.name,
    currency: line.currency,
    plannedMinor: line.plannedMinor,
    forecastMinor: committed + contract.after,
    overMinor: judged.overMinor,
    overridden: false
  }
  if (judged.verdict === 'warn') return warning
  if (!override) {
    throw new ApiError('conflict', `This would take ${line.name} over its budget by ${judged.overMinor} (minor units of ${line.currency})`, {
      key: 'overBudget',
      params: { line: line.name, over: judged.overMinor, currency: line.currency }
    })
  }
  if (actor.role !== 'organizer') {
    throw new ApiError('forbidden', 'Only an organizer may go over a budget line set to stop', { key: 'overBudgetOrganizerOnly' })
  }
  actor.write.insert(budgetOverrides, {
    id: newId(),
    eventId: line.eventId,
    budgetLineId: line.id,
    contractId: contract.id,
    overMinor: judged.overMinor,
    reason: override.reason,
    at: new Date().toISOString(),
    deskId: actor.deskId,
    staffId: actor.staffId
  })
  return { ...warning, overridden: true }
}

export interface NewContract {
  id?: string
  eventId: string
  vendorId: string
  rfqId: string | null
  budgetLineId: string | null
  title: string
  amountMinor: number
  currency: string
  depositMinor: number
  depositDueOn: string | null
  cancellationTerms: string | null
  milestones: MilestoneInput[]
}

/** A draft contract with its milestones (the deposit first, when there is one); checked against its budget line. */
export function createContract(actor: Actor, input: NewContract, override?: { reason: string }): { id: string; warning: BudgetWarning | null } {
  const { read, write } = actor
  const id = input.id ?? newId()
  if (read.get('SELECT 1 FROM contracts WHERE id = ?', id)) return { id, warning: null }
  getEvent(read, input.eventId)
  getVendor(read, input.vendorId)
  if (input.depositMinor > input.amountMinor) {
    throw new ApiError('invalid_input', 'The deposit is larger than the contract', {
      key: 'invalidField',
      issues: [{ path: 'depositMinor', message: 'Larger than the contract amount', key: 'depositTooLarge' }]
    })
  }
  const warning = input.budgetLineId
    ? checkBudget(actor, input.budgetLineId, { id, currency: input.currency, before: 0, after: input.amountMinor }, override)
    : null
  const createdAt = new Date().toISOString()
  write.insert(contracts, {
    id,
    eventId: input.eventId,
    vendorId: input.vendorId,
    rfqId: input.rfqId,
    budgetLineId: input.budgetLineId,
    title: input.title,
    amountMinor: input.amountMinor,
    currency: input.currency,
    depositMinor: input.depositMinor,
    status: 'draft',
    signedOn: null,
    signedBy: null,
    cancellationTerms: input.cancellationTerms,
    checklist: '[]',
    createdAt
  })
  const deposit: MilestoneInput[] =
    input.depositMinor > 0 ? [{ label: 'Deposit', dueOn: input.depositDueOn ?? createdAt.slice(0, 10), amountMinor: input.depositMinor, percent: null }] : []
  for (const m of [...deposit, ...input.milestones]) addMilestone(write, { contractId: id, eventId: input.eventId }, m)
  return { id, warning }
}

export function addMilestone(write: Writer, contract: { contractId: string; eventId: string }, m: MilestoneInput, id = newId()): void {
  write.insert(contractMilestones, { id, ...contract, label: m.label, dueOn: m.dueOn, amountMinor: m.amountMinor, percent: m.percent, createdAt: new Date().toISOString() })
}

/** Refuses a move the contract's state machine does not allow. */
export function assertTransition(from: ContractStatus, to: ContractStatus): void {
  if (!CONTRACT_TRANSITIONS[from].includes(to)) {
    throw new ApiError('conflict', `A ${from} contract cannot become ${to}`, { key: 'contractTransition', params: { from, to } })
  }
}
