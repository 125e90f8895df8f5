import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

/** Badge templates (list, editor with a live preview), this desk's printers, the print queue. */
export const badges = defineFeature({
  id: 'badges',
  nav: { label: 'nav', icon: '▣' },
  routes: [
    {
      path: 'badges',
      needs: ['badge.templates', 'badge.saveTemplate', 'badge.preview', 'printer.list', 'print.jobs', 'ticketType.list']
    }
  ],
  eventBound: true,
  screen: () => import('./BadgesScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
