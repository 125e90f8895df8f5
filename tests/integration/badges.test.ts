/**
 * Badge templates and PDF badges: templates are validated whole (a broken one
 * is refused and nothing is stored), duplicated, exported and imported,
 * assigned per ticket type; badges for a corpus of hard names are rasterised
 * (pdftoppm), their QR read back (zbarimg) and the name found by text
 * extraction (pdftotext); batches are imposed N-up on A4.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { defaultTemplate, type BadgeTemplateInput } from '../../src/shared/badge-template'
import { decodePdf, pdfPages, pdfText } from '../support/badge-tools'
import { deskWithEvent, rejects, removeDir, walkUp, type TestDesk } from './helpers'

const opened: TestDesk[] = []
afterEach(() => {
  for (const d of opened.splice(0)) {
    d.close()
    removeDir(d.dir)
  }
})

async function desk() {
  const d = await deskWithEvent()
  opened.push(d)
  return d
}

const pdfOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'))

const HARD_NAMES: { first: string; last: string; company: string | null; text: string | null }[] = [
  { first: 'Zoë', last: 'Ñúñez-Łukasiewicz', company: 'Żółć & Co', text: 'Zoë Ñúñez-Łukasiewicz' },
  { first: 'Дмитрий', last: 'Шостакович', company: 'ООО «Ромашка»', text: 'Дмитрий Шостакович' },
  { first: 'Θεοδώρα', last: 'Παπαδοπούλου', company: null, text: 'Θεοδώρα Παπαδοπούλου' },
  { first: 'محمد', last: 'العربي', company: 'شركة', text: 'محمد العربي' },
  { first: 'Nguyễn', last: 'Ngọc Ánh', company: 'Công ty Cổ phần', text: 'Nguyễn Ngọc Ánh' },
  { first: 'שרה', last: 'כהן', company: null, text: 'שרה כהן' },
  // 60 characters: shrinks, then wraps to two lines.
  { first: 'Maximiliane Alexandra', last: 'von Hohenzollern-Sigmaringen-Wittelsbach', company: '', text: null },
  // Emoji: no shipped font has them (drawn as a missing glyph); the badge and its QR still print.
  { first: 'Ana 🎉', last: 'Silva', company: 'Party', text: null }
]

describe('badge templates', () => {
  it('refuses a broken template with a clear message and stores nothing', async () => {
    const d = await desk()
    const broken = { ...defaultTemplate(), elements: [{ type: 'text', id: 'name', x: 5, y: 40, w: 95, h: 26, field: 'fullName', size: 3 }] }
    const err = await rejects(d.call('badge.saveTemplate', { eventId: d.eventId, name: 'Bad', template: broken }, d.organizer))
    expect(err.key).toBe('badgeTemplateInvalid')
    expect(err.message).toMatch(/elements\.0\.size/)
    const outside = { ...defaultTemplate(), elements: [{ type: 'qr', id: 'qr', x: 90, y: 140, size: 30 }] }
    expect((await rejects(d.call('badge.saveTemplate', { eventId: d.eventId, name: 'Bad', template: outside }, d.organizer))).message).toMatch(/outside/)
    expect((await rejects(d.call('badge.importTemplate', { eventId: d.eventId, json: '{"version": 1, "page": ' }, d.organizer))).key).toBe(
      'badgeTemplateInvalid'
    )
    expect(await d.call('badge.templates', { eventId: d.eventId }, d.organizer)).toEqual([])
  })

  it('saves, duplicates, exports and imports a template; assigns it per ticket type with a default', async () => {
    const d = await desk()
    const custom: BadgeTemplateInput = {
      version: 1,
      page: { preset: 'custom', unit: 'in', width: 4, height: 3 },
      elements: [
        { type: 'text', id: 'name', x: 4, y: 10, w: 94, h: 20, field: 'fullName', size: 28 },
        { type: 'code128', id: 'bars', x: 10, y: 50, w: 80, h: 15 }
      ]
    }
    const saved = await d.call('badge.saveTemplate', { eventId: d.eventId, name: 'Label 4×3', template: custom }, d.organizer)
    expect(saved.template.elements[0]).toMatchObject({ minSize: 6, weight: 'regular', align: 'center' })
    const copy = await d.call('badge.duplicateTemplate', { id: saved.id }, d.organizer)
    expect(copy.template).toEqual(saved.template)
    const file = await d.call('badge.exportTemplate', { id: saved.id }, d.organizer)
    expect(file.fileName).toBe('label-4-3.badge.json')
    const imported = await d.call('badge.importTemplate', { eventId: d.eventId, json: file.json }, d.organizer)
    expect(imported).toMatchObject({ name: 'Label 4×3', template: saved.template })

    await d.call('badge.assign', { eventId: d.eventId, ticketTypeId: null, templateId: copy.id }, d.organizer)
    const list = await d.call('badge.assign', { eventId: d.eventId, ticketTypeId: d.vipId, templateId: saved.id }, d.organizer)
    expect(list.find((t) => t.id === saved.id)).toMatchObject({ ticketTypeIds: [d.vipId], isDefault: false })
    expect(list.find((t) => t.id === copy.id)).toMatchObject({ ticketTypeIds: [], isDefault: true })

    // A VIP prints with the 4×3 in label (its Code 128 reads back), everyone else with the default.
    const { attendee } = await walkUp(d, d.organizer, { eventId: d.eventId, firstName: 'Vera', lastName: 'Vip', email: null, company: null, ticketTypeId: d.vipId })
    const preview = await d.call('badge.preview', { eventId: d.eventId, attendeeId: attendee.id }, d.organizer)
    expect(decodePdf(pdfOf(preview.pdf))).toEqual([[attendee.code]])
    expect(pdfText(pdfOf(preview.pdf))).toContain('Vera Vip')
  })
})

describe('PDF badges for hard names', { timeout: 60_000 }, () => {
  it('every script prints: the QR reads back to the code and the name is found in the text', async () => {
    const d = await desk()
    for (const n of HARD_NAMES) {
      const { attendee } = await walkUp(d, d.organizer, { eventId: d.eventId, firstName: n.first, lastName: n.last, email: null, company: n.company, ticketTypeId: d.gaId })
      const preview = await d.call('badge.preview', { eventId: d.eventId, attendeeId: attendee.id }, d.organizer)
      const pdf = pdfOf(preview.pdf)
      expect(decodePdf(pdf), `${n.first} ${n.last}`).toEqual([[attendee.code]])
      const text = pdfText(pdf).replace(/\s+/g, ' ')
      if (n.text) expect(text, `${n.first} ${n.last}`).toContain(n.text)
      expect(text).toContain(attendee.code)
      expect(preview.fits.find((f) => f.id === 'name')!.size).toBeGreaterThanOrEqual(6)
      expect(pdf.length).toBeLessThan(60_000)
    }
    const long = await d.call('badge.preview', { eventId: d.eventId, longest: true }, d.organizer)
    expect(long.fits.find((f) => f.id === 'name')).toMatchObject({ fit: 'two_lines' })
    const emoji = (await d.call('attendee.list', { eventId: d.eventId, query: 'Silva' }, d.organizer)).rows[0]!
    expect((await d.call('badge.preview', { eventId: d.eventId, attendeeId: emoji.id }, d.organizer)).missing).toEqual(['🎉'])
  })

  it('a batch is imposed 4-up on A4 with every QR readable', async () => {
    const d = await desk()
    const codes: string[] = []
    for (let i = 0; i < 6; i++) {
      const { attendee } = await walkUp(d, d.organizer, { eventId: d.eventId, firstName: `Person${i}`, lastName: 'Batch', email: null, company: null, ticketTypeId: d.gaId })
      codes.push(attendee.code)
    }
    const batch = await d.call('badge.batch', { eventId: d.eventId }, d.organizer)
    expect(batch.count).toBe(6)
    const pdf = pdfOf(batch.pdf)
    expect(pdfPages(pdf)).toBe(2)
    const found = decodePdf(pdf, 200)
    expect(found.map((p) => p.length)).toEqual([4, 2])
    expect(found.flat().sort()).toEqual([...codes].sort())
  })
})
