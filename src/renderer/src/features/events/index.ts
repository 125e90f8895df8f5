import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

const NEEDS = ['event.list', 'event.create', 'event.update', 'ticketType.list', 'ticketType.create', 'ticketType.update'] as const

/** Create and edit events and their ticket types: `event` (the picked one), `event/new`, `event/<id>`, `event/<id>/ticket-type/<id>`. */
export const events = defineFeature({
  id: 'events',
  nav: { label: 'nav', icon: '◷' },
  routes: [
    { path: 'event', needs: NEEDS },
    { path: 'event/new', needs: NEEDS },
    { path: 'event/:eventId', needs: NEEDS },
    { path: 'event/:eventId/ticket-type/:ticketTypeId', needs: NEEDS }
  ],
  eventBound: false,
  createsEvents: true,
  screen: () => import('./EventSetup'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
