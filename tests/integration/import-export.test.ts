/** Import through the API (upload → check → commit) and export read back, on a real SQLite desk. */
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ROOT, deskWithEvent, rejects, removeDir, walkUp } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>
const fixture = (name: string) => readFileSync(join(APP_ROOT, 'tests', 'fixtures', 'import', name)).toString('base64')

beforeAll(async () => {
  desk = await deskWithEvent()
  // A ticket type named like the Eventbrite file's "Early Bird" column value.
  await desk.call('ticketType.create', { eventId: desk.eventId, code: 'EARLY', name: 'Early Bird', priceCents: 0, currency: 'EUR', capacity: null, color: '#43a047' }, desk.organizer)
})
afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

async function upload(name: string, base64 = fixture(name)) {
  return desk.call('import.upload', { eventId: desk.eventId, fileName: name, base64 }, desk.organizer)
}

const count = () => (desk.core.sqlite.prepare('SELECT COUNT(*) AS n FROM attendees').get() as { n: number }).n

describe('attendee import', () => {
  it('reads an Eventbrite export (UTF-8 BOM), guesses the columns and resolves ticket types by name', async () => {
    const up = await upload('eventbrite-utf8-bom.csv')
    expect(up).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' })
    expect(up.mapping).toMatchObject({ firstName: 2, lastName: 3, email: 4, ticketType: 6, company: 7, jobTitle: 8 })
    const check = await desk.call('import.check', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId }, desk.organizer)
    const before = count()
    const result = await desk.call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer)
    expect(result.created).toBe(check.ready)
    expect(count()).toBe(before + check.ready)
    const [anna] = await desk.call('attendee.search', { eventId: desk.eventId, query: 'anna mueller' }, desk.organizer)
    expect(anna).toMatchObject({ firstName: 'Anna', lastName: 'Müller', email: 'anna.mueller@example.com', company: 'Müller & Söhne, GmbH', externalRef: '1234567890' })
    const early = (await desk.call('ticketType.list', { eventId: desk.eventId }, desk.organizer)).find((t) => t.code === 'EARLY')!
    expect(anna!.ticketTypeId).toBe(early.id)
  })

  it('reports unknown ticket types and bad rows per line before anything is written', async () => {
    const csv = 'First name,Last name,Email,Ticket\nGood,Row,good@example.com,\nBad,Mail,not-an-email,\n,,nobody@example.com,\nWrong,Ticket,wt@example.com,Platinum\n'
    const up = await upload('rows.csv', Buffer.from(csv).toString('base64'))
    const before = count()
    const check = await desk.call('import.check', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId }, desk.organizer)
    expect(count()).toBe(before)
    // The person with an e-mail that is no address comes in (with a warning); the other two rows cannot.
    expect(check).toMatchObject({ ready: 2, issueCount: 2, warningCount: 1 })
    expect(check.issues.map((i) => [i.line, i.code, i.severity])).toEqual([
      [3, 'invalid_email', 'warning'],
      [4, 'missing_name', 'error'],
      [5, 'unknown_ticket_type', 'error']
    ])
    // What a screen needs to say it in the operator's language.
    expect(check.issues.map((i) => i.params)).toEqual([{ value: 'not-an-email', column: 'Email' }, undefined, { value: 'Platinum' }])
  })

  it('skips or merges people already registered with the same e-mail', async () => {
    const first = 'First name,Last name,Email,Company\nMerge,Me,merge@example.com,Old Co\n'
    const up1 = await upload('a.csv', Buffer.from(first).toString('base64'))
    await desk.call('import.commit', { importId: up1.importId, mapping: up1.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer)
    const second = 'First name,Last name,Email,Company,Phone\nMerge,Me,MERGE@example.com,New Co,\nFresh,Person,fresh@example.com,,\n'
    const up2 = await upload('b.csv', Buffer.from(second).toString('base64'))
    const check = await desk.call('import.check', { importId: up2.importId, mapping: up2.mapping, defaultTicketTypeId: desk.gaId }, desk.organizer)
    expect(check.existingDuplicates).toBe(1)
    const skipped = await desk.call('import.commit', { importId: up2.importId, mapping: up2.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer)
    expect(skipped).toMatchObject({ created: 1, merged: 0, skipped: 1, rejected: 0 })
    const up3 = await upload('b.csv', Buffer.from(second.replace('fresh@', 'fresh2@')).toString('base64'))
    const merged = await desk.call('import.commit', { importId: up3.importId, mapping: up3.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'merge' }, desk.organizer)
    expect(merged).toMatchObject({ created: 1, merged: 1, skipped: 0, rejected: 0 })
    const [person] = await desk.call('attendee.search', { eventId: desk.eventId, query: 'merge@example.com' }, desk.organizer)
    expect(person).toMatchObject({ company: 'New Co', phone: null })
  })

  it('reads every encoding and delimiter of the fixtures', async () => {
    for (const [file, encoding, delimiter] of [
      ['french-windows-1252.csv', 'windows-1252', ';'],
      ['cvent-utf16le-bom.tsv', 'utf-16le', '\t'],
      ['dutch-utf16be-nobom.csv', 'utf-16be', ','],
      ['german-semicolon.csv', 'utf-8', ';'],
      ['spanish-pipe.csv', 'utf-8', '|'],
      ['attendees.xlsx', 'xlsx', null]
    ] as const) {
      const up = await upload(file)
      expect([file, up.encoding, up.delimiter]).toEqual([file, encoding, delimiter])
      expect(up.rowCount).toBeGreaterThan(0)
    }
  })

  it('refuses empty, legacy .xls and garbage files with a clear message', async () => {
    expect((await rejects(upload('empty.csv'))).message).toMatch(/empty/i)
    expect(await rejects(upload('legacy.xls'))).toMatchObject({ key: 'importFile.xls', message: expect.stringMatching(/\.xls files/) })
    expect((await rejects(upload('x.pdf', Buffer.from('%PDF-1.7 binary').toString('base64')))).code).toBe('invalid_input')
    expect((await rejects(desk.call('import.check', { importId: 'nope', mapping: {}, defaultTicketTypeId: desk.gaId }, desk.organizer))).code).toBe('not_found')
  })

  it('commits all rows or none: a failure half-way leaves nothing behind', async () => {
    const csv = ['First name,Last name,Email']
    for (let i = 0; i < 2500; i++) csv.push(`Atomic${i},Row,atomic${i}@example.com`)
    const up = await upload('atomic.csv', Buffer.from(csv.join('\n')).toString('base64'))
    const before = count()
    const changesBefore = (desk.core.sqlite.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n
    // Sabotage row 2,100 at the database level, as a full disk or a bug would. Nobody else
    // writes meanwhile, so the import is still one transaction: SQLite rolls it all back.
    desk.core.sqlite.exec("CREATE TRIGGER sabotage BEFORE INSERT ON attendees WHEN NEW.first_name = 'Atomic2100' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    try {
      await expect(desk.call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer)).rejects.toThrow('disk full')
    } finally {
      desk.core.sqlite.exec('DROP TRIGGER sabotage')
    }
    expect(count()).toBe(before)
    expect((desk.core.sqlite.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n).toBe(changesBefore)
    expect(await desk.call('attendee.search', { eventId: desk.eventId, query: 'atomic1' }, desk.organizer)).toEqual([])
  })

  it('undoes the chunks it committed for writes that waited, when it fails later', async () => {
    const csv = ['First name,Last name,Email']
    for (let i = 0; i < 20_000; i++) csv.push(`Chunked${i},Row,chunked${i}@example.com`)
    const up = await upload('chunked.csv', Buffer.from(csv.join('\n')).toString('base64'))
    const before = count()
    const lastChange = (desk.core.sqlite.prepare('SELECT max(hlc) AS hlc FROM changes').get() as { hlc: string }).hlc
    desk.core.sqlite.exec("CREATE TRIGGER sabotage BEFORE INSERT ON attendees WHEN NEW.first_name = 'Chunked19000' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    let failed = false
    const walkIns: string[] = []
    try {
      const commit = desk
        .call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer)
        .catch((err: Error) => (failed = err.message === 'disk full'))
      // Walk-ups meanwhile: each makes the import commit the chunk it has, then go in.
      for (let i = 0; !failed && i < 10_000; i++) {
        const { attendee } = await walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: `Walk${i}`, lastName: 'In', email: null, company: null, ticketTypeId: desk.gaId })
        walkIns.push(attendee.id)
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
      await commit
    } finally {
      desk.core.sqlite.exec('DROP TRIGGER sabotage')
    }
    expect(failed).toBe(true)
    // The walk-ups stay; every row of the import is gone, and its committed chunks went out as changes, undone.
    expect(count()).toBe(before + walkIns.length)
    expect(await desk.call('attendee.search', { eventId: desk.eventId, query: 'chunked1' }, desk.organizer)).toEqual([])
    const logged = desk.core.sqlite
      .prepare("SELECT action, COUNT(*) AS n FROM changes WHERE tbl = 'attendees' AND hlc > ? GROUP BY action")
      .all(lastChange) as { action: string; n: number }[]
    const inserted = logged.find((l) => l.action === 'import.commit')?.n ?? 0
    expect(inserted).toBeGreaterThan(0)
    expect(logged.find((l) => l.action === 'import.commit.rollback')?.n).toBe(inserted)
    expect(desk.core.sqlite.prepare('SELECT COUNT(*) AS n FROM import_journal').get()).toEqual({ n: 0 })
  })
})

