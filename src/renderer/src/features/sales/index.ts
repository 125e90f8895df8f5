import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

/** The sales team's leads (scored, qualified, converted) and the pipeline board with its column totals. */
export const sales = defineFeature({
  id: 'sales',
  nav: { label: 'nav', icon: '€' },
  routes: [
    { path: 'sales', needs: ['lead.list', 'lead.create', 'lead.setStatus', 'opportunity.fromLead'] },
    { path: 'sales/pipeline', needs: ['pipeline.board', 'opportunity.create', 'opportunity.move', 'account.list', 'account.create'] }
  ],
  eventBound: true,
  screen: () => import('./SalesScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
