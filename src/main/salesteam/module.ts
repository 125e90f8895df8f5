/** The sales team: settings (probabilities, scoring, thresholds), the people who sell, quotas. */
import { salesteamContract } from '../../shared/contract/salesteam'
import { defineModule, mutation, query } from '../core/module'
import { quotas, salesReps, salesSettings } from './queries'
import { salesQuotas, salesSettings as settingsTable } from './schema'
import { setQuota, updateSettings } from './service'

export const salesteamModule = defineModule(salesteamContract, {
  name: 'salesteam',
  tables: [
    { table: settingsTable, kind: 'lww', scope: 'sales', describe: 'SELECT id AS subject FROM sales_settings WHERE id = ?' },
    {
      table: salesQuotas,
      kind: 'lww',
      scope: 'sales',
      describe: `SELECT s.name || ' ' || q.period AS subject, q.currency FROM sales_quotas q LEFT JOIN staff s ON s.id = q.owner_id WHERE q.id = ?`
    }
  ],
  handlers: {
    'sales.settings': query((_input, { read }) => salesSettings(read)),
    'sales.updateSettings': mutation((input, { read, write }) => updateSettings(read, write, input)),
    'salesRep.list': query((_input, { read }) => salesReps(read)),
    'quota.list': query((input, { read }) => quotas(read, input.from, input.to, input.ownerId)),
    'quota.set': mutation((input, { read, write }) => setQuota(read, write, input))
  }
})
