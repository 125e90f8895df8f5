import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

/** Organizers: what desks apart could not prevent (a code or an e-mail twice, a double check-in, a full ticket type), and its resolutions. */
export const conflicts = defineFeature({
  id: 'conflicts',
  nav: { label: 'nav', icon: '⚠' },
  routes: [
    {
      path: 'conflicts',
      needs: ['conflict.list', 'conflict.acknowledge', 'conflict.reissueCode', 'conflict.merge', 'attendee.get', 'ticketType.list']
    }
  ],
  eventBound: true,
  screen: () => import('./ConflictsScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
