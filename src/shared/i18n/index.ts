/**
 * The vocabulary screens and files share: field and column labels, statuses,
 * payment methods, roles, languages, event types and statuses, check-in methods,
 * the labels of API methods (audit actions), table names and every error key
 * the core sends. One JSON file per language next to this one (no Node, no DOM),
 * so the renderer shows it and the core writes it into exports alike. English
 * is the fallback everywhere.
 */
import type { Language } from '../fields'
import en from './en.json'

export type Vocabulary = typeof en

/** Each language in its own name, for language pickers (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  nl: 'Nederlands',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  it: 'Italiano',
  pl: 'Polski'
}

/** The locale dates and numbers are written in, per language (English as written in Europe). */
export const LOCALES: Record<Language, string> = {
  en: 'en-GB',
  nl: 'nl-NL',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
  it: 'it-IT',
  pl: 'pl-PL'
}

/**
 * Which vocabulary group names the values of an enumerated column
 * (`table.column` → group): an event's status is an event status, an
 * attendee's status an attendee status, though both columns are `status`.
 */
export const VALUE_GROUPS = {
  'staff.role': 'roles',
  'events.type': 'eventTypes',
  'events.status': 'eventStatus',
  'attendees.status': 'status',
  'attendees.payment_method': 'payment',
  'attendees.preferred_language': 'languages',
  'attendees.source': 'sources',
  'checkins.kind': 'checkinKinds',
  'checkins.method': 'checkinMethod',
  'checkin_lists.mode': 'listModes',
  'list_scans.direction': 'scanDirections',
  'list_scans.outcome': 'scanOutcomes',
  'attendee_exports.format': 'exportFormats',
  'fleet_desks.via': 'deskJoins',
  'print_job_steps.step': 'printJobSteps',
  'leads.source': 'leadSources',
  'leads.status': 'leadStatus',
  'opportunities.product': 'products',
  'opportunities.sponsor_level': 'sponsorLevels',
  'opportunities.stage': 'stages',
  'booth_scans.kind': 'boothFactKinds',
  'vendors.status': 'vendorStatus',
  'rfqs.status': 'rfqStatus',
  'rfq_invites.status': 'inviteStatus',
  'contracts.status': 'contractStatus',
  'contract_payments.kind': 'vendorPaymentKinds',
  'contract_payments.method': 'vendorPaymentMethods',
  'budget_lines.category': 'budgetCategories',
  'budget_lines.control': 'budgetControls'
} as const satisfies Record<string, keyof Vocabulary>

export type MessageParams = Record<string, string | number>

type Tree = { readonly [key: string]: string | Tree }

/** The text at a dotted path (`status.cancelled`), or undefined when the tree has none. */
export function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** Fills `{{name}}` placeholders the way i18next does. */
export function interpolate(text: string, params: MessageParams = {}): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** A translate function over one language's vocabulary, falling back to English, then to the key. */
export function translator(vocabulary: Vocabulary) {
  return (key: string, params?: MessageParams): string => interpolate(lookup(vocabulary, key) ?? lookup(en, key) ?? key, params)
}
