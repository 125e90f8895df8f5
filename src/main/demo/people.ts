/**
 * Deterministic generator of plausible international attendees, for the demo
 * desk and the benchmarks. Names carry the accents and letters (ł, ø, ß, ñ)
 * that search must fold.
 */
const FIRST = [
  'Anna', 'Lukas', 'Sophie', 'Jan', 'Emma', 'Noah', 'Mia', 'Liam', 'Zoë', 'José', 'María', 'François', 'Chloé',
  'Łukasz', 'Małgorzata', 'Søren', 'Åsa', 'Björn', 'Jürgen', 'Özlem', 'Ángel', 'Inês', 'João', 'Giulia', 'Niccolò',
  'Daan', 'Sanne', 'Thijs', 'Fleur', 'Pieter', 'Agnieszka', 'Wojciech', 'Zofia', 'Hélène', 'Benoît', 'Léa',
  'Matteo', 'Francesca', 'Lorenzo', 'Chiara', 'Carmen', 'Javier', 'Lucía', 'Pablo', 'Olivia', 'James', 'Amelia',
  'Oliver', 'Priya', 'Arjun', 'Mei', 'Hiroshi', 'Yuki', 'Minh', 'Aisha', 'Omar', 'Fatima', 'Kwame', 'Ngozi', 'Sven'
]
const LAST = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weiß', 'Groß', 'de Vries', 'van den Berg', 'Jansen', 'Bakker',
  'Visser', 'Smit', 'Dubois', 'Lefèvre', 'Moreau', 'Girard', 'Rousseau', 'García', 'Martínez', 'López', 'Sánchez',
  'Pérez', 'Núñez', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Nowak', 'Kowalski', 'Wiśniewski',
  'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński', 'Jørgensen', 'Sørensen', 'Ødegård', 'Andersson', 'Nyström',
  'Öztürk', 'Yılmaz', 'Smith', 'Johnson', 'Williams', 'Brown', 'Taylor', "O'Brien", 'Murphy', 'Nguyễn', 'Tanaka',
  'Suzuki', 'Kim', 'Patel', 'Sharma', 'Okafor', 'Mensah', 'Haddad', 'Costa', 'Silva', 'Santos', 'Horváth', 'Novák'
]
const COMPANIES = [
  'Acme Events', 'Nordlicht GmbH', 'Tulip Tech B.V.', 'Société Générale des Congrès', 'Iberia Media', 'Roma Digitale',
  'Wisła Software', 'Fjord Analytics', 'Bright Stage Ltd', 'Kaizen Systems', 'Savanna Labs', 'Café Crème SARL',
  'Zürich Re-Events AG', 'Blue Harbour Ltd', 'Delta Logistics', 'Orbit Consulting', 'Polaris Health', 'Atlas Foods'
]
const DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'firma.example.de', 'bedrijf.example.nl']
const LANGS = ['en', 'de', 'nl', 'fr', 'es', 'it', 'pl'] as const

export interface Person {
  firstName: string
  lastName: string
  email: string
  company: string | null
  jobTitle: string | null
  preferredLanguage: (typeof LANGS)[number]
}

/** mulberry32: small, fast and seedable, so a demo or bench data set is the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function asciiLocal(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

export function* people(count: number, seed = 42): Generator<Person> {
  const rnd = seededRandom(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  for (let i = 0; i < count; i++) {
    const firstName = pick(FIRST)
    const lastName = pick(LAST)
    yield {
      firstName,
      lastName,
      // The index keeps e-mails unique, as they are per event.
      email: `${asciiLocal(firstName)}.${asciiLocal(lastName)}${i}@${pick(DOMAINS)}`,
      company: rnd() < 0.85 ? pick(COMPANIES) : null,
      jobTitle: rnd() < 0.5 ? pick(['Engineer', 'Manager', 'Director', 'Designer', 'Founder', 'Student']) : null,
      preferredLanguage: pick(LANGS)
    }
  }
}
