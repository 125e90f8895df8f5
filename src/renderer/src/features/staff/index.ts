import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

/** Who may sign in on this desk, with which role; this desk's name. */
export const staff = defineFeature({
  id: 'staff',
  nav: { label: 'nav', icon: '☺' },
  routes: [{ path: 'staff', needs: ['staff.list', 'staff.create', 'staff.update', 'desk.rename'] }],
  eventBound: false,
  screen: () => import('./StaffScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
