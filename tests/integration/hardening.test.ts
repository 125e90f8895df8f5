/**
 * Hostile and international data through the API: files that are not lists,
 * commits with nothing to import, names made of control characters or
 * nothing visible, internationalised e-mails at the desk, the search cap per
 * event, and ticket types at capacity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { largeXlsx, writeZip, xlsxParts } from '../support/zip'
import { deskWithEvent, rejects, removeDir, walkUp } from './helpers'

let desk: Awaited<ReturnType<typeof deskWithEvent>>

beforeAll(async () => {
  desk = await deskWithEvent()
})
afterAll(() => {
  desk.close()
  removeDir(desk.dir)
})

const upload = (fileName: string, data: Buffer) =>
  desk.call('import.upload', { eventId: desk.eventId, fileName, base64: data.toString('base64') }, desk.organizer)

/** Bytes from a fixed seed: the same "random" file every run. */
function noise(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length)
  let x = seed
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff
    bytes[i] = x >> 16
  }
  return bytes
}

describe('files that are no attendee list', () => {
  it('refuses random bytes, a program and a ZIP that is no workbook, saying what they are', async () => {
    expect(await rejects(upload('list.csv', noise(20_000)))).toMatchObject({
      code: 'invalid_input',
      key: 'importFile.binary',
      message: 'This is not a CSV or Excel file; upload a CSV or .xlsx file.'
    })
    const exe = Buffer.concat([Buffer.from('MZ'), noise(4000)])
    expect(await rejects(upload('setup.exe', exe))).toMatchObject({ key: 'importFile.knownBinary', message: 'This looks like a Windows program file; upload a CSV or .xlsx file' })
    const docx = await writeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }])
    expect(await rejects(upload('attendees.xlsx', docx))).toMatchObject({ key: 'importFile.zipNotXlsx' })
  })

  it('never shows the spreadsheet library’s own error texts', async () => {
    const good = await largeXlsx(3, 2)
    // Broken XML inside the sheet (the XML parser's words), and a file cut short (the ZIP's).
    const broken = await writeZip(xlsxParts(Buffer.from('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row></sheetData></oops>')))
    const truncated = good.subarray(0, good.length - 200)
    for (const [name, data] of [['broken.xlsx', broken], ['truncated.xlsx', truncated]] as const) {
      const err = await rejects(upload(name, data))
      expect(err).toMatchObject({ code: 'invalid_input', key: 'importFile.xlsxUnreadable', message: 'The Excel file could not be read; save it again as .xlsx or CSV.' })
    }
  })

  it('refuses a commit with nothing ready to import instead of reporting 0 created', async () => {
    const up = await upload('nobody.csv', Buffer.from('First name,Last name,Email\n,,a@example.com\n,,b@example.com\n'))
    const err = await rejects(desk.call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer))
    expect(err).toMatchObject({ code: 'conflict', key: 'importNothingReady' })
  })
})

describe('international e-mail addresses', () => {
  it('are addresses at the walk-up desk; a malformed one is still refused there, by key', async () => {
    for (const [email, stored] of [
      ['José.Müller@Example.org', 'josé.müller@example.org'],
      ['info@müller-söhne.de', 'info@müller-söhne.de'],
      ['ivan@пример.рф', 'ivan@пример.рф']
    ]) {
      const { attendee } = await walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: 'Intl', lastName: email!, email, company: null, ticketTypeId: desk.gaId })
      expect(attendee.email).toBe(stored)
    }
    const err = await rejects(walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: 'Bad', lastName: 'Mail', email: 'jose(at)example.org', company: null, ticketTypeId: desk.gaId }))
    expect(err.issues?.[0]).toMatchObject({ path: 'email', key: 'email' })
  })

  it('keeps an imported person whose e-mail is malformed, the value findable and listed for the organizer', async () => {
    const up = await upload('bad-mail.csv', Buffer.from('First name,Last name,Email\nLeilani,Kahananui,no-at-sign.example.org\n'))
    await desk.call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId, duplicates: 'skip' }, desk.organizer)
    const { rows } = await desk.call('attendee.list', { eventId: desk.eventId, invalidEmail: true }, desk.organizer)
    expect(rows.map((r) => [r.lastName, r.email, r.invalidEmail])).toEqual([['Kahananui', null, 'no-at-sign.example.org']])
    const [found] = await desk.call('attendee.search', { eventId: desk.eventId, query: 'no-at-sign' }, desk.organizer)
    expect(found?.lastName).toBe('Kahananui')
    // Saving a real address fixes it.
    const fixed = await desk.call('attendee.update', { id: found!.id, fields: { ...found!, email: 'leilani@example.org' } }, desk.organizer)
    expect([fixed.email, fixed.invalidEmail]).toEqual(['leilani@example.org', null])
  })
})

