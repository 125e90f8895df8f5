import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import { ATTENDEE_DRAWER_NEEDS } from '../../shared/attendee/needs'
import en from './locales/en.json'

/** Find, check in, walk-ups; scan-only for roles that may not search. `desk/<id>` opens an attendee over it. */
export const desk = defineFeature({
  id: 'desk',
  nav: { label: 'nav', icon: '⌨' },
  routes: [
    { path: 'desk', needs: ['checkin.byCode', 'checkin.undo', 'checkin.counters', 'ticketType.list'] },
    { path: 'desk/:attendeeId', needs: ['checkin.byCode', 'checkin.counters', ...ATTENDEE_DRAWER_NEEDS] }
  ],
  eventBound: true,
  screen: () => import('./DeskScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
