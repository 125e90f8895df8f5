/** Contracts, payment milestones, payments, the fulfilment checklist, and the event budget they commit and pay. */
import { contractsContract } from '../../shared/contract/contracts'
import { ApiError } from '../../shared/errors'
import { getEvent } from '../events/queries'
import { newId } from '../core/ids'
import { defineModule, mutation, query, sessionOf, type WriteCtx } from '../core/module'
import { milestoneOverpaid } from './conflicts'
import { exportBudget } from './export'
import { budgetSummary, getBudgetLine, getContract, getContractRow, getMilestone, listContracts, overdueMilestones, today } from './queries'
import { budgetLines, budgetOverrides, contractMilestones, contractPayments, contracts } from './schema'
import { addMilestone, assertTransition, checkBudget, createContract, type Actor } from './service'

const actorOf = (ctx: WriteCtx): Actor => {
  const { staff } = sessionOf(ctx)
  return { read: ctx.read, write: ctx.write, deskId: ctx.desk.id, staffId: staff.id, role: staff.role }
}

const CONTRACT_SUBJECT = `SELECT c.title || ' — ' || COALESCE(v.name, '') AS subject, c.currency FROM contracts c LEFT JOIN vendors v ON v.id = c.vendor_id`

export const contractsModule = defineModule(contractsContract, {
  name: 'contracts',
  tables: [
    { table: contracts, kind: 'lww', scope: 'organizers', describe: `${CONTRACT_SUBJECT} WHERE c.id = ?` },
    {
      table: contractMilestones,
      kind: 'lww',
      scope: 'organizers',
      describe: `${CONTRACT_SUBJECT.replace('c.title ||', "m.label || ' · ' || c.title ||")} JOIN contract_milestones m ON m.contract_id = c.id WHERE m.id = ?`
    },
    {
      table: contractPayments,
      kind: 'fact',
      scope: 'organizers',
      describe: `${CONTRACT_SUBJECT} JOIN contract_payments p ON p.contract_id = c.id WHERE p.id = ?`
    },
    { table: budgetLines, kind: 'lww', scope: 'organizers', describe: 'SELECT name AS subject, currency FROM budget_lines WHERE id = ?' },
    {
      table: budgetOverrides,
      kind: 'fact',
      scope: 'organizers',
      describe: 'SELECT b.name AS subject, b.currency FROM budget_overrides o JOIN budget_lines b ON b.id = o.budget_line_id WHERE o.id = ?'
    }
  ],
  conflicts: [milestoneOverpaid],
  handlers: {
    'contract.list': query((input, { read }) => listContracts(read, input.eventId)),

    'contract.get': query((input, { read }) => getContract(read, input.id)),

    'contract.create': mutation(({ override, ...input }, ctx) => {
      const { id, warning } = createContract(actorOf(ctx), { ...input, rfqId: null }, override)
      return { contract: getContract(ctx.read, id), warnings: warning ? [warning] : [] }
    }),

    'contract.update': mutation(({ id, override, ...patch }, ctx) => {
      const current = getContractRow(ctx.read, id)
      if (current.status === 'cancelled' || current.status === 'completed') {
        throw new ApiError('conflict', `A ${current.status} contract cannot be changed`, { key: 'contractClosed', params: { status: current.status } })
      }
      const lineId = patch.budgetLineId === undefined ? current.budgetLineId : patch.budgetLineId
      const amount = patch.amountMinor ?? current.amountMinor
      const warning = lineId
        ? checkBudget(actorOf(ctx), lineId, { id, currency: current.currency, before: lineId === current.budgetLineId ? current.amountMinor : 0, after: amount }, override)
        : null
      ctx.write.update(contracts, id, patch)
      return { contract: getContract(ctx.read, id), warnings: warning ? [warning] : [] }
    }),

    'contract.setStatus': mutation((input, { read, write }) => {
      const current = getContractRow(read, input.id)
      if (current.status === input.status) return getContract(read, input.id)
      assertTransition(current.status, input.status)
      const signing = input.status === 'signed'
      if (signing && !input.signedBy) {
        throw new ApiError('invalid_input', 'Say who signed', { key: 'invalidField', issues: [{ path: 'signedBy', message: 'Say who signed', key: 'signedByRequired' }] })
      }
      write.update(contracts, input.id, signing ? { status: input.status, signedBy: input.signedBy, signedOn: input.signedOn ?? today() } : { status: input.status })
      return getContract(read, input.id)
    }),

    'contract.addMilestone': mutation((input, { read, write }) => {
      const contract = getContractRow(read, input.contractId)
      const id = input.id ?? newId()
      if (!read.get('SELECT 1 FROM contract_milestones WHERE id = ?', id)) addMilestone(write, { contractId: contract.id, eventId: contract.eventId }, input.milestone, id)
      return getContract(read, contract.id)
    }),

    'contract.setChecklist': mutation((input, { read, write }) => {
      getContractRow(read, input.id)
      write.update(contracts, input.id, { checklist: JSON.stringify(input.checklist) })
      return getContract(read, input.id)
    }),

    'contract.pay': mutation(({ id: wanted, ...input }, ctx) => {
      const { read, write } = ctx
      const milestone = getMilestone(read, input.milestoneId)
      const id = wanted ?? newId()
      if (read.get('SELECT 1 FROM contract_payments WHERE id = ?', id)) return getContract(read, milestone.contractId)
      const contract = getContractRow(read, milestone.contractId)
      if (contract.status === 'cancelled') {
        throw new ApiError('conflict', 'A cancelled contract takes no payments', { key: 'contractClosed', params: { status: contract.status } })
      }
      const due = milestone.amountMinor - milestone.paidMinor
      if (input.amountMinor > due) {
        throw new ApiError('conflict', `Only ${due} (minor units) is still due on this milestone`, {
          key: 'overpayment',
          params: { due, currency: contract.currency },
          issues: [{ path: 'amountMinor', message: 'More than is due', key: 'moreThanDue' }]
        })
      }
      const { staff } = sessionOf(ctx)
      write.insert(contractPayments, {
        id,
        eventId: contract.eventId,
        contractId: contract.id,
        milestoneId: milestone.id,
        kind: 'payment',
        refId: null,
        amountMinor: input.amountMinor,
        paidOn: input.paidOn,
        method: input.method,
        reference: input.reference,
        at: new Date().toISOString(),
        deskId: ctx.desk.id,
        staffId: staff.id
      })
      return getContract(read, contract.id)
    }),

    'contract.voidPayment': mutation((input, ctx) => {
      const { read, write } = ctx
      const payment = read.get<{ contract_id: string; milestone_id: string; event_id: string; method: 'other' }>(
        "SELECT contract_id, milestone_id, event_id, method FROM contract_payments WHERE id = ? AND kind = 'payment'",
        input.paymentId
      )
      if (!payment) throw new ApiError('not_found', 'No such payment', { key: 'notFound' })
      if (read.get("SELECT 1 FROM contract_payments WHERE kind = 'void' AND ref_id = ?", input.paymentId)) {
        throw new ApiError('conflict', 'This payment is already void', { key: 'alreadyUndone' })
      }
      // A void is a fact of its own (the reason as its reference): the payment stays in the record.
      write.insert(contractPayments, {
        id: newId(),
        eventId: payment.event_id,
        contractId: payment.contract_id,
        milestoneId: payment.milestone_id,
        kind: 'void',
        refId: input.paymentId,
        amountMinor: 0,
        paidOn: today(),
        method: payment.method,
        reference: input.reason,
        at: new Date().toISOString(),
        deskId: ctx.desk.id,
        staffId: sessionOf(ctx).staff.id
      })
      return getContract(read, payment.contract_id)
    }),

    'contract.overdue': query((input, { read }) => overdueMilestones(read, input.eventId, input.today ?? today())),

    'budget.list': query((input, { read }) => {
      getEvent(read, input.eventId)
      return budgetSummary(read, input.eventId)
    }),

    'budget.export': query((input, { read }) => exportBudget(read, input.eventId, input.language)),

    'budget.saveLine': mutation(({ id: wanted, ...input }, { read, write }) => {
      getEvent(read, input.eventId)
      const id = wanted ?? newId()
      const existing = read.get<{ event_id: string; currency: string }>('SELECT event_id, currency FROM budget_lines WHERE id = ?', id)
      if (!existing) {
        write.insert(budgetLines, { id, ...input, createdAt: new Date().toISOString() })
        return getBudgetLine(read, id)
      }
      if (existing.currency !== input.currency && read.get("SELECT 1 FROM contracts WHERE budget_line_id = ? AND status != 'cancelled'", id)) {
        throw new ApiError('conflict', 'Contracts on this line are in its currency', {
          key: 'budgetCurrency',
          params: { line: input.name, lineCurrency: existing.currency, currency: input.currency }
        })
      }
      const { eventId: _event, ...fields } = input
      write.update(budgetLines, id, fields)
      return getBudgetLine(read, id)
    })
  }
})
