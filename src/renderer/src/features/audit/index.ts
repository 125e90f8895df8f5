import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

/** Every change on the fleet: who, when, which desk, what. */
export const audit = defineFeature({
  id: 'audit',
  nav: { label: 'nav', icon: '✎' },
  routes: [{ path: 'audit', needs: ['audit.list', 'ticketType.list'] }],
  eventBound: false,
  screen: () => import('./AuditScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
