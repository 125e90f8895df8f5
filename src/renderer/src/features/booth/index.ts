import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

/** The exhibitor's booth: scan a badge (wedge scanner or typed code), rate and tag the lead, see the booth's leads; organizers set up exhibitors. */
export const booth = defineFeature({
  id: 'booth',
  nav: { label: 'nav', icon: '⌖' },
  routes: [
    { path: 'booth', needs: ['booth.me', 'booth.scan', 'booth.note', 'booth.leads'] },
    { path: 'booth/exhibitors', needs: ['exhibitor.list', 'exhibitor.save', 'exhibitor.assign', 'staff.list', 'event.list'] }
  ],
  eventBound: false,
  screen: () => import('./BoothScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
