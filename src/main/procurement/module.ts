/** Requests for quotation → quotes → comparison → award, per event. */
import { procurementContract, type RfqStatus } from '../../shared/contract/procurement'
import { ApiError } from '../../shared/errors'
import { createContract, type Actor } from '../contracts/service'
import { getContractRow, today } from '../contracts/queries'
import { newId } from '../core/ids'
import { defineModule, mutation, query, sessionOf, type WriteCtx } from '../core/module'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { getEvent } from '../events/queries'
import { assertVendorActive } from '../vendors/queries'
import { contendedAward } from './conflicts'
import { compareQuotes, getRfq, getRfqRow, lineNet, listRfqs, quoteTotals, rfqInvites, rfqLines, rfqQuotes, taxOn } from './queries'
import { quotes, rfqAwards, rfqInvites as invitesTable, rfqLines as linesTable, rfqs } from './schema'

/** Which states an RFQ may be in for an action; anything else is refused with the state it is in. */
function assertStatus(read: GuardedSql, id: string, allowed: readonly RfqStatus[], to: string) {
  const rfq = getRfqRow(read, id)
  if (!allowed.includes(rfq.status)) {
    throw new ApiError('conflict', `A ${rfq.status} request for quotation cannot be ${to}`, { key: 'rfqTransition', params: { from: rfq.status, to } })
  }
  return rfq
}

const inviteId = (rfqId: string, vendorId: string) => `${rfqId}:${vendorId}`

function invite(read: GuardedSql, write: Writer, rfq: { id: string; eventId: string }, vendorIds: readonly string[]): void {
  for (const vendorId of vendorIds) {
    assertVendorActive(read, vendorId)
    const id = inviteId(rfq.id, vendorId)
    if (!read.get('SELECT 1 FROM rfq_invites WHERE id = ?', id)) {
      write.insert(invitesTable, { id, rfqId: rfq.id, eventId: rfq.eventId, vendorId, status: 'pending', declineReason: null })
    }
  }
}

const actorOf = (ctx: WriteCtx): Actor => {
  const { staff } = sessionOf(ctx)
  return { read: ctx.read, write: ctx.write, deskId: ctx.desk.id, staffId: staff.id, role: staff.role }
}

