// First step of an attendee import: guess which column holds which field
// from the header row, in the languages and export layouts organizers use.
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from '../../shared/contract/attendees'
import { foldText } from '../../shared/text'

/**
 * Folds a header to lowercase ASCII-ish words: accents and punctuation go,
 * '#' and common abbreviations become "number", "e-mail" becomes "email".
 * "E-Mail-Adresse" → "email adresse", "Order #" → "order number".
 */
export function normaliseHeader(header: string): string {
  return foldText(header.replace(/\u0000/g, ''))
    .replace(/#/g, ' number ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\be mail/g, 'email')
    .replace(/\b(?:nr|no|num|nº)\b/g, 'number')
}

// Scores: an exact synonym beats a weaker synonym beats a loose "contains"
// match, so "Barcode #" wins the code field over "Order #" in the same file.
const EXACT = 100
const MEDIUM = 80
const WEAK = 60
// Added when the header names the attendee ("Attendee email"): it beats the order's or buyer's ("Email").
const ATTENDEE_BONUS = 5
const PERSON_FIELDS: ReadonlySet<ImportField> = new Set(['firstName', 'lastName', 'fullName', 'email', 'phone', 'company'])
const PREFIXED = 10 // subtracted when a synonym only matches after dropping "Attendee …" etc.
const CONTAINS = 40

type SynonymList = Readonly<Partial<Record<ImportField, readonly string[]>>>

const STRONG_SYNONYMS: SynonymList = {
  firstName: [
    'first name', 'firstname', 'first', 'fname', 'given name', 'given names', 'forename', 'forenames', 'christian name',
    'attendee name: given name', 'name: given name', 'vorname', 'vornamen', 'rufname', 'voornaam', 'voornamen',
    'roepnaam', 'prénom', 'prénoms', 'nombre', 'nombres', 'nome', 'primo nome', 'imię', 'imiona'
  ],
  lastName: [
    'last name', 'lastname', 'last', 'lname', 'surname', 'family name', 'familyname', 'attendee name: family name',
    'name: family name', 'nachname', 'familienname', 'zuname', 'achternaam', 'familienaam', 'nom', 'nom de famille',
    'apellidos', 'apellido', 'cognome', 'nazwisko'
  ],
  fullName: [
    'name', 'full name', 'fullname', 'attendee name', 'attendee', 'participant', 'participant name', 'guest name',
    'name of attendee', 'contact name', 'display name', 'registrant name', 'delegate name', 'teilnehmer',
    'teilnehmername', 'vollständiger name', 'vor- und nachname', 'naam', 'volledige naam', 'deelnemer',
    'nom complet', 'nom et prénom', 'prénom et nom', 'nombre completo', 'nombre y apellidos', 'nome completo',
    'nome e cognome', 'imię i nazwisko'
  ],
  email: [
    'email', 'e-mail', 'email address', 'e-mail address', 'mail', 'attendee email', 'e-mail-adresse', 'emailadresse',
    'mailadresse', 'e-mailadres', 'emailadres', 'mailadres', 'adresse e-mail', 'adresse électronique', 'courriel',
    'mél', 'correo', 'correo electrónico', 'dirección de correo', 'dirección de correo electrónico',
    'indirizzo email', 'indirizzo e-mail', 'posta elettronica', 'adres e-mail', 'adres email', 'poczta e-mail'
  ],
  company: [
    'company', 'company name', 'organisation', 'organization', 'organisation name', 'organization name', 'org',
    'employer', 'affiliation', 'institution', 'firma', 'firmenname', 'unternehmen', 'arbeitgeber', 'bedrijf',
    'bedrijfsnaam', 'organisatie', 'société', 'entreprise', 'organisme', 'empresa', 'compañía', 'organización',
    'institución', 'azienda', 'società', 'organizzazione', 'ente', 'nazwa firmy', 'instytucja', 'organizacja'
  ],
  jobTitle: [
    'job title', 'jobtitle', 'position', 'job position', 'role', 'job role', 'job', 'function', 'occupation',
    'designation', 'berufsbezeichnung', 'funktion', 'beruf', 'stellenbezeichnung', 'positie', 'functie',
    'functietitel', 'poste', 'fonction', 'intitulé du poste', 'titre du poste', 'cargo', 'puesto', 'ruolo',
    'posizione', 'qualifica', 'mansione', 'stanowisko', 'funkcja'
  ],
  phone: [
    'phone', 'phone number', 'telephone', 'telephone number', 'tel', 'mobile', 'mobile phone', 'mobile number',
    'cell', 'cell phone', 'cellphone', 'work phone', 'telefon', 'telefonnummer', 'handy', 'handynummer', 'mobil',
    'mobilnummer', 'mobiltelefon', 'telefoon', 'telefoonnummer', 'mobiel', 'mobiel nummer', 'gsm', 'téléphone',
    'portable', 'numéro de téléphone', 'teléfono', 'móvil', 'celular', 'telefono', 'cellulare',
    'numero di telefono', 'telefon komórkowy', 'numer telefonu', 'komórka'
  ],
  ticketType: [
    'ticket type', 'ticket', 'ticket category', 'ticket name', 'ticket class', 'attendee type', 'registration type',
    'registration category', 'attendee category', 'participant type', 'category', 'product', 'pass', 'pass type',
    'admission type', 'tickettyp', 'ticketart', 'ticketkategorie', 'kategorie', 'teilnehmertyp', 'teilnahmeart',
    'ticketsoort', 'type ticket', 'categorie', 'type de billet', 'billet', 'tipo de entrada', 'entrada',
    'categoría', 'tipo de inscripción', 'tipo di biglietto', 'biglietto', 'categoria', 'rodzaj biletu', 'bilet',
    'typ biletu', 'kategoria'
  ],
  code: [
    // "#", "No." and "Nr." all normalise to "number": 'ticket #' also covers "Ticket Number".
    // What a scanner reads at the door; record ids that are printed on no ticket are MEDIUM.
    'code', 'barcode', 'barcode #', 'qr code', 'ticket code', 'ticket #', 'ticket id', 'attendee code',
    'registration code', 'confirmation #', 'confirmation code', 'booking code', 'booking reference', 'reference', 'ref', 'secret', 'ticket secret', 'ticketnummer', 'ticketcode',
    'buchungsnummer', 'anmeldenummer', 'teilnehmernummer', 'boekingsnummer', 'registratienummer', 'numéro de billet',
    'code billet', 'référence', 'código', 'número de entrada', 'localizador', 'codice', 'numero biglietto', 'kod',
    'numer biletu'
  ],
  preferredLanguage: [
    'language', 'preferred language', 'lang', 'locale', 'communication language', 'correspondence language',
    'sprache', 'bevorzugte sprache', 'korrespondenzsprache', 'taal', 'voorkeurstaal', 'langue', 'langue préférée',
    'idioma', 'idioma preferido', 'lingua', 'lingua preferita', 'język', 'preferowany język'
  ],
  notes: [
    'notes', 'note', 'remarks', 'remark', 'additional information', 'bemerkungen', 'bemerkung', 'anmerkungen',
    'anmerkung', 'notizen', 'notiz', 'hinweise', 'hinweis', 'opmerkingen', 'opmerking', 'notities', 'notitie',
    'remarques', 'remarque', 'observaciones', 'notas', 'nota', 'osservazioni', 'annotazioni', 'uwagi', 'notatki'
  ],
  // Registration status: what it means is read from the values (see classifyStatus).
  status: [
    'status', 'attendee status', 'registration status', 'order status', 'ticket status', 'booking status',
    'invitee status', 'participant status', 'anmeldestatus', 'registrierungsstatus', 'buchungsstatus',
    'teilnahmestatus', 'inschrijvingsstatus', 'registratiestatus', 'statut', "statut de l'inscription",
    'statut de la commande', 'estado', 'estado de la inscripción', 'stato', 'stato iscrizione', 'status rejestracji',
    'status zamówienia'
  ],
  attention: [
    'requires special attention', 'special attention', 'attention', 'needs attention', 'check-in attention',
    'besondere aufmerksamkeit', 'speciale aandacht', 'attention particulière', 'atención especial',
    'attenzione speciale', 'specjalna uwaga'
  ],
  accommodations: [
    'special accommodations', 'accommodations', 'accessibility', 'accessibility needs', 'accessibility requirements',
    'access requirements', 'special needs', 'special requirements', 'barrierefreiheit', 'besondere bedürfnisse',
    'toegankelijkheid', 'speciale behoeften', 'accessibilité', 'besoins particuliers', 'accesibilidad',
    'necesidades especiales', 'accessibilità', 'esigenze particolari', 'dostępność', 'specjalne potrzeby'
  ],
  // A comment on the order or the registration: kept as the note the door sees.
  comment: [
    'comment', 'comments', 'order comment', 'internal note', 'internal notes', 'check-in text', 'checkin text',
    'kommentar', 'kommentare', 'bestellkommentar', 'commentaar', 'commentaire', 'commentaires', 'comentario',
    'comentarios', 'commento', 'commenti', 'komentarz', 'komentarze'
  ],
  buyerEmail: [
    'order email', 'buyer email', 'purchaser email', 'booker email', 'customer email', 'billing email',
    'bestell e-mail', 'käufer e-mail', 'besteller e-mail', 'e-mail koper', 'e-mail de l’acheteur', 'email comprador'
  ]
}

// Per-attendee record ids: better than an order number, worse than a barcode or secret.
const MEDIUM_SYNONYMS: SynonymList = {
  code: ['attendee #', 'attendee id', 'registration #', 'registration id']
}

// Plausible but ambiguous headers: used only when nothing better is there.
const WEAK_SYNONYMS: SynonymList = {
  // pretix check-in lists that include pending orders say Paid Yes/No instead of a status.
  status: ['paid', 'bezahlt', 'betaald', 'payé', 'pagado', 'pagato', 'opłacone'],
  // "Title" is a job title in Cvent exports but a salutation in some others.
  jobTitle: ['title', 'titre', 'titolo'],
  ticketType: ['type', 'tipo', 'typ', 'soort', 'variation'],
  // Order-level codes are shared by everyone in a group booking, so they lose
  // against any per-attendee code column.
  code: [
    'order #', 'order code', 'order id', 'order reference', 'order', 'bestellnummer', 'ordernummer', 'bestelnummer',
    'numéro de commande', 'número de pedido', 'numero ordine', 'numer zamówienia'
  ]
}

const PREFIXES = [
  'attendee', 'attendees', 'participant', 'guest', 'registrant', 'delegate', 'contact', 'ticket holder', 'holder',
  'teilnehmer', 'teilnehmende', 'deelnemer', 'participante', 'partecipante', 'uczestnik'
].map(normaliseHeader)

const CONTAINS_RULES: ReadonlyArray<{ field: ImportField; tokens: readonly string[] }> = [
  { field: 'email', tokens: ['email', 'mail', 'courriel', 'correo'] },
  // "Do you need any accessibility support?", "Wheelchair access"
  { field: 'accommodations', tokens: ['accessibility', 'accommodation', 'accommodations', 'wheelchair', 'barrierefreiheit'] },
  { field: 'phone', tokens: ['phone', 'telephone', 'telefon', 'telefoon', 'telefono', 'mobile', 'mobil', 'handy'] },
  { field: 'company', tokens: ['company', 'organisation', 'organization', 'firma', 'bedrijf', 'empresa', 'azienda'] }
]
// "Email opt-in", "Phone verified" and friends are about the field, not the field itself.
const CONTAINS_STOP_TOKENS = new Set([
  'opt', 'optin', 'consent', 'newsletter', 'marketing', 'verified', 'confirmed', 'subscribe', 'subscribed',
  'permission', 'allowed', 'sent', 'bounced', 'einwilligung', 'toestemming'
])

function buildSynonymTable(): Map<string, { field: ImportField; score: number }> {
  const table = new Map<string, { field: ImportField; score: number }>()
  const add = (lists: SynonymList, score: number) => {
    for (const field of IMPORT_FIELDS) {
      for (const synonym of lists[field] ?? []) {
        const key = normaliseHeader(synonym)
        const existing = table.get(key)
        if (existing === undefined || existing.score < score) table.set(key, { field, score })
      }
    }
  }
  add(WEAK_SYNONYMS, WEAK)
  add(MEDIUM_SYNONYMS, MEDIUM)
  add(STRONG_SYNONYMS, EXACT)
  return table
}

const SYNONYMS = buildSynonymTable()

/** Best (field, score) for one header, or null when it means nothing to us. */
function scoreHeader(header: string): { field: ImportField; score: number } | null {
  const match = matchHeader(header)
  if (match === null || !PERSON_FIELDS.has(match.field)) return match
  const full = normaliseHeader(header)
  return PREFIXES.some((p) => full.startsWith(`${p} `)) ? { field: match.field, score: match.score + ATTENDEE_BONUS } : match
}

function matchHeader(header: string): { field: ImportField; score: number } | null {
  const full = normaliseHeader(header)
  if (full === '') return null
  const exact = SYNONYMS.get(full)
  if (exact !== undefined) return exact

  // "Phone (mobile)", "E-Mail (geschäftlich)", "Email *": the bracket is a hint, not the name.
  const bare = normaliseHeader(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '))
  const bareMatch = bare === full ? undefined : SYNONYMS.get(bare)
  if (bareMatch !== undefined) return { field: bareMatch.field, score: bareMatch.score - 1 }

  for (const prefix of PREFIXES) {
    if (bare.startsWith(`${prefix} `)) {
      const rest = SYNONYMS.get(bare.slice(prefix.length + 1))
      if (rest !== undefined) return { field: rest.field, score: rest.score - PREFIXED }
    }
  }

  const tokens = bare.split(' ')
  if (tokens.some((t) => CONTAINS_STOP_TOKENS.has(t))) return null
  for (const rule of CONTAINS_RULES) {
    if (tokens.some((t) => rule.tokens.includes(t))) return { field: rule.field, score: CONTAINS }
  }
  return null
}

// When a lone header could be a first name, a last name or a whole name.
const AMBIGUOUS_NAME_HEADERS = new Set(['nombre', 'nome', 'nom'])
// German and Dutch forms pair "Vorname"/"Voornaam" with "Name"/"Naam" meaning the surname.
const SURNAME_WHEN_PAIRED = new Set(['name', 'naam'])

/**
 * Guesses field → column. Each column gets at most one field and each field
 * one column; the strongest matches are placed first, ties go to the leftmost
 * column. fullName is dropped when both first and last name columns exist.
 */
export function guessMapping(headers: string[]): ColumnMapping {
  const candidates: Array<{ column: number; field: ImportField; score: number }> = []
  headers.forEach((header, column) => {
    const match = scoreHeader(header)
    if (match !== null) candidates.push({ column, ...match })
  })
  candidates.sort(
    (a, b) => b.score - a.score || a.column - b.column || IMPORT_FIELDS.indexOf(a.field) - IMPORT_FIELDS.indexOf(b.field)
  )

  const mapping: ColumnMapping = {}
  const usedColumns = new Set<number>()
  for (const { column, field } of candidates) {
    if (mapping[field] !== undefined || usedColumns.has(column)) continue
    mapping[field] = column
    usedColumns.add(column)
  }

  const headerOf = (field: ImportField): string | null => {
    const column = mapping[field]
    return column === undefined ? null : normaliseHeader(headers[column] ?? '')
  }
  const fullHeader = headerOf('fullName')
  const surnameOnly = fullHeader !== null && SURNAME_WHEN_PAIRED.has(fullHeader)
  if (mapping.firstName !== undefined && mapping.lastName === undefined && surnameOnly) {
    mapping.lastName = mapping.fullName
    delete mapping.fullName
  }
  if (mapping.fullName === undefined) {
    const lone = mapping.firstName === undefined ? 'lastName' : mapping.lastName === undefined ? 'firstName' : null
    const loneHeader = lone === null ? null : headerOf(lone)
    if (lone !== null && loneHeader !== null && AMBIGUOUS_NAME_HEADERS.has(loneHeader)) {
      mapping.fullName = mapping[lone]
      delete mapping[lone]
    }
  }
  if (mapping.firstName !== undefined && mapping.lastName !== undefined) delete mapping.fullName
  // pretix orders: "Attendee email" is the person's, the plain "Email" the order's, for rows without one.
  if (mapping.buyerEmail === undefined && mapping.email !== undefined && PREFIXES.some((p) => headerOf('email')!.startsWith(`${p} `))) {
    const orderEmail = candidates.find((c) => c.field === 'email' && !usedColumns.has(c.column))
    if (orderEmail) mapping.buyerEmail = orderEmail.column
  }
  return mapping
}

/**
 * How much a sheet's header row looks like a list of attendees (to pick the
 * sheet of a workbook): what it names, with the ticket type and a scannable
 * code counting most — an orders sheet has names and e-mails too.
 */
export function attendeeHeaderScore(headers: string[]): number {
  const mapping = guessMapping(headers)
  const weights: Partial<Record<ImportField, number>> = { ticketType: 3, code: 2, email: 2, firstName: 2, lastName: 2, fullName: 1 }
  return Object.keys(mapping).reduce((sum, field) => sum + (weights[field as ImportField] ?? 1), 0)
}

