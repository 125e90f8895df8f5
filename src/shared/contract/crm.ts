/** Accounts (companies) and contacts shared across events, leads with scores and duplicates. */
import { z } from 'zod'
import type { accounts, contacts, leads } from '../../main/crm/schema'
import { clientId, FIELD_MESSAGES, id, optionalEmail, optionalLine, optionalLines, personName } from '../fields'
import { STAFF_ROLES } from '../roles'
import type { Score } from '../sales/scoring'
import { method } from './method'

export const LEAD_SOURCES = ['manual', 'import', 'booth', 'walkup'] as const
export type LeadSource = (typeof LEAD_SOURCES)[number]
/** Statuses a person sets; 'converted' and 'merged' are set by converting and merging. */
export const LEAD_STATUSES = ['new', 'working', 'qualified', 'disqualified'] as const
export const LEAD_RECORD_STATUSES = [...LEAD_STATUSES, 'converted', 'merged'] as const
export type LeadStatus = (typeof LEAD_RECORD_STATUSES)[number]

export type AccountRow = Omit<typeof accounts.$inferSelect, 'nameKey'> & { contacts: number }
export type ContactRow = typeof contacts.$inferSelect & { accountName: string | null }
export type LeadRow = Omit<typeof leads.$inferSelect, 'emailKey' | 'nameKey'> & {
  ownerName: string | null
  score: Score
  /** The score reaches the threshold the sales lead set: the lead may be qualified. */
  ready: boolean
}

export interface LeadList {
  leads: LeadRow[]
  /** How many match in all (the list shows the first `limit`). */
  total: number
  threshold: number
}

export interface DuplicateLeads {
  /** The conflict's id (conflicts table, kind duplicate_lead). */
  id: string
  /** What they share: the e-mail, or the company and name. */
  reason: 'email' | 'name'
  leads: LeadRow[]
}

const employees = z.number().int().min(0).max(10_000_000).nullable()

export const accountInput = z
  .object({
    name: personName().refine((v) => v !== '', FIELD_MESSAGES.nameRequired),
    domain: optionalLine(),
    industry: optionalLine(),
    employees,
    website: optionalLine(),
    notes: optionalLines()
  })
  .strict()

export const contactInput = z
  .object({
    accountId: id.nullable(),
    firstName: personName(),
    lastName: personName(),
    email: optionalEmail,
    phone: optionalLine(40),
    jobTitle: optionalLine()
  })
  .strict()

export const leadInput = z
  .object({
    eventId: id.nullable(),
    firstName: personName(),
    lastName: personName(),
    email: optionalEmail,
    company: optionalLine(),
    jobTitle: optionalLine(),
    companySize: employees,
    phone: optionalLine(40),
    ownerId: id.nullable(),
    notes: optionalLines()
  })
  .strict()
export type LeadInput = z.infer<typeof leadInput>

/** A person needs a first or a last name (checked after `.extend`: refined objects cannot be extended). */
const named = <T extends z.ZodType<{ firstName: string; lastName: string }>>(schema: T) =>
  schema.refine((p) => p.firstName !== '' || p.lastName !== '', { path: ['lastName'], message: FIELD_MESSAGES.firstOrLastName })

const READS_LEADS = ['leads', 'sales_settings', 'staff']

export const crmContract = {
  'account.list': method<AccountRow[]>()({
    input: z.object({ query: z.string().max(200).optional() }).strict(),
    roles: STAFF_ROLES.sales,
    reads: ['accounts', 'contacts']
  }),
  'account.create': method<AccountRow>()({ input: accountInput.extend({ id: clientId }).strict(), roles: STAFF_ROLES.sales }),
  'account.update': method<AccountRow>()({ input: z.object({ id, account: accountInput }).strict(), roles: STAFF_ROLES.sales }),
  'contact.list': method<ContactRow[]>()({
    input: z.object({ accountId: id.optional() }).strict(),
    roles: STAFF_ROLES.sales,
    reads: ['contacts', 'accounts']
  }),
  'contact.create': method<ContactRow>()({ input: named(contactInput.extend({ id: clientId }).strict()), roles: STAFF_ROLES.sales }),
  /**
   * Links a contact to their registration at an event, found by their e-mail
   * (sales staff never browse the attendee list): the same person at the desk.
   */
  'contact.linkAttendee': method<ContactRow>()({ input: z.object({ id, eventId: id }).strict(), roles: STAFF_ROLES.sales }),
  'lead.list': method<LeadList>()({
    input: z
      .object({
        eventId: id.optional(),
        status: z.enum(LEAD_RECORD_STATUSES).optional(),
        query: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(2000).default(500)
      })
      .strict(),
    roles: STAFF_ROLES.sales,
    reads: READS_LEADS
  }),
  'lead.create': method<LeadRow>()({ input: named(leadInput.extend({ id: clientId }).strict()), roles: STAFF_ROLES.sales }),
  'lead.update': method<LeadRow>()({ input: z.object({ id, lead: named(leadInput) }).strict(), roles: STAFF_ROLES.sales }),
  /** Qualifying needs the score threshold; disqualifying needs a reason. */
  'lead.setStatus': method<LeadRow>()({
    input: z.object({ id, status: z.enum(LEAD_STATUSES), reason: optionalLine() }).strict(),
    roles: STAFF_ROLES.sales
  }),
  'lead.duplicates': method<DuplicateLeads[]>()({
    input: z.object({}).strict(),
    roles: STAFF_ROLES.sales,
    reads: ['conflicts', ...READS_LEADS]
  }),
  /** Merges leads into the one kept: empty fields of the kept lead take the others' values; the others become 'merged'. */
  'lead.merge': method<LeadRow>()({ input: z.object({ keepId: id, mergeIds: z.array(id).min(1).max(50) }).strict(), roles: STAFF_ROLES.sales })
}
