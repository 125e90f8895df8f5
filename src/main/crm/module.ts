/** CRM: accounts and contacts shared by every event, leads with scores, duplicates and merges. */
import { crmContract } from '../../shared/contract/crm'
import { defineModule, mutation, query } from '../core/module'
import { duplicateLeads as duplicateLeadsRule } from './conflicts'
import { duplicateLeads, getAccount, getContact, getLead, listAccounts, listContacts, listLeads } from './queries'
import { accounts, contacts, leads } from './schema'
import { createAccount, createContact, createLead, linkContactToAttendee, mergeLeads, setLeadStatus, updateAccount, updateLead } from './service'

const PERSON = `trim(first_name || ' ' || last_name)`

export const crmModule = defineModule(crmContract, {
  name: 'crm',
  tables: [
    { table: accounts, kind: 'lww', scope: 'sales', describe: 'SELECT name AS subject FROM accounts WHERE id = ?' },
    { table: contacts, kind: 'lww', scope: 'sales', describe: `SELECT ${PERSON} AS subject FROM contacts WHERE id = ?` },
    { table: leads, kind: 'lww', scope: 'sales', describe: `SELECT ${PERSON} AS subject FROM leads WHERE id = ?` }
  ],
  conflicts: [duplicateLeadsRule],
  handlers: {
    'account.list': query((input, { read }) => listAccounts(read, input.query)),
    'account.create': mutation(({ id, ...fields }, { read, write }) => getAccount(read, createAccount(read, write, fields, id))),
    'account.update': mutation((input, { read, write }) => {
      getAccount(read, input.id)
      updateAccount(write, input.id, input.account)
      return getAccount(read, input.id)
    }),
    'contact.list': query((input, { read }) => listContacts(read, input.accountId)),
    'contact.create': mutation(({ id, ...fields }, { read, write }) => getContact(read, createContact(read, write, fields, id))),
    'contact.linkAttendee': mutation((input, { read, write }) => {
      linkContactToAttendee(read, write, input.id, input.eventId)
      return getContact(read, input.id)
    }),
    'lead.list': query((input, { read }) => listLeads(read, input)),
    'lead.create': mutation(({ id, ...fields }, { read, write }) => getLead(read, createLead(read, write, { ...fields, source: 'manual' }, id))),
    'lead.update': mutation((input, { read, write }) => {
      updateLead(read, write, input.id, input.lead)
      return getLead(read, input.id)
    }),
    'lead.setStatus': mutation((input, { read, write }) => {
      setLeadStatus(read, write, input.id, input.status, input.reason)
      return getLead(read, input.id)
    }),
    'lead.duplicates': query((_input, { read }) => duplicateLeads(read)),
    'lead.merge': mutation((input, { read, write }) => {
      mergeLeads(read, write, input.keepId, input.mergeIds)
      return getLead(read, input.keepId)
    })
  }
})
