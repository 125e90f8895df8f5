import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

/** The vendor side of an event: the directory, requests for quotation, contracts with payments, the budget. */
export const vendors = defineFeature({
  id: 'vendors',
  nav: { label: 'nav', icon: '⚖' },
  routes: [
    { path: 'vendors', needs: ['vendor.list', 'vendor.create', 'vendor.block', 'vendor.unblock'] },
    { path: 'vendors/requests', needs: ['rfq.list', 'rfq.create', 'vendor.list'] },
    {
      path: 'vendors/requests/:rfqId',
      needs: ['rfq.get', 'rfq.send', 'rfq.cancel', 'quote.save', 'rfq.compare', 'rfq.award', 'budget.list']
    },
    { path: 'vendors/contracts', needs: ['contract.list', 'contract.overdue'] },
    {
      path: 'vendors/contracts/:contractId',
      needs: ['contract.get', 'contract.setStatus', 'contract.pay', 'contract.voidPayment', 'contract.addMilestone', 'contract.setChecklist']
    },
    { path: 'vendors/budget', needs: ['budget.list', 'budget.saveLine'] }
  ],
  eventBound: true,
  screen: () => import('./VendorsScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