describe('names', () => {
  const register = (firstName: string, lastName: string) =>
    walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName, lastName, email: null, company: null, ticketTypeId: desk.gaId }).then((r) => r.attendee)

  it('lose NUL, control characters, terminal escapes and bidi overrides', async () => {
    const a = await register('Ro\u0000b\u0007ert', '\u001b[31mSmith\u001b[0m\u202e')
    expect([a.firstName, a.lastName]).toEqual(['Robert', 'Smith'])
    const b = await register('\u2066Anna\u2069', 'Lee\u200b')
    expect([b.firstName, b.lastName]).toEqual(['Anna', 'Lee'])
  })

  it('that show nothing are refused with a clear key, at the desk and in edits', async () => {
    const err = await rejects(register('\u200b\u200d', 'Lee'))
    expect(err.issues?.[0]).toMatchObject({ path: 'firstName', key: 'nameInvisible' })
    const a = await register('Visible', 'Person')
    const edit = await rejects(desk.call('attendee.update', { id: a.id, fields: { ...a, lastName: '\u200c\u200d\ufe0f' } }, desk.organizer))
    expect(edit.issues?.[0]).toMatchObject({ path: 'fields.lastName', key: 'nameInvisible' })
  })

  it('keep scripts and joiners intact', async () => {
    for (const [first, last] of [
      ['👩🏽‍💻', 'Zoë'], // emoji ZWJ sequence
      ['محمد', 'العربي'],
      ['देवनागरी', 'क्‍ष'], // Devanagari with a ZWJ
      ['مهرداد', 'می‌خواهم'] // Persian ZWNJ
    ]) {
      const a = await register(first!, last!)
      expect([a.firstName, a.lastName]).toEqual([first, last])
    }
  })

  it('from a file are cleaned the same way, with a warning; a name of only invisible characters keeps the row out', async () => {
    const csv = 'First name,Last name\nRo\u0000ber\u001b[1mt,Smith\u202e\n\u200b,\u200d\n'
    const up = await upload('names.csv', Buffer.from(csv))
    const check = await desk.call('import.check', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId }, desk.organizer)
    expect(check.issues.map((i) => [i.line, i.code, i.severity])).toEqual([
      [2, 'cleaned', 'warning'],
      [2, 'cleaned', 'warning'],
      [3, 'cleaned', 'warning'],
      [3, 'invisible_name', 'error']
    ])
    expect(check.ready).toBe(1)
  })
})

