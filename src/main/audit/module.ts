/** The audit screen: the change log of the fleet, newest first. */
import { auditContract } from '../../shared/contract/audit'
import { defineModule, query } from '../core/module'
import { recentChanges } from './queries'

export const auditModule = defineModule(auditContract, {
  name: 'audit',
  handlers: {
    'audit.list': query((input, { read, desk }) => recentChanges(read, desk, input.before, input.limit))
  }
})
