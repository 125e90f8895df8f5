/**
 * Typed translation keys: `t('key')` only compiles for keys the English files
 * have, per namespace. Type-only imports (nothing here reaches the bundle):
 * a feature's namespace comes from THE list of features.
 */
import type sharedEn from '../../../shared/i18n/en.json'
import type { FEATURES } from '../features'
import type { badgeStationNamespace } from '../shells/badgeStation/BadgeStationShell'
import type { kioskNamespace } from '../shells/kiosk/KioskShell'
import type appEn from './locales/en.json'

type FeatureResources = { [F in (typeof FEATURES)[number] as F['id']]: F['locales']['en'] }

export type Resources = FeatureResources & {
  app: typeof appEn
  shared: typeof sharedEn
  kiosk: typeof kioskNamespace.en
  badgeStation: typeof badgeStationNamespace.en
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app'
    resources: Resources
  }
}