describe('one- and two-letter searches', () => {
  it('find the people of any event, not only of the first large one', async () => {
    const eventWith = async (name: string, first: string, last: string, rows: number) => {
      const event = await desk.call('event.create', { name, type: 'conference', startDate: '2026-01-01', endDate: '2026-01-02', timezone: 'UTC', venue: null, capacity: null, status: 'live' }, desk.organizer)
      const type = await desk.call('ticketType.create', { eventId: event.id, code: 'T', name, priceCents: 0, currency: 'EUR', capacity: null, color: '#1e88e5' }, desk.organizer)
      const csv = ['First name,Last name']
      for (let i = 0; i < rows; i++) csv.push(`${first}${i},${last}`)
      const up = await desk.call('import.upload', { eventId: event.id, fileName: `${name}.csv`, base64: Buffer.from(csv.join('\n')).toString('base64') }, desk.organizer)
      await desk.call('import.commit', { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: type.id, duplicates: 'skip' }, desk.organizer)
      return event.id
    }
    // Each event's search rows come after every row of the events before it.
    await eventWith('First big', 'Eve', 'Emerson', 3000)
    const bigger = await eventWith('Bigger', 'Esme', 'Ellison', 3500) // most of the desk's attendees
    const small = await eventWith('Small', 'Elena', 'Esposito', 1)
    for (const [eventId, lastName] of [[bigger, 'Ellison'], [small, 'Esposito']]) {
      for (const query of ['e', 'el', 'es']) {
        const found = await desk.call('attendee.search', { eventId: eventId!, query }, desk.organizer)
        expect([query, found.length > 0 && found.every((a) => a.lastName === lastName)]).toEqual([query, true])
      }
    }
    const { total } = await desk.call('attendee.list', { eventId: small, query: 'e' }, desk.organizer)
    expect(total).toBe(1)
  })
})

describe('capacity', () => {
  let vipFull: string

  beforeAll(async () => {
    const type = await desk.call('ticketType.create', { eventId: desk.eventId, code: 'TINY', name: 'Tiny room', priceCents: 0, currency: 'EUR', capacity: 1, color: '#e53935' }, desk.organizer)
    vipFull = type.id
    await walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: 'First', lastName: 'In', email: null, company: null, ticketTypeId: vipFull })
  })

  it('refuses moving someone into a full ticket type, unless an organizer confirms', async () => {
    const { attendee } = await walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: 'Wants', lastName: 'Tiny', email: null, company: null, ticketTypeId: desk.gaId })
    const move = { id: attendee.id, fields: { ...attendee, ticketTypeId: vipFull } }
    expect(await rejects(desk.call('attendee.update', move, desk.organizer))).toMatchObject({
      code: 'conflict',
      key: 'ticketTypeFull',
      params: { name: 'Tiny room', count: 1, capacity: 1 }
    })
    const deskToken = await desk.tokenFor('desk')
    expect(await rejects(desk.call('attendee.update', { ...move, allowOverCapacity: true }, deskToken))).toMatchObject({ code: 'forbidden', key: 'overCapacityOrganizerOnly' })
    expect((await desk.call('attendee.update', { ...move, allowOverCapacity: true }, desk.organizer)).ticketTypeId).toBe(vipFull)
  })

  it('refuses taking back a cancellation into a full ticket type, unless confirmed', async () => {
    const { attendee } = await walkUp(desk, desk.organizer, { eventId: desk.eventId, firstName: 'Came', lastName: 'Back', email: null, company: null, ticketTypeId: vipFull, allowOverCapacity: true })
    await desk.call('attendee.setStatus', { id: attendee.id, status: 'cancelled' }, desk.organizer)
    expect(await rejects(desk.call('attendee.setStatus', { id: attendee.id, status: 'registered' }, desk.organizer))).toMatchObject({ key: 'ticketTypeFull' })
    expect((await desk.call('attendee.setStatus', { id: attendee.id, status: 'registered', allowOverCapacity: true }, desk.organizer)).status).toBe('registered')
  })

  it('refuses an import into a full ticket type, says which in the check, and takes the organizer’s confirmation', async () => {
    const up = await upload('tiny.csv', Buffer.from('First name,Last name,Ticket type\nOne,More,Tiny room\nTwo,More,Tiny room\n'))
    const plan = { importId: up.importId, mapping: up.mapping, defaultTicketTypeId: desk.gaId }
    const check = await desk.call('import.check', plan, desk.organizer)
    expect(check.overCapacity).toEqual([{ ticketTypeId: vipFull, name: 'Tiny room', capacity: 1, registered: expect.any(Number), adding: 2 }])
    expect(await rejects(desk.call('import.commit', { ...plan, duplicates: 'skip' }, desk.organizer))).toMatchObject({ code: 'conflict', key: 'importOverCapacity' })
    expect((await desk.call('import.commit', { ...plan, duplicates: 'skip', allowOverCapacity: true }, desk.organizer)).created).toBe(2)
  })
})
