import type { Bundle } from '../../i18n'
import { defineFeature } from '../../router/feature'
import en from './locales/en.json'

/** Desks together: this desk, its peers, pairing and joining, typed addresses; and this desk's backups. */
export const desks = defineFeature({
  id: 'desks',
  nav: { label: 'nav', icon: '⇄' },
  routes: [
    { path: 'desks', needs: ['sync.status', 'sync.invite', 'sync.cancelInvite', 'sync.join', 'sync.removeDesk', 'sync.addAddress', 'sync.forgetAddress'] },
    { path: 'desks/backup', needs: ['sync.status', 'backup.status', 'backup.configure', 'backup.saveTarget', 'backup.removeTarget', 'backup.run', 'backup.versions'] }
  ],
  eventBound: false,
  screen: () => import('./DesksScreen'),
  locales: { en, others: import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }) }
})
