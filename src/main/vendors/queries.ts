/** Reads of the vendor directory other domains may use (an RFQ invites vendors, a contract names one). */
import type { VendorRow } from '../../shared/contract/vendors'
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'

interface Stored {
  id: string
  name: string
  categories: string
  contacts: string
  tax_id: string | null
  website: string | null
  notes: string | null
  tags: string
  status: VendorRow['status']
  blocked_reason: string | null
  created_at: string
}

const SELECT = 'SELECT * FROM vendors'

const toRow = (r: Stored): VendorRow => ({
  id: r.id,
  name: r.name,
  categories: JSON.parse(r.categories) as VendorRow['categories'],
  contacts: JSON.parse(r.contacts) as VendorRow['contacts'],
  taxId: r.tax_id,
  website: r.website,
  notes: r.notes,
  tags: JSON.parse(r.tags) as string[],
  status: r.status,
  blockedReason: r.blocked_reason,
  createdAt: r.created_at
})

export function getVendor(read: GuardedSql, id: string): VendorRow {
  const row = read.get<Stored>(`${SELECT} WHERE id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such vendor', { key: 'notFound' })
  return toRow(row)
}

export function vendorNames(read: GuardedSql, ids: readonly string[]): Map<string, string> {
  const names = new Map<string, string>()
  for (const id of new Set(ids)) {
    const row = read.get<{ name: string }>('SELECT name FROM vendors WHERE id = ?', id)
    names.set(id, row?.name ?? id)
  }
  return names
}

/** A vendor that may be invited or awarded: it exists and is not blocked. */
export function assertVendorActive(read: GuardedSql, id: string): VendorRow {
  const vendor = getVendor(read, id)
  if (vendor.status === 'blocked') {
    throw new ApiError('conflict', `${vendor.name} is blocked: ${vendor.blockedReason ?? ''}`, {
      key: 'vendorBlocked',
      params: { name: vendor.name, reason: vendor.blockedReason ?? '' }
    })
  }
  return vendor
}

/** Vendors by name (then id, the same order on every desk), filtered by category, status and a text in name, tags or tax id. */
export function listVendors(read: GuardedSql, filter: { category?: string; status?: string; search?: string }): VendorRow[] {
  const needle = filter.search?.trim().toLowerCase()
  return read
    .all<Stored>(`${SELECT} ORDER BY name COLLATE NOCASE, id`)
    .map(toRow)
    .filter(
      (v) =>
        (!filter.category || (v.categories as string[]).includes(filter.category)) &&
        (!filter.status || v.status === filter.status) &&
        (!needle || [v.name, v.taxId ?? '', ...v.tags].some((s) => s.toLowerCase().includes(needle)))
    )
}
