/** Writes of accounts, contacts and leads; the pipeline composes them when a lead becomes an opportunity. */
import type { LeadInput, LeadSource } from '../../shared/contract/crm'
import { ApiError } from '../../shared/errors'
import { findByEmail } from '../attendees/queries'
import { newId } from '../core/ids'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { getStaff } from '../staff/queries'
import { accountKey, emailKey, nameKey } from './keys'
import { accountByKey, getContact, getLead } from './queries'
import { accounts, contacts, leads } from './schema'

const now = () => new Date().toISOString()

export interface AccountFields {
  name: string
  domain: string | null
  industry: string | null
  employees: number | null
  website: string | null
  notes: string | null
}

export function createAccount(read: GuardedSql, write: Writer, fields: AccountFields, id = newId()): string {
  if (read.get('SELECT 1 FROM accounts WHERE id = ?', id)) return id
  write.insert(accounts, { id, ...fields, nameKey: accountKey(fields.name), createdAt: now() })
  return id
}

export function updateAccount(write: Writer, id: string, fields: AccountFields): void {
  write.update(accounts, id, { ...fields, nameKey: accountKey(fields.name) })
}

/** The account of a company name: an existing one of that (folded) name, else a new one. */
export function accountForCompany(read: GuardedSql, write: Writer, name: string): string {
  return accountByKey(read, accountKey(name)) ?? createAccount(read, write, { name, domain: null, industry: null, employees: null, website: null, notes: null })
}

export interface ContactFields {
  accountId: string | null
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  jobTitle: string | null
}

export function createContact(read: GuardedSql, write: Writer, fields: ContactFields, id = newId()): string {
  if (read.get('SELECT 1 FROM contacts WHERE id = ?', id)) return id
  if (fields.accountId && !read.get('SELECT 1 FROM accounts WHERE id = ?', fields.accountId)) {
    throw new ApiError('not_found', 'No such account', { key: 'notFound' })
  }
  write.insert(contacts, { id, ...fields, attendeeId: null, createdAt: now() })
  return id
}

/** Links a contact to the attendee of the event registered with the contact's e-mail. */
export function linkContactToAttendee(read: GuardedSql, write: Writer, id: string, eventId: string): void {
  const contact = getContact(read, id)
  const attendee = contact.email ? findByEmail(read, eventId, contact.email) : null
  if (!attendee) {
    throw new ApiError('not_found', 'Nobody is registered at this event with the contact’s e-mail', { key: 'noAttendeeWithEmail' })
  }
  write.update(contacts, id, { attendeeId: attendee.id })
}

function assertOwner(read: GuardedSql, ownerId: string | null): void {
  if (ownerId) getStaff(read, ownerId)
}

const keysOf = (lead: Pick<LeadInput, 'email' | 'company' | 'firstName' | 'lastName'>) => ({
  emailKey: emailKey(lead.email),
  nameKey: nameKey(lead.company, lead.firstName, lead.lastName)
})

export function createLead(read: GuardedSql, write: Writer, input: LeadInput & { source: LeadSource }, id = newId()): string {
  if (read.get('SELECT 1 FROM leads WHERE id = ?', id)) return id
  assertOwner(read, input.ownerId)
  write.insert(leads, { id, ...input, ...keysOf(input), status: 'new', disqualifyReason: null, mergedInto: null, createdAt: now() })
  return id
}

export function updateLead(read: GuardedSql, write: Writer, id: string, input: LeadInput): void {
  assertOpen(read, id)
  assertOwner(read, input.ownerId)
  write.update(leads, id, { ...input, ...keysOf(input) })
}

function assertOpen(read: GuardedSql, id: string): void {
  const { status } = getLead(read, id)
  if (status === 'merged' || status === 'converted') {
    throw new ApiError('conflict', 'This lead was merged or converted and is closed', { key: 'leadClosed' })
  }
}

/** Qualifying needs the score threshold; disqualifying needs a reason. */
export function setLeadStatus(read: GuardedSql, write: Writer, id: string, status: 'new' | 'working' | 'qualified' | 'disqualified', reason: string | null): void {
  assertOpen(read, id)
  const lead = getLead(read, id)
  if (status === 'qualified' && !lead.ready) {
    throw new ApiError('conflict', `The lead scores ${lead.score.total}, below the threshold to qualify`, {
      key: 'leadBelowThreshold',
      params: { score: lead.score.total }
    })
  }
  if (status === 'disqualified' && !reason) {
    throw new ApiError('invalid_input', 'Say why the lead is disqualified', {
      key: 'reasonRequired',
      issues: [{ path: 'reason', message: 'Say why the lead is disqualified', key: 'reasonRequired' }]
    })
  }
  write.update(leads, id, { status, disqualifyReason: status === 'disqualified' ? reason : null })
}

export function markConverted(write: Writer, id: string): void {
  write.update(leads, id, { status: 'converted' })
}

const MERGED_FIELDS = ['eventId', 'email', 'company', 'jobTitle', 'companySize', 'phone', 'ownerId', 'notes'] as const

/** Merges leads into the one kept: its empty fields take the others' values (oldest first); the others become 'merged'. */
export function mergeLeads(read: GuardedSql, write: Writer, keepId: string, mergeIds: string[]): void {
  assertOpen(read, keepId)
  const kept = getLead(read, keepId)
  const others = [...new Set(mergeIds)].filter((m) => m !== keepId).map((m) => getLead(read, m))
  for (const o of others) assertOpen(read, o.id)
  others.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
  const patch: Partial<LeadInput> = {}
  for (const field of MERGED_FIELDS) {
    if (kept[field] !== null) continue
    const found = others.find((o) => o[field] !== null)
    if (found) Object.assign(patch, { [field]: found[field] })
  }
  const merged = { ...kept, ...patch }
  write.update(leads, keepId, { ...patch, ...keysOf(merged) })
  for (const o of others) write.update(leads, o.id, { status: 'merged', mergedInto: keepId })
}
