/** Desk search over FTS5: accents, case, prefixes, ranking, hostile input, filtered lists. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deskWithEvent, removeDir, walkUp } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>
let token: string
const codes: Record<string, string> = {}

beforeAll(async () => {
  desk = await deskWithEvent()
  token = await desk.tokenFor('desk')
  const people = [
    ['Łukasz', 'Wiśniewski', 'lukasz.w@example.pl', 'Wisła Software'],
    ['Jürgen', 'Groß', 'j.gross@firma.de', 'Nordlicht GmbH'],
    ['Zoë', 'Ødegård', 'zoe@example.no', 'Fjord Analytics'],
    ['José', 'Núñez', 'jose@example.es', 'Iberia Media'],
    ['Anna', 'Müller', 'anna.mueller@example.com', 'Acme Events'],
    ['Annabel', 'Smith', 'annabel@example.com', 'Müller Consulting'],
    ['Mei', '王', 'mei@example.cn', null]
  ] as const
  for (const [firstName, lastName, email, company] of people) {
    const { attendee } = await walkUp(desk, token, { eventId: desk.eventId, firstName, lastName, email, company, ticketTypeId: desk.gaId, paymentMethod: 'card', amountCents: 0 }, false)
    codes[lastName] = attendee.code
  }
})
afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

const names = async (query: string) =>
  (await desk.call('attendee.search', { eventId: desk.eventId, query }, token)).map((a) => a.lastName)

const count = async (query: string, cap?: number) => desk.call('attendee.searchCount', { eventId: desk.eventId, query, ...(cap ? { cap } : {}) }, token)

describe('attendee search', () => {
  it('counts how many match, for "and 40 more", no further than the cap', async () => {
    expect(await count('müller')).toBe(2)
    expect(await count('zzzzqq')).toBe(0)
    // Past the cap the answer is cap + 1: "more than …".
    expect(await count('müller', 1)).toBe(2)
    expect(await count('', 3)).toBe(4)
  })

  it('ignores accents, case and letters without decomposition (ł, ø, ß)', async () => {
    expect(await names('lukasz')).toEqual(['Wiśniewski'])
    expect(await names('WISNIEWSKI')).toEqual(['Wiśniewski'])
    expect(await names('gross')).toEqual(['Groß'])
    expect(await names('odegard')).toEqual(['Ødegård'])
    expect(await names('zoe')).toEqual(['Ødegård'])
    expect(await names('nunez')).toEqual(['Núñez'])
    expect(await names('NÚÑEZ')).toEqual(['Núñez'])
  })

  it('matches prefixes of several words in any field', async () => {
    expect(await names('jo nu')).toEqual(['Núñez'])
    expect(await names('anna.mu')).toEqual(['Müller', 'Smith']) // Smith: Annabel at Müller Consulting
    expect(await names('firma')).toEqual(['Groß'])
    expect(await names('fjord')).toEqual(['Ødegård'])
    expect(await names('王')).toEqual(['王'])
  })

  it('finds by code and ranks a name hit above a company hit', async () => {
    expect(await names(codes['Groß']!)).toEqual(['Groß'])
    expect(await names(codes['Groß']!.toLowerCase().slice(0, 4))).toContain('Groß')
    const muller = await names('müller')
    expect(muller).toEqual(['Müller', 'Smith']) // Smith works at "Müller Consulting"
  })

  it('treats FTS syntax and hostile text as plain words, never as an error', async () => {
    const hostile = [
      '"', '""', '*', 'AND', 'OR', 'NOT', 'anna AND', '-anna', 'anna -müller', 'NEAR(anna müller)', 'name:anna',
      '^anna', '(anna', 'anna)', "'; DROP TABLE attendees; --", '😀', '🇩🇪 anna', '\u0000', '%', '_', '\\', 'x'.repeat(500),
      '<script>alert(1)</script>', 'a'.repeat(64) + '*', '{name}: anna'
    ]
    for (const q of hostile) {
      await expect(desk.call('attendee.search', { eventId: desk.eventId, query: q }, token)).resolves.toBeInstanceOf(Array)
    }
    expect(await names('"anna"')).toContain('Müller')
    expect(await names('anna* müller')).toEqual(['Müller', 'Smith'])
    expect(await names('anna AND')).toEqual([]) // "and" is only a word here, and nobody's name starts with it
    expect(await names('NOT')).toEqual([])
  })

  it('answers one- and two-letter queries (the first keystrokes) with ranked matches', async () => {
    // Random attendee codes can match short prefixes too, so these check inclusion.
    expect(await names('g')).toContain('Groß')
    expect(await names('an')).toEqual(expect.arrayContaining(['Müller', 'Smith']))
    // Every e-mail but Jürgen's (firma.de) has an "example" domain.
    expect(await names('e')).toEqual(expect.arrayContaining(['Müller', 'Núñez', 'Smith', 'Wiśniewski', 'Ødegård', '王']))
  })

  it('lists everyone by name when the query is empty or has no letters', async () => {
    const all = await names('')
    expect(all).toHaveLength(7)
    expect(await names('***')).toEqual(all)
  })

  it('filters and pages the attendee list, with the total', async () => {
    const first = await desk.call('attendee.list', { eventId: desk.eventId, offset: 0, limit: 3 }, token)
    expect(first.total).toBe(7)
    expect(first.rows).toHaveLength(3)
    const rest = await desk.call('attendee.list', { eventId: desk.eventId, offset: 3, limit: 10 }, token)
    expect(new Set([...first.rows, ...rest.rows].map((r) => r.id)).size).toBe(7)
    const filtered = await desk.call('attendee.list', { eventId: desk.eventId, query: 'müller', checkedIn: false }, token)
    expect(filtered.total).toBe(2)
    const none = await desk.call('attendee.list', { eventId: desk.eventId, checkedIn: true }, token)
    expect(none.total).toBe(0)
  })
})
