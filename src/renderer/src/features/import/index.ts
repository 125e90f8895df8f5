import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

/** Upload a CSV/XLSX list, map its columns, check, import. */
export const importFeature = defineFeature({
  id: 'import',
  nav: { label: 'nav', icon: '⇪' },
  routes: [{ path: 'import', needs: ['import.upload', 'import.check', 'import.progress', 'import.commit', 'ticketType.list'] }],
  eventBound: true,
  screen: () => import('./ImportScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
