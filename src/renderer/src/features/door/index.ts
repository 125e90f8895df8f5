import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

/**
 * The door: `door` scans on one check-in list at a time (the list shown large,
 * its counter and who is inside; never the attendee list), `lists` is where
 * organizers set up the lists and their rules.
 */
export const door = defineFeature({
  id: 'door',
  nav: { label: 'nav', icon: '⇥' },
  routes: [
    { path: 'door', needs: ['checkinList.list', 'checkin.scan', 'checkin.override', 'staff.signInOptions'] },
    { path: 'lists', needs: ['checkinList.list', 'checkinList.create', 'checkinList.update', 'checkinList.delete', 'ticketType.list', 'event.list'] }
  ],
  eventBound: true,
  screen: () => import('./DoorScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
