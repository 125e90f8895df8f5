/** Reads of accounts, contacts and leads (with their scores) that screens and other sales domains use. */
import type { AccountRow, ContactRow, DuplicateLeads, LeadList, LeadRow, LeadStatus } from '../../shared/contract/crm'
import { ApiError } from '../../shared/errors'
import { scoreLead } from '../../shared/sales/scoring'
import { foldText } from '../../shared/text'
import type { GuardedSql } from '../core/sql'
import { salesSettings } from '../salesteam/queries'

const ACCOUNT = `SELECT a.id, a.name, a.domain, a.industry, a.employees, a.website, a.notes, a.created_at AS createdAt,
  (SELECT COUNT(*) FROM contacts c WHERE c.account_id = a.id) AS contacts FROM accounts a`

export function listAccounts(read: GuardedSql, query?: string): AccountRow[] {
  const rows = read.all<AccountRow>(`${ACCOUNT} ORDER BY a.name_key, a.id`)
  const q = foldText(query?.trim() ?? '')
  return q ? rows.filter((a) => foldText(a.name).includes(q)) : rows
}

export function getAccount(read: GuardedSql, id: string): AccountRow {
  const row = read.get<AccountRow>(`${ACCOUNT} WHERE a.id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such account', { key: 'notFound' })
  return row
}

export function accountByKey(read: GuardedSql, key: string): string | null {
  return read.get<{ id: string }>('SELECT id FROM accounts WHERE name_key = ? ORDER BY id LIMIT 1', key)?.id ?? null
}

const CONTACT = `SELECT c.id, c.account_id AS accountId, c.first_name AS firstName, c.last_name AS lastName, c.email, c.phone,
  c.job_title AS jobTitle, c.attendee_id AS attendeeId, c.created_at AS createdAt, a.name AS accountName
  FROM contacts c LEFT JOIN accounts a ON a.id = c.account_id`

export function listContacts(read: GuardedSql, accountId?: string): ContactRow[] {
  return accountId
    ? read.all<ContactRow>(`${CONTACT} WHERE c.account_id = ? ORDER BY c.last_name, c.first_name, c.id`, accountId)
    : read.all<ContactRow>(`${CONTACT} ORDER BY c.last_name, c.first_name, c.id`)
}

export function getContact(read: GuardedSql, id: string): ContactRow {
  const row = read.get<ContactRow>(`${CONTACT} WHERE c.id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such contact', { key: 'notFound' })
  return row
}

const LEAD = `SELECT l.id, l.event_id AS eventId, l.first_name AS firstName, l.last_name AS lastName, l.email, l.company,
  l.job_title AS jobTitle, l.company_size AS companySize, l.phone, l.source, l.owner_id AS ownerId, l.status,
  l.disqualify_reason AS disqualifyReason, l.merged_into AS mergedInto, l.notes, l.created_at AS createdAt, s.name AS ownerName
  FROM leads l LEFT JOIN staff s ON s.id = l.owner_id`

type StoredLead = Omit<LeadRow, 'score' | 'ready'>

/** Scores rows with the rules in force (scores are never stored: the rules can change). */
function scored(read: GuardedSql, rows: StoredLead[]): { leads: LeadRow[]; threshold: number } {
  const { scoring, qualifyThreshold } = salesSettings(read)
  return {
    threshold: qualifyThreshold,
    leads: rows.map((row) => {
      const score = scoreLead(row, scoring)
      return { ...row, score, ready: score.total >= qualifyThreshold }
    })
  }
}

export function getLead(read: GuardedSql, id: string): LeadRow {
  const row = read.get<StoredLead>(`${LEAD} WHERE l.id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such lead', { key: 'notFound' })
  return scored(read, [row]).leads[0]!
}

export function listLeads(read: GuardedSql, filter: { eventId?: string; status?: LeadStatus; query?: string; limit: number }): LeadList {
  const where: string[] = []
  const params: unknown[] = []
  if (filter.eventId) {
    where.push('l.event_id = ?')
    params.push(filter.eventId)
  }
  // Merged leads live on in the one they were merged into: listed only when asked for.
  where.push(filter.status ? 'l.status = ?' : "l.status != 'merged'")
  if (filter.status) params.push(filter.status)
  const q = filter.query?.trim()
  if (q) {
    where.push("(l.first_name || ' ' || l.last_name || ' ' || IFNULL(l.company, '') || ' ' || IFNULL(l.email, '')) LIKE ? ESCAPE '\\'")
    params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  }
  const clause = `WHERE ${where.join(' AND ')}`
  const total = read.get<{ n: number }>(`SELECT COUNT(*) AS n FROM leads l ${clause}`, ...params)!.n
  const rows = read.all<StoredLead>(`${LEAD} ${clause} ORDER BY l.created_at DESC, l.id DESC LIMIT ?`, ...params, filter.limit)
  return { ...scored(read, rows), total }
}

export function duplicateLeads(read: GuardedSql): DuplicateLeads[] {
  const groups = read.all<{ id: string; members: string; detail: string }>(
    "SELECT id, members, detail FROM conflicts WHERE kind = 'duplicate_lead' ORDER BY id"
  )
  return groups.map((g) => {
    const ids = JSON.parse(g.members) as string[]
    const rows = read.all<StoredLead>(`${LEAD} WHERE l.id IN (${ids.map(() => '?').join(', ')}) ORDER BY l.created_at, l.id`, ...ids)
    return { id: g.id, reason: (JSON.parse(g.detail) as { reason: 'email' | 'name' }).reason, leads: scored(read, rows).leads }
  })
}