describe('a large import commit', () => {
  it('keeps answering other requests and reports progress', async () => {
    const csv = ['First name,Last name,Email']
    for (let i = 0; i < 20_000; i++) csv.push(`Bulk${i},Person,bulk${i}@example.com`)
    const up = await upload('bulk.csv', Buffer.from(csv.join('\n')).toString('base64'))
    const { attendee: walkIn } = await walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: 'Queued', lastName: 'Writer', email: null, company: null, ticketTypeId: desk.gaId })
    const events: string[] = []
    const commit = desk
      .call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer)
      .then((r) => (events.push('commit done'), r))
    await new Promise((resolve) => setImmediate(resolve)) // let the commit start
    const seen: number[] = []
    while (!events.includes('commit done')) {
      const p = await desk.call('import.progress', { importId: up.importId }, desk.organizer).catch(() => null)
      if (p && p.total > 0) seen.push(p.done)
      await new Promise((resolve) => setImmediate(resolve))
    }
    const checkin = desk.call('checkin.byAttendee', { attendeeId: walkIn.id }, desk.organizer).then((r) => (events.push('check-in done'), r))
    expect((await commit).created).toBe(20_000)
    expect((await checkin).outcome).toBe('admitted')
    expect(events).toEqual(['commit done', 'check-in done'])
    // Progress was seen part-way, rising.
    expect(seen.some((n) => n > 0 && n < 20_000)).toBe(true)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
  })

  it('lets a write queued during the commit run between its chunks, never inside its transaction, and survive its rollback', async () => {
    const csv = ['First name,Last name,Email']
    for (let i = 0; i < 5000; i++) csv.push(`Rollback${i},Person,rb${i}@example.com`)
    const up = await upload('rb.csv', Buffer.from(csv.join('\n')).toString('base64'))
    desk.core.sqlite.exec("CREATE TRIGGER sabotage2 BEFORE INSERT ON attendees WHEN NEW.first_name = 'Rollback4000' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    try {
      const commit = desk.call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer)
      await new Promise((resolve) => setImmediate(resolve))
      // Issued while the import's transaction is open: the import commits what it has, the walk-up runs, and survives the import's undo.
      const survivor = walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: 'Survivor', lastName: 'Walkup', email: null, company: null, ticketTypeId: desk.gaId }, true)
      await expect(commit).rejects.toThrow('disk full')
      const { attendee } = await survivor
      expect((await desk.call('attendee.get', { id: attendee.id }, desk.organizer)).checkedInAt).not.toBeNull()
      expect(await desk.call('attendee.search', { eventId: desk.eventId, query: 'rollback1' }, desk.organizer)).toEqual([])
    } finally {
      desk.core.sqlite.exec('DROP TRIGGER sabotage2')
    }
  })
})

