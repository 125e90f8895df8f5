/** Writes of opportunities: create, edit, move across the board, and a qualified lead converted. */
import type { OpportunityInput } from '../../shared/contract/pipeline'
import { ApiError } from '../../shared/errors'
import type { Stage } from '../../shared/sales/stages'
import type { Session } from '../core/module'
import { newId } from '../core/ids'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { getAccount, getLead } from '../crm/queries'
import { accountForCompany, createContact, markConverted } from '../crm/service'
import { getEvent } from '../events/queries'
import { getStaff } from '../staff/queries'
import { getOpportunity } from './queries'
import { opportunities } from './schema'

/** A sales person works their own deals; managers and organizers the team's. */
export const ownOnly = (session: Session): string | undefined => (session.staff.role === 'sales' ? session.staff.id : undefined)

export function assertMayWork(read: GuardedSql, session: Session, id: string): void {
  const own = ownOnly(session)
  if (own && getOpportunity(read, id).ownerId !== own) {
    throw new ApiError('forbidden', 'This opportunity belongs to someone else', { key: 'notYourOpportunity' })
  }
}

function check(read: GuardedSql, session: Session, input: OpportunityInput): OpportunityInput {
  getEvent(read, input.eventId)
  getAccount(read, input.accountId)
  if (input.ownerId) getStaff(read, input.ownerId)
  const own = ownOnly(session)
  // A sales person's new or edited deal is theirs.
  return own ? { ...input, ownerId: own } : input
}

export function createOpportunity(read: GuardedSql, write: Writer, session: Session, input: OpportunityInput & { stage: Stage; leadId?: string | null }, id = newId()): string {
  if (read.get('SELECT 1 FROM opportunities WHERE id = ?', id)) return id
  const fields = check(read, session, input)
  write.insert(opportunities, {
    id,
    ...fields,
    contactId: fields.contactId ?? null,
    leadId: input.leadId ?? null,
    stage: input.stage,
    lostReason: null,
    createdAt: new Date().toISOString()
  })
  return id
}

export function updateOpportunity(read: GuardedSql, write: Writer, session: Session, id: string, input: OpportunityInput): void {
  assertMayWork(read, session, id)
  write.update(opportunities, id, check(read, session, input))
}

/** To another stage: the stage's probability applies again (an override was for the stage it was made in). */
export function moveOpportunity(read: GuardedSql, write: Writer, session: Session, id: string, stage: Stage, lostReason: string | null): void {
  assertMayWork(read, session, id)
  if (stage === 'lost' && !lostReason) {
    throw new ApiError('invalid_input', 'Say why the deal was lost', {
      key: 'reasonRequired',
      issues: [{ path: 'lostReason', message: 'Say why the deal was lost', key: 'reasonRequired' }]
    })
  }
  const current = getOpportunity(read, id)
  if (current.stage === stage) return
  write.update(opportunities, id, { stage, probability: null, lostReason: stage === 'lost' ? lostReason : null })
}

/** A qualified lead becomes an opportunity: its company an account (one of that name is reused), the person a contact. */
export function opportunityFromLead(
  read: GuardedSql,
  write: Writer,
  session: Session,
  input: Pick<OpportunityInput, 'eventId' | 'name' | 'product' | 'sponsorLevel' | 'amountCents' | 'currency' | 'closeDate'> & { leadId: string },
  id = newId()
): string {
  if (read.get('SELECT 1 FROM opportunities WHERE id = ?', id)) return id
  const lead = getLead(read, input.leadId)
  if (lead.status !== 'qualified') {
    throw new ApiError('conflict', 'Only a qualified lead becomes an opportunity', { key: 'leadNotQualified' })
  }
  const accountId = accountForCompany(read, write, lead.company ?? `${lead.firstName} ${lead.lastName}`.trim())
  const contactId = createContact(read, write, {
    accountId,
    firstName: lead.firstName,
    lastName: lead.lastName,
    email: lead.email,
    phone: lead.phone,
    jobTitle: lead.jobTitle
  })
  markConverted(write, lead.id)
  const { leadId, ...fields } = input
  return createOpportunity(
    read,
    write,
    session,
    {
      ...fields,
      accountId,
      contactId,
      leadId,
      stage: 'prospect',
      boothSize: null,
      boothLocation: null,
      ticketCount: null,
      probability: null,
      ownerId: lead.ownerId ?? session.staff.id,
      nextStep: null,
      notes: null
    },
    id
  )
}
