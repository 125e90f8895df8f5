import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import { ATTENDEE_DRAWER_NEEDS } from '../../shared/attendee/needs'
import en from './locales/en.json'

/** The list of an event's attendees, filters, export; `attendees/<id>` opens one. */
export const attendees = defineFeature({
  id: 'attendees',
  nav: { label: 'nav', icon: '☰' },
  routes: [
    { path: 'attendees', needs: ['attendee.list', 'ticketType.list'] },
    { path: 'attendees/:attendeeId', needs: ['attendee.list', ...ATTENDEE_DRAWER_NEEDS] }
  ],
  eventBound: true,
  screen: () => import('./AttendeesScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