describe('attendee export', () => {
  it('writes the filtered list to XLSX and CSV, neutralising formulas, readable back', async () => {
    await upload('hostile.csv').then((up) =>
      desk.call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer)
    )
    const all = await desk.call('attendee.list', { eventId: desk.eventId }, desk.organizer)
    const xlsx = await desk.call('attendee.export', { eventId: desk.eventId, format: 'xlsx' }, desk.organizer)
    expect(xlsx.rows).toBe(all.total)
    expect(xlsx.fileName).toMatch(/^Test Summit attendees \d{4}-\d{2}-\d{2}\.xlsx$/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    expect(sheet.rowCount).toBe(all.total + 1)
    const texts = sheet.getSheetValues().flat().filter((v): v is string => typeof v === 'string')
    expect(texts).toContain('Müller & Söhne, GmbH')
    // XLSX: text is an inert string cell, shown exactly as typed; no cell is a formula.
    expect(texts).toContain('=HYPERLINK("http://evil.example","x")')
    expect(texts).toContain('<img src=x onerror=alert(1)>')
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()))

    const csv = await desk.call('attendee.export', { eventId: desk.eventId, format: 'csv', query: 'example.com' }, desk.organizer)
    const records = parse(Buffer.from(csv.base64, 'base64').toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
    expect(records.length).toBe(csv.rows)
    expect(records.length).toBeLessThan(all.total)
    expect(records.every((r) => !/^[=+\-@]/.test(r['Company'] ?? ''))).toBe(true)
  })

  it('keeps phone numbers as typed, writes check-in times in the event’s zone and amounts with two decimals; CSV with ; on request', async () => {
    const desk = await deskWithEvent() // the event is in Europe/Berlin
    try {
      const { attendee } = await walkUp(desk, desk.organizer, {
        eventId: desk.eventId, firstName: 'Jana', lastName: 'Phonenumber', email: null, company: null, jobTitle: null,
        phone: '+49 30 1234-567', ticketTypeId: desk.gaId, preferredLanguage: null, notes: null, amountCents: 12950
      }, true)
      const checkedInAt = new Date(attendee.checkedInAt ?? (await desk.call('attendee.get', { id: attendee.id }, desk.organizer)).checkedInAt!)
      const berlin = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(checkedInAt)

      const xlsx = await desk.call('attendee.export', { eventId: desk.eventId, format: 'xlsx' }, desk.organizer)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer)
      const sheet = book.worksheets[0]!
      const header = (sheet.getRow(1).values as unknown[]).slice(1)
      const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name) + 1)
      expect(cell('Phone').value).toBe('+49 30 1234-567')
      expect(cell('Checked in at').type).toBe(ExcelJS.ValueType.Date)
      expect(cell('Checked in at').numFmt).toBe('yyyy-mm-dd hh:mm')
      // A zone-less serial holding Berlin's wall clock (exceljs reads it back into the UTC fields).
      expect((cell('Checked in at').value as Date).toISOString().slice(0, 16).replace('T', ' ')).toBe(berlin)
      expect(cell('Amount').value).toBe(129.5)
      expect(cell('Amount').numFmt).toBe('#,##0.00')

      const csv = await desk.call('attendee.export', { eventId: desk.eventId, format: 'csv', delimiter: ';' }, desk.organizer)
      const text = Buffer.from(csv.base64, 'base64').toString('utf8')
      const [row] = parse(text, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[]
      expect(row).toMatchObject({ Phone: '+49 30 1234-567', 'Checked in at': berlin, Amount: '129,50' })
      const comma = await desk.call('attendee.export', { eventId: desk.eventId, format: 'csv' }, desk.organizer)
      const [plain] = parse(Buffer.from(comma.base64, 'base64'), { bom: true, columns: true }) as Record<string, string>[]
      expect(plain).toMatchObject({ Phone: '+49 30 1234-567', 'Checked in at': berlin, Amount: '129.50' })
    } finally {
      desk.close()
      removeDir(desk.dir)
    }
  })
})
