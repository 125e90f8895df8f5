/** Writes of the sales team's settings and quotas. */
import { SELLING_ROLES, type Quota, type SalesSettings } from '../../shared/contract/salesteam'
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { getStaff } from '../staff/queries'
import { quotaId, salesSettings } from './queries'
import { salesQuotas, salesSettings as settingsTable } from './schema'

/** Stores the settings given (each its own row, so desks apart changing different ones both keep theirs). */
export function updateSettings(read: GuardedSql, write: Writer, patch: Partial<SalesSettings>): SalesSettings {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    const json = JSON.stringify(value)
    if (read.get('SELECT 1 FROM sales_settings WHERE id = ?', key)) write.update(settingsTable, key, { value: json })
    else write.insert(settingsTable, { id: key, value: json })
  }
  return salesSettings(read)
}

export function setQuota(read: GuardedSql, write: Writer, input: Omit<Quota, 'id' | 'ownerName'>): Quota {
  const owner = getStaff(read, input.ownerId)
  if (!(SELLING_ROLES as readonly string[]).includes(owner.role)) {
    throw new ApiError('invalid_input', `${owner.name} does not sell`, { key: 'notASeller', params: { name: owner.name } })
  }
  const id = quotaId(input.ownerId, input.period, input.currency)
  if (read.get('SELECT 1 FROM sales_quotas WHERE id = ?', id)) write.update(salesQuotas, id, { amountCents: input.amountCents })
  else write.insert(salesQuotas, { id, ...input })
  return { id, ownerName: owner.name, ...input }
}
