/** Exports speak the operator's language: column headers and statuses (English when none is asked for). */
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deskWithEvent, removeDir, walkUp } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>

beforeAll(async () => {
  desk = await deskWithEvent()
  const { attendee } = await walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: 'Jürgen', lastName: 'Groß', ticketTypeId: desk.gaId })
  await desk.call('attendee.setStatus', { id: attendee.id, status: 'cancelled' }, desk.organizer)
  await walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: 'Ann', lastName: 'Lee', ticketTypeId: desk.gaId })
})

afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

async function xlsxRows(language?: 'de' | 'pl'): Promise<unknown[][]> {
  const file = await desk.call('attendee.export', { eventId: desk.eventId, format: 'xlsx', ...(language ? { language } : {}) }, desk.organizer)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
  return (book.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1))
}

describe('attendee export in a language', () => {
  it('writes German headers and statuses when asked for German', async () => {
    const [header, ...rows] = await xlsxRows('de')
    expect(header).toEqual(expect.arrayContaining(['Vorname', 'Nachname', 'Ticketart', 'Status', 'Eingecheckt um', 'Bevorzugte Sprache']))
    expect(rows.map((r) => r[header!.indexOf('Status')])).toEqual(expect.arrayContaining(['Storniert', 'Angemeldet']))
  })

  it('writes Polish into CSV too', async () => {
    const file = await desk.call('attendee.export', { eventId: desk.eventId, format: 'csv', language: 'pl' }, desk.organizer)
    const records = parse(Buffer.from(file.base64, 'base64').toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
    expect(Object.keys(records[0]!)).toEqual(expect.arrayContaining(['Imię', 'Nazwisko', 'Typ biletu']))
    expect(records.map((r) => r['Status'])).toEqual(expect.arrayContaining(['Anulowany']))
  })

  it('writes English, statuses as words, without a language', async () => {
    const [header, ...rows] = await xlsxRows()
    expect(header).toEqual(expect.arrayContaining(['First name', 'Last name', 'Ticket type', 'Status', 'Checked in at']))
    expect(rows.map((r) => r[header!.indexOf('Status')])).toEqual(expect.arrayContaining(['Cancelled', 'Registered']))
  })
})
