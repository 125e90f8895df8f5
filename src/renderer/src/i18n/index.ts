/**
 * UI languages: English, Dutch, German, French, Spanish, Italian, Polish.
 *
 * Strings live in namespaces: `shared` (src/shared/i18n, the vocabulary the
 * core uses too), `app` (the frame and the shared screen pieces, ./locales) and
 * one per feature or shell (`features/<f>/locales`). English is bundled with the
 * code that uses it and is the fallback; another language is fetched when it is
 * chosen (one small file per namespace), before the switch, so no screen shows
 * half-translated. The choice is remembered per desk.
 */
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { LANGUAGES, type Language } from '../../../shared/fields'
import sharedEn from '../../../shared/i18n/en.json'
import appEn from './locales/en.json'

export type Bundle = Record<string, unknown>
/** `import.meta.glob` of a namespace's other languages: `<path>/<lng>.json` → loader. */
export type BundleLoaders = Record<string, () => Promise<Bundle>>

export const UI_LANGUAGES = LANGUAGES
export const LANGUAGE_KEY = 'eventdesk.language'

/** Namespace → language → loader. */
const namespaces = new Map<string, Map<string, () => Promise<Bundle>>>()
const loaded = new Set<string>()

export function isUiLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value)
}

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY)
    if (isUiLanguage(stored)) return stored
  } catch {
    // no storage: fall through
  }
  const browser = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en'
  return isUiLanguage(browser) ? browser : 'en'
}

export function currentLanguage(): Language {
  return isUiLanguage(i18n.language) ? i18n.language : 'en'
}

function addLoaders(ns: string, loaders: BundleLoaders): void {
  const byLanguage = new Map<string, () => Promise<Bundle>>()
  for (const [path, load] of Object.entries(loaders)) byLanguage.set(path.replace(/^.*\/|\.json$/g, ''), load)
  namespaces.set(ns, byLanguage)
}

async function loadBundles(lng: Language, names: readonly string[]): Promise<void> {
  if (lng === 'en') return
  await Promise.all(
    names.map(async (ns) => {
      const id = `${lng}/${ns}`
      const load = namespaces.get(ns)?.get(lng)
      if (loaded.has(id) || !load) return
      i18n.addResourceBundle(lng, ns, await load(), true, true)
      loaded.add(id)
    })
  )
}

/**
 * Adds a namespace: its English now, the current language before the promise
 * resolves (a lazily loaded shell waits for it before it renders).
 */
export function registerNamespace(ns: string, en: Bundle, others: BundleLoaders): Promise<void> {
  if (!namespaces.has(ns)) {
    addLoaders(ns, others)
    i18n.addResourceBundle('en', ns, en, true, true)
  }
  return loadBundles(currentLanguage(), [ns])
}

/** Switches the UI once every namespace in use has its text in `lng`. */
export async function setLanguage(lng: string): Promise<void> {
  if (!isUiLanguage(lng)) return
  try {
    localStorage.setItem(LANGUAGE_KEY, lng)
  } catch {
    // not remembered, still switched
  }
  await loadBundles(lng, [...namespaces.keys()])
  await i18n.changeLanguage(lng)
}

function applyLang(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng
}

void i18n.use(initReactI18next).init({
  resources: { en: { app: appEn, shared: sharedEn } },
  lng: 'en',
  fallbackLng: 'en',
  ns: ['app', 'shared'],
  defaultNS: 'app',
  partialBundledLanguages: true,
  interpolation: { escapeValue: false }, // React escapes
  react: { bindI18nStore: 'added' }
})
addLoaders('shared', import.meta.glob<Bundle>(['../../../shared/i18n/*.json', '!../../../shared/i18n/en.json'], { import: 'default' }))
addLoaders('app', import.meta.glob<Bundle>(['./locales/*.json', '!./locales/en.json'], { import: 'default' }))
i18n.on('languageChanged', applyLang)
applyLang('en')

/** Before the first render: the remembered (or the browser's) language, loaded. */
export function startI18n(): Promise<void> {
  return setLanguage(initialLanguage())
}

export default i18n
