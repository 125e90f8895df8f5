// Values of an import row as other systems write them: combined names with
// titles, languages by name or locale, statuses and yes/no flags in several
// languages. Pure functions.
import type { ImportStatusCategory } from '../../shared/contract/attendees'
import { LANGUAGES, type Language } from '../../shared/fields'
import { foldText } from '../../shared/text'

// Titles that open a combined name ("Mrs Andrea Zulu", "Prof. Dr. Jürgen Groß"), folded, without the dot.
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'herr', 'frau', 'dhr', 'mevr', 'mw', 'mme',
  'mlle', 'sr', 'sra', 'srta', 'dott', 'dottssa', 'sig', 'sigra', 'pan', 'pani', 'ing', 'mag', 'dipl'
])
// Abbreviations that are titles only with their dot ("M. Dupont"; "M Dupont" may be an initial).
const HONORIFICS_WITH_DOT = new Set(['m', 'hr', 'fr'])

function isHonorific(word: string): boolean {
  const dotted = word.endsWith('.')
  const folded = foldText(word).replace(/[.\s]/g, '')
  return HONORIFICS.has(folded) || (dotted && HONORIFICS_WITH_DOT.has(folded))
}

/**
 * Splits a one-column name. Leading titles go ("Mrs Andrea Zulu" → Andrea |
 * Zulu). "Last, First" is taken at the first comma; otherwise the last word is
 * the last name and everything before it the first name, so particles stay
 * with the first name ("Ludwig van | Beethoven") and a single word ends up as
 * the last name. Simple by design: the user can fix the rare wrong split
 * later, while a clever guess would be wrong in less predictable ways.
 */
export function splitFullName(fullName: string): { firstName: string; lastName: string } {
  const words = fullName.replace(/\s+/g, ' ').trim().split(' ')
  while (words.length > 1 && isHonorific(words[0]!)) words.shift()
  const name = words.join(' ')
  const comma = name.indexOf(',')
  if (comma >= 0) {
    return { lastName: name.slice(0, comma).trim(), firstName: name.slice(comma + 1).trim() }
  }
  const space = name.lastIndexOf(' ')
  if (space < 0) return { firstName: '', lastName: name }
  return { firstName: name.slice(0, space), lastName: name.slice(space + 1) }
}

const LANGUAGE_NAMES: Readonly<Record<Language, readonly string[]>> = {
  en: ['english', 'englisch', 'engels', 'anglais', 'ingles', 'inglese', 'angielski', 'eng'],
  nl: [
    'dutch', 'nederlands', 'hollands', 'vlaams', 'flemish', 'niederlandisch', 'neerlandais', 'neerlandes', 'holandes',
    'olandese', 'niderlandzki', 'holenderski', 'nld', 'dut'
  ],
  de: ['german', 'deutsch', 'duits', 'allemand', 'aleman', 'tedesco', 'niemiecki', 'deu', 'ger'],
  fr: ['french', 'francais', 'franzosisch', 'frans', 'frances', 'francese', 'francuski', 'fra', 'fre'],
  es: ['spanish', 'espanol', 'castellano', 'spanisch', 'spaans', 'espagnol', 'spagnolo', 'hiszpanski', 'spa'],
  it: ['italian', 'italiano', 'italienisch', 'italiaans', 'italien', 'wloski', 'ita'],
  pl: ['polish', 'polski', 'polnisch', 'pools', 'polonais', 'polaco', 'polacco', 'pol']
}
const LANGUAGE_LOOKUP = new Map<string, Language>()
for (const code of LANGUAGES) {
  LANGUAGE_LOOKUP.set(code, code)
  for (const name of LANGUAGE_NAMES[code]) LANGUAGE_LOOKUP.set(name, code)
}

/** "de-DE", "DE", "Deutsch", "German", "français", "English (UK)" → 2-letter code; null if unsupported. */
export function normaliseLanguage(value: string): Language | null {
  const folded = foldText(value).replace(/\([^)]*\)/g, ' ').trim()
  const direct = LANGUAGE_LOOKUP.get(folded)
  if (direct !== undefined) return direct
  // BCP 47 / POSIX locale: take the primary subtag ("de-AT", "pt_BR" → unsupported).
  const locale = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})+$/.exec(folded)
  return locale?.[1] === undefined ? null : (LANGUAGE_LOOKUP.get(locale[1]) ?? null)
}

/** A status value as words: folded, punctuation gone ("Not Attending", "not-attending" → "not attending"). */
function statusWords(value: string): string {
  return foldText(value).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

const STATUS_WORDS: Readonly<Record<Exclude<ImportStatusCategory, 'unknown'>, readonly string[]>> = {
  registered: [
    'attending', 'checked in', 'attended', 'paid', 'accepted', 'registered', 'confirmed', 'complete', 'completed',
    'approved', 'active', 'valid', 'booked', 'yes', 'y', 'true', '1', 'ja', 'oui', 'si', 'tak', 'bezahlt', 'angemeldet',
    'bestatigt', 'betaald', 'bevestigd', 'aangemeld', 'paye', 'confirme', 'inscrit', 'pagado', 'confirmado',
    'inscrito', 'pagato', 'confermato', 'iscritto', 'oplacone', 'oplacony', 'potwierdzony', 'zarejestrowany'
  ],
  cancelled: [
    'cancelled', 'canceled', 'refunded', 'refund', 'not attending', 'declined', 'expired', 'void', 'voided',
    'deleted', 'rejected', 'denied', 'withdrawn', 'transferred', 'storniert', 'abgesagt', 'erstattet',
    'zuruckerstattet', 'abgelaufen', 'geannuleerd', 'terugbetaald', 'verlopen', 'annule', 'rembourse', 'expire',
    'cancelado', 'reembolsado', 'caducado', 'annullato', 'cancellato', 'rimborsato', 'scaduto', 'anulowany',
    'zwrocony', 'wygasly', 'odrzucony'
  ],
  pending: [
    'pending', 'pending approval', 'waitlisted', 'waitlist', 'waiting list', 'wait list', 'awaiting payment',
    'unpaid', 'not paid', 'reserved', 'on hold', 'invited', 'no', 'n', 'false', '0', 'nein', 'non', 'nee', 'nie',
    'offen', 'ausstehend', 'warteliste', 'unbezahlt', 'in afwachting', 'wachtlijst', 'onbetaald', 'en attente',
    "liste d attente", 'impaye', 'pendiente', 'lista de espera', 'no pagado', 'in attesa', 'lista d attesa',
    'non pagato', 'oczekujacy', 'oczekuje', 'lista rezerwowa', 'nieoplacone'
  ]
}
const STATUS_LOOKUP = new Map<string, ImportStatusCategory>()
for (const [category, words] of Object.entries(STATUS_WORDS)) {
  for (const word of words) STATUS_LOOKUP.set(statusWords(word), category as ImportStatusCategory)
}

/** What another system's status value means here (see IMPORT_STATUS_CATEGORIES); '' is registered. */
export function classifyStatus(value: string): ImportStatusCategory {
  const words = statusWords(value)
  if (words === '') return 'registered'
  return STATUS_LOOKUP.get(words) ?? 'unknown'
}

const NO_WORDS = new Set(['no', 'n', 'false', '0', 'nein', 'non', 'nee', 'nie', 'falsch', 'faux', 'falso'])

/** A yes/no cell: empty and the "no" words are false; anything else flags the person (better too much attention than too little). */
export function parseFlag(value: string): boolean {
  const words = statusWords(value)
  return words !== '' && !NO_WORDS.has(words)
}
