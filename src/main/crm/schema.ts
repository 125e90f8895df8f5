import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { LEAD_RECORD_STATUSES, LEAD_SOURCES } from '../../shared/contract/crm'

/** Companies, shared by every event. */
export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Folded name: "the same company" when a lead is converted. */
    nameKey: text('name_key').notNull(),
    domain: text('domain'),
    industry: text('industry'),
    employees: integer('employees'),
    website: text('website'),
    notes: text('notes'),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('accounts_name_key_idx').on(t.nameKey)]
)

/** People at companies, shared by every event; linked to an attendee when they register. */
export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    jobTitle: text('job_title'),
    /** The same person registered at an event (attendees.id). */
    attendeeId: text('attendee_id'),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('contacts_account_idx').on(t.accountId)]
)

/**
 * Leads: people who may buy. The score is computed when read (its rules can
 * change); duplicates (same e-mail, or same company and name) are conflicts.
 */
export const leads = sqliteTable(
  'leads',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    /** Lower-case e-mail: the duplicate key. */
    emailKey: text('email_key'),
    company: text('company'),
    /** Folded company + name: the other duplicate key (null without a company). */
    nameKey: text('name_key'),
    jobTitle: text('job_title'),
    companySize: integer('company_size'),
    phone: text('phone'),
    source: text('source', { enum: LEAD_SOURCES }).notNull(),
    ownerId: text('owner_id'),
    status: text('status', { enum: LEAD_RECORD_STATUSES }).notNull(),
    disqualifyReason: text('disqualify_reason'),
    /** Set when merged into another lead (status 'merged'). */
    mergedInto: text('merged_into'),
    notes: text('notes'),
    createdAt: text('created_at').notNull()
  },
  (t) => [
    index('leads_status_idx').on(t.status, t.createdAt),
    index('leads_email_key_idx').on(t.emailKey),
    index('leads_name_key_idx').on(t.nameKey)
  ]
)
