/**
 * UI languages. Every user-visible string is a key in en.json and de.json
 * (same keys, checked by i18n.test.ts). The choice is remembered per desk.
 */
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import de from './de.json'
import en from './en.json'

export const UI_LANGUAGES = ['en', 'de'] as const
export type UiLanguage = (typeof UI_LANGUAGES)[number]
export const LANGUAGE_KEY = 'eventdesk.language'

function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value)
}

function initialLanguage(): UiLanguage {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY)
    if (isUiLanguage(stored)) return stored
  } catch {
    // no storage: fall through
  }
  const browser = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en'
  return isUiLanguage(browser) ? browser : 'en'
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false
})

function applyLang(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng
}
applyLang(i18n.language)
i18n.on('languageChanged', applyLang)

export function setLanguage(lng: string): void {
  if (!isUiLanguage(lng)) return
  try {
    localStorage.setItem(LANGUAGE_KEY, lng)
  } catch {
    // not remembered, still switched
  }
  void i18n.changeLanguage(lng)
}

export default i18n