export const procurementModule = defineModule(procurementContract, {
  name: 'procurement',
  tables: [
    { table: rfqs, kind: 'lww', scope: 'organizers', describe: 'SELECT title AS subject, currency FROM rfqs WHERE id = ?' },
    { table: linesTable, kind: 'lww', scope: 'organizers', describe: "SELECT r.title || ' · ' || l.description AS subject FROM rfq_lines l JOIN rfqs r ON r.id = l.rfq_id WHERE l.id = ?" },
    {
      table: invitesTable,
      kind: 'lww',
      scope: 'organizers',
      describe: "SELECT r.title || ' · ' || COALESCE(v.name, '') AS subject FROM rfq_invites i JOIN rfqs r ON r.id = i.rfq_id LEFT JOIN vendors v ON v.id = i.vendor_id WHERE i.id = ?"
    },
    {
      table: quotes,
      kind: 'lww',
      scope: 'organizers',
      describe: "SELECT r.title || ' · ' || COALESCE(v.name, '') AS subject, r.currency FROM quotes q JOIN rfqs r ON r.id = q.rfq_id LEFT JOIN vendors v ON v.id = q.vendor_id WHERE q.id = ?"
    },
    {
      table: rfqAwards,
      kind: 'fact',
      scope: 'organizers',
      describe: "SELECT r.title || ' · ' || COALESCE(v.name, '') AS subject FROM rfq_awards a JOIN rfqs r ON r.id = a.rfq_id LEFT JOIN vendors v ON v.id = a.vendor_id WHERE a.id = ?"
    }
  ],
  conflicts: [contendedAward],
  handlers: {
    'rfq.list': query((input, { read }) => listRfqs(read, input.eventId)),

    'rfq.get': query((input, { read }) => getRfq(read, input.id)),

    'rfq.create': mutation(({ id: wanted, lines, vendorIds, ...input }, { read, write }) => {
      const id = wanted ?? newId()
      if (read.get('SELECT 1 FROM rfqs WHERE id = ?', id)) return getRfq(read, id)
      getEvent(read, input.eventId)
      write.insert(rfqs, { id, ...input, status: 'draft', createdAt: new Date().toISOString() })
      lines.forEach((line, position) => write.insert(linesTable, { id: newId(), rfqId: id, eventId: input.eventId, position, ...line }))
      invite(read, write, { id, eventId: input.eventId }, vendorIds)
      return getRfq(read, id)
    }),

    'rfq.invite': mutation((input, { read, write }) => {
      const rfq = assertStatus(read, input.id, ['draft', 'sent'], 'sent')
      invite(read, write, rfq, input.vendorIds)
      return getRfq(read, rfq.id)
    }),

    'rfq.send': mutation((input, { read, write }) => {
      assertStatus(read, input.id, ['draft'], 'sent')
      if (rfqInvites(read, input.id).length === 0) {
        throw new ApiError('conflict', 'Invite at least one vendor first', { key: 'rfqNoVendors' })
      }
      write.update(rfqs, input.id, { status: 'sent' })
      return getRfq(read, input.id)
    }),

    'rfq.cancel': mutation((input, { read, write }) => {
      assertStatus(read, input.id, ['draft', 'sent'], 'cancelled')
      write.update(rfqs, input.id, { status: 'cancelled' })
      return getRfq(read, input.id)
    }),

    'rfq.decline': mutation((input, { read, write }) => {
      assertStatus(read, input.id, ['sent'], 'declined')
      const id = inviteId(input.id, input.vendorId)
      if (!read.get('SELECT 1 FROM rfq_invites WHERE id = ?', id)) throw new ApiError('not_found', 'This vendor is not invited', { key: 'rfqNotInvited' })
      write.update(invitesTable, id, { status: 'declined', declineReason: input.reason })
      return getRfq(read, input.id)
    }),

    'quote.save': mutation(({ rfqId, vendorId, prices, ...fields }, { read, write }) => {
      const rfq = assertStatus(read, rfqId, ['sent'], 'quoted')
      const id = inviteId(rfqId, vendorId)
      if (!read.get('SELECT 1 FROM rfq_invites WHERE id = ?', id)) throw new ApiError('not_found', 'This vendor is not invited', { key: 'rfqNotInvited' })
      const lineIds = new Set(rfqLines(read, rfqId).map((l) => l.id))
      const issues = prices.flatMap((p, i) => (lineIds.has(p.lineId) ? [] : [{ path: `prices.${i}.lineId`, message: 'Not a line of this request', key: 'notFound' }]))
      if (issues.length) throw new ApiError('invalid_input', 'A price names a line this request does not have', { key: 'invalidField', issues })
      const values = { ...fields, prices: JSON.stringify(Object.fromEntries(prices.map((p) => [p.lineId, p.unitPriceMinor]))) }
      if (read.get('SELECT 1 FROM quotes WHERE id = ?', id)) write.update(quotes, id, values)
      else write.insert(quotes, { id, rfqId, eventId: rfq.eventId, vendorId, ...values })
      write.update(invitesTable, id, { status: 'received', declineReason: null })
      return getRfq(read, rfqId)
    }),

    'rfq.compare': query((input, { read }) => compareQuotes(read, input.id, today())),

    'rfq.award': mutation((input, ctx) => {
      const { read, write } = ctx
      const roundId = input.roundId ?? newId()
      if (read.get('SELECT 1 FROM rfq_awards WHERE round_id = ?', roundId)) {
        // A retried award: answer with what the first attempt made.
        const contracts = read.all<{ id: string }>('SELECT id FROM contracts WHERE rfq_id = ? ORDER BY id', input.id)
        return { rfq: getRfq(read, input.id), contracts: contracts.map((c) => getContractRow(read, c.id)), warnings: [] }
      }
      const rfq = assertStatus(read, input.id, ['sent'], 'awarded')
      const lines = rfqLines(read, rfq.id)
      const assignment: { lineId: string; vendorId: string }[] = input.vendorId
        ? lines.map((l) => ({ lineId: l.id, vendorId: input.vendorId! }))
        : input.lines!
      if (assignment.length === 0) throw new ApiError('invalid_input', 'Award at least one line', { key: 'invalidField', issues: [{ path: 'lines', message: 'Award at least one line', key: 'awardNothing' }] })
      const lineById = new Map(lines.map((l) => [l.id, l]))
      const quoteByVendor = new Map(rfqQuotes(read, rfq.id).map((q) => [q.vendorId, q]))
      const on = today()
      const winners = new Map<string, typeof lines>()
      for (const [i, a] of assignment.entries()) {
        const line = lineById.get(a.lineId)
        if (!line) throw new ApiError('invalid_input', 'Not a line of this request', { key: 'invalidField', issues: [{ path: `lines.${i}.lineId`, message: 'Not a line of this request', key: 'notFound' }] })
        const vendor = assertVendorActive(read, a.vendorId)
        const quote = quoteByVendor.get(a.vendorId)
        if (!quote || quote.prices[a.lineId] === undefined) {
          throw new ApiError('conflict', `${vendor.name} has not quoted ${line.description}`, { key: 'awardNotQuoted', params: { vendor: vendor.name, line: line.description } })
        }
        if (quote.validUntil < on) {
          throw new ApiError('conflict', `The quote of ${vendor.name} expired on ${quote.validUntil}`, { key: 'quoteExpired', params: { vendor: vendor.name, date: quote.validUntil } })
        }
        winners.set(a.vendorId, [...(winners.get(a.vendorId) ?? []), line])
      }
      const at = new Date().toISOString()
      const staffId = sessionOf(ctx).staff.id
      for (const [vendorId, won] of winners) {
        const whole = input.vendorId !== undefined
        for (const line of whole ? [null] : won) {
          write.insert(rfqAwards, { id: newId(), rfqId: rfq.id, eventId: rfq.eventId, roundId, vendorId, lineId: line?.id ?? null, at, deskId: ctx.desk.id, staffId })
        }
      }
      for (const i of rfqInvites(read, rfq.id)) {
        if (!winners.has(i.vendorId)) write.update(invitesTable, inviteId(rfq.id, i.vendorId), { status: 'declined', declineReason: input.declineReason })
      }
      write.update(rfqs, rfq.id, { status: 'closed' })
      const actor = actorOf(ctx)
      const made: string[] = []
      const warnings = []
      for (const [vendorId, won] of winners) {
        const quote = quoteByVendor.get(vendorId)!
        // The whole request takes the quote's total (its discount included); single lines their net prices plus tax.
        const net = won.reduce((sum, l) => sum + lineNet(quote.prices[l.id]!, l.quantity), 0)
        const amountMinor = input.vendorId ? quoteTotals(quote, lines, on).totalMinor : net + taxOn(net, quote.taxBp)
        const { id, warning } = createContract(
          actor,
          {
            eventId: rfq.eventId,
            vendorId,
            rfqId: rfq.id,
            budgetLineId: input.budgetLineId,
            title: rfq.title,
            amountMinor,
            currency: rfq.currency,
            depositMinor: 0,
            depositDueOn: null,
            cancellationTerms: null,
            milestones: []
          },
          input.override
        )
        made.push(id)
        if (warning) warnings.push(warning)
      }
      return { rfq: getRfq(read, rfq.id), contracts: made.map((id) => getContractRow(read, id)), warnings }
    })
  }
})
