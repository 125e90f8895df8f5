/** RFQs with their lines, invites, quotes and award; the comparison of quotes line by line. */
import type { Comparison, QuoteRow, QuoteTotals, RfqAward, RfqDetail, RfqInvite, RfqLine, RfqRow } from '../../shared/contract/procurement'
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'

const RFQ_ROW = 'SELECT id, event_id AS eventId, title, currency, deadline, status, created_at AS createdAt FROM rfqs'

export function getRfqRow(read: GuardedSql, id: string): RfqRow {
  const row = read.get<RfqRow>(`${RFQ_ROW} WHERE id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such request for quotation', { key: 'notFound' })
  return row
}

export function listRfqs(read: GuardedSql, eventId: string): RfqRow[] {
  return read.all<RfqRow>(`${RFQ_ROW} WHERE event_id = ? ORDER BY created_at DESC, id`, eventId)
}

export function rfqLines(read: GuardedSql, rfqId: string): RfqLine[] {
  return read.all<RfqLine>(
    'SELECT id, position, description, quantity, unit, wanted_on AS wantedOn FROM rfq_lines WHERE rfq_id = ? ORDER BY position, id',
    rfqId
  )
}

export function rfqInvites(read: GuardedSql, rfqId: string): (RfqInvite & { blocked: boolean })[] {
  return read
    .all<RfqInvite & { blocked: number }>(
      `SELECT i.vendor_id AS vendorId, COALESCE(v.name, i.vendor_id) AS vendorName, i.status, i.decline_reason AS declineReason,
         COALESCE(v.status = 'blocked', 0) AS blocked
       FROM rfq_invites i LEFT JOIN vendors v ON v.id = i.vendor_id WHERE i.rfq_id = ? ORDER BY v.name COLLATE NOCASE, i.vendor_id`,
      rfqId
    )
    .map((i) => ({ ...i, blocked: Boolean(i.blocked) }))
}

export function rfqQuotes(read: GuardedSql, rfqId: string): QuoteRow[] {
  return read
    .all<Omit<QuoteRow, 'prices'> & { prices: string }>(
      `SELECT id, rfq_id AS rfqId, vendor_id AS vendorId, prices, tax_bp AS taxBp, discount_minor AS discountMinor,
         valid_until AS validUntil, payment_terms AS paymentTerms, notes FROM quotes WHERE rfq_id = ? ORDER BY vendor_id`,
      rfqId
    )
    .map((q) => ({ ...q, prices: JSON.parse(q.prices) as Record<string, number> }))
}

/**
 * The award, as every desk computes it from the award facts: the earliest
 * award round by (its time, its id) wins; a later round from a desk that
 * could not see it is kept, and shows as a conflict.
 */
export function effectiveAward(read: GuardedSql, rfqId: string): RfqAward[] {
  return read.all<RfqAward>(
    `WITH rounds AS (SELECT round_id, MIN(at) AS at FROM rfq_awards WHERE rfq_id = ? GROUP BY round_id ORDER BY at, round_id LIMIT 1)
     SELECT a.round_id AS roundId, a.vendor_id AS vendorId, a.line_id AS lineId, a.at FROM rfq_awards a JOIN rounds r ON r.round_id = a.round_id
     ORDER BY a.line_id, a.id`,
    rfqId
  )
}

export function getRfq(read: GuardedSql, id: string): RfqDetail {
  const rfq = getRfqRow(read, id)
  return {
    ...rfq,
    lines: rfqLines(read, id),
    invites: rfqInvites(read, id).map(({ blocked: _blocked, ...i }) => i),
    quotes: rfqQuotes(read, id),
    awards: effectiveAward(read, id)
  }
}

/** Line net: unit price × quantity, rounded to the minor unit. */
export const lineNet = (unitPriceMinor: number, quantity: number): number => Math.round(unitPriceMinor * quantity)

/** Tax on an amount at a rate in basis points, rounded to the minor unit. */
export const taxOn = (amountMinor: number, taxBp: number): number => Math.round((amountMinor * taxBp) / 10_000)

export function quoteTotals(quote: QuoteRow, lines: readonly RfqLine[], on: string): QuoteTotals {
  const subtotalMinor = lines.reduce((sum, l) => sum + (quote.prices[l.id] === undefined ? 0 : lineNet(quote.prices[l.id]!, l.quantity)), 0)
  const discountMinor = Math.min(quote.discountMinor, subtotalMinor)
  const taxMinor = taxOn(subtotalMinor - discountMinor, quote.taxBp)
  return {
    subtotalMinor,
    discountMinor,
    taxMinor,
    totalMinor: subtotalMinor - discountMinor + taxMinor,
    validUntil: quote.validUntil,
    expired: quote.validUntil < on,
    complete: lines.every((l) => quote.prices[l.id] !== undefined),
    paymentTerms: quote.paymentTerms
  }
}

const lowest = (entries: { vendorId: string; amount: number | null }[]): string[] => {
  const amounts = entries.filter((e) => e.amount !== null) as { vendorId: string; amount: number }[]
  if (amounts.length === 0) return []
  const min = Math.min(...amounts.map((e) => e.amount))
  return amounts.filter((e) => e.amount === min).map((e) => e.vendorId)
}

/** Lines × invited vendors: each line's lowest offer (unexpired quotes of vendors not blocked) and the lowest complete total. */
export function compareQuotes(read: GuardedSql, rfqId: string, on: string): Comparison {
  const rfq = getRfqRow(read, rfqId)
  const lines = rfqLines(read, rfqId)
  const quotes = new Map(rfqQuotes(read, rfqId).map((q) => [q.vendorId, q]))
  const vendors = rfqInvites(read, rfqId).map((i) => {
    const quote = quotes.get(i.vendorId)
    return { vendorId: i.vendorId, name: i.vendorName, status: i.status, blocked: i.blocked, quote: quote ? quoteTotals(quote, lines, on) : null }
  })
  const eligible = new Set(vendors.filter((v) => v.quote && !v.quote.expired && !v.blocked && v.status !== 'declined').map((v) => v.vendorId))
  return {
    rfqId,
    currency: rfq.currency,
    vendors,
    lines: lines.map((l) => {
      const cells = vendors.map((v) => {
        const price = quotes.get(v.vendorId)?.prices[l.id]
        return { vendorId: v.vendorId, unitPriceMinor: price ?? null, totalMinor: price === undefined ? null : lineNet(price, l.quantity) }
      })
      return {
        id: l.id,
        description: l.description,
        quantity: l.quantity,
        unit: l.unit,
        cells,
        lowestVendorIds: lowest(cells.filter((c) => eligible.has(c.vendorId)).map((c) => ({ vendorId: c.vendorId, amount: c.totalMinor })))
      }
    }),
    lowestTotalVendorIds: lowest(vendors.filter((v) => eligible.has(v.vendorId) && v.quote!.complete).map((v) => ({ vendorId: v.vendorId, amount: v.quote!.totalMinor })))
  }
}

/** An award fact as a conflict lists it: the RFQ and the vendor, when and where it was awarded. */
export function awardMember(read: GuardedSql, id: string) {
  const a = read.get<{ title: string; vendor: string | null; description: string | null; at: string; desk: string | null; staff: string | null }>(
    `SELECT r.title, v.name AS vendor, l.description, a.at, d.name AS desk, s.name AS staff FROM rfq_awards a JOIN rfqs r ON r.id = a.rfq_id
     LEFT JOIN vendors v ON v.id = a.vendor_id LEFT JOIN rfq_lines l ON l.id = a.line_id
     LEFT JOIN desks d ON d.id = a.desk_id LEFT JOIN staff s ON s.id = a.staff_id WHERE a.id = ?`,
    id
  )
  const label = a ? [a.title, a.description, a.vendor, a.staff].filter(Boolean).join(' · ') : id
  return { id, label, attendeeId: null, at: a?.at ?? null, deskName: a?.desk ?? null }
}
