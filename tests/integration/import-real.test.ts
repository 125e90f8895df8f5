/**
 * Real export layouts (tests/fixtures/import/real, see its README): each file
 * imports every person in one pass through the preview — the ticket types the
 * event lacks created from the upload's list, statuses as the file means them,
 * international e-mails kept, malformed ones kept apart, comments and the
 * attention flag on the attendee, the other system's barcode scannable.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AttendeeRow } from '../../src/shared/contract/attendees'
import { isEmailAddress, normaliseEmail } from '../../src/shared/email'
import { APP_ROOT, deskWithEvent, removeDir } from './helpers'

interface ExpectedRow {
  firstName: string
  lastName: string
  email: string
  ticketType: string
  barcode: string
  status: 'registered' | 'cancelled' | 'pending'
  statusAsWritten: string
  specialAttention: boolean
  comment: string
}

const REAL = join(APP_ROOT, 'tests', 'fixtures', 'import', 'real')
const expected = JSON.parse(readFileSync(join(REAL, 'expected.json'), 'utf8')) as {
  files: Record<string, { dataRowCount: number; sheet?: string; rows: ExpectedRow[] }>
}

const desks: Awaited<ReturnType<typeof deskWithEvent>>[] = []
afterAll(() => {
  for (const desk of desks) {
    desk.close()
    removeDir(desk.dir)
  }
})

describe.each(Object.entries(expected.files))('%s', (file, { dataRowCount, sheet, rows }) => {
  it('imports every person with their ticket type, status, e-mail, attention, comment and barcode', async () => {
    const desk = await deskWithEvent()
    desks.push(desk)
    const { eventId, organizer } = desk
    const call = desk.call

    const upload = await call('import.upload', { eventId, fileName: file, base64: readFileSync(join(REAL, file)).toString('base64') }, organizer)
    expect(upload.rowCount).toBe(dataRowCount)
    if (sheet) expect(upload.sheet).toBe(sheet)

    // The preview lists the file's ticket types: the event's two are matched, the others are missing, with row counts.
    const fileTypes = new Map<string, number>()
    for (const row of rows) fileTypes.set(row.ticketType, (fileTypes.get(row.ticketType) ?? 0) + 1)
    expect(Object.fromEntries(upload.ticketTypes.map((t) => [t.value, t.rows]))).toEqual(Object.fromEntries(fileTypes))
    for (const t of upload.ticketTypes) {
      const known = { 'General Admission': desk.gaId, VIP: desk.vipId }[t.value] ?? null
      expect([t.value, t.matchId]).toEqual([t.value, known])
    }
    const missing = upload.ticketTypes.filter((t) => t.matchId === null)
    expect(missing.length).toBeGreaterThan(0)
    // Statuses as the file writes them, each with what it means here.
    for (const s of upload.statuses) expect(s.category).not.toBe('unknown')

    const plan = {
      importId: upload.importId,
      mapping: upload.mapping,
      ticketTypes: missing.map((t) => ({ value: t.value, action: 'create' as const }))
    }
    const check = await call('import.check', plan, organizer)
    expect(check).toMatchObject({ ready: dataRowCount, issueCount: 0, skippedByStatus: 0 })
    const malformed = rows.filter((r) => !isEmailAddress(normaliseEmail(r.email))).length
    expect(check.issues.filter((i) => i.code === 'invalid_email').length).toBe(malformed)
    expect(check.issues.every((i) => i.severity === 'warning')).toBe(true)

    const result = await call('import.commit', { ...plan, duplicates: 'skip' }, organizer)
    expect(result).toMatchObject({ created: dataRowCount, merged: 0, skipped: 0, rejected: 0 })
    expect(result.createdTicketTypes.map((t) => t.name).sort()).toEqual(missing.map((t) => t.value).sort())

    const ticketNames = new Map((await call('ticketType.list', { eventId }, organizer)).map((t) => [t.id, t.name]))
    const { rows: people } = await call('attendee.list', { eventId, limit: 1000 }, organizer)
    const byBarcode = new Map(people.map((p) => [p.externalRef, p]))
    expect(people).toHaveLength(dataRowCount)
    for (const want of rows) {
      const got = byBarcode.get(want.barcode) as AttendeeRow
      const email = normaliseEmail(want.email)
      const valid = isEmailAddress(email)
      expect({
        name: [got.firstName, got.lastName],
        email: [got.email, got.invalidEmail],
        ticketType: ticketNames.get(got.ticketTypeId),
        status: got.status,
        attention: got.attention
      }).toEqual({
        name: [want.firstName, want.lastName],
        email: valid ? [email, null] : [null, want.email],
        ticketType: want.ticketType,
        status: want.status === 'cancelled' ? 'cancelled' : 'registered',
        // A pending registration (unpaid, waitlisted) is flagged for the door, with its status in the note.
        attention: want.specialAttention || want.status === 'pending'
      })
      if (want.comment) expect(got.doorNote).toContain(want.comment)
      if (want.status === 'pending') expect(got.doorNote).toContain(want.statusAsWritten.replace(/^Paid: /, ''))
    }

    // The other system's barcode or secret checks the person in (a cancelled ticket says so).
    const cancelled = rows.find((r) => r.status === 'cancelled')
    const admitted = rows.find((r) => r.status === 'registered')!
    expect((await call('checkin.byCode', { eventId, code: admitted.barcode, method: 'scan' }, organizer)).outcome).toBe('admitted')
    if (cancelled) expect((await call('checkin.byCode', { eventId, code: cancelled.barcode, method: 'scan' }, organizer)).outcome).toBe('cancelled')
  })
})

describe('a real export with the organizer choosing to skip statuses', () => {
  it('leaves out cancelled and pending registrations when told to', async () => {
    const desk = await deskWithEvent()
    desks.push(desk)
    const file = 'cvent-registration-report.csv'
    const { rows } = expected.files[file]!
    const upload = await desk.call('import.upload', { eventId: desk.eventId, fileName: file, base64: readFileSync(join(REAL, file)).toString('base64') }, desk.organizer)
    const plan = {
      importId: upload.importId,
      mapping: upload.mapping,
      ticketTypes: upload.ticketTypes.filter((t) => t.matchId === null).map((t) => ({ value: t.value, action: 'create' as const })),
      statuses: { cancelled: 'skip' as const, pending: 'skip' as const }
    }
    const kept = rows.filter((r) => r.status === 'registered').length
    expect(await desk.call('import.check', plan, desk.organizer)).toMatchObject({ ready: kept, skippedByStatus: rows.length - kept })
    expect(await desk.call('import.commit', { ...plan, duplicates: 'skip' }, desk.organizer)).toMatchObject({ created: kept, skippedByStatus: rows.length - kept })
  })

  it('maps a file ticket type to one the event has', async () => {
    const desk = await deskWithEvent()
    desks.push(desk)
    const file = 'pretix-checkin-list.csv'
    const upload = await desk.call('import.upload', { eventId: desk.eventId, fileName: file, base64: readFileSync(join(REAL, file)).toString('base64') }, desk.organizer)
    const plan = {
      importId: upload.importId,
      mapping: upload.mapping,
      ticketTypes: upload.ticketTypes.map((t) => ({ value: t.value, action: 'map' as const, ticketTypeId: desk.gaId }))
    }
    const result = await desk.call('import.commit', { ...plan, duplicates: 'skip' }, desk.organizer)
    expect(result).toMatchObject({ created: expected.files[file]!.dataRowCount, createdTicketTypes: [] })
    const { rows } = await desk.call('attendee.list', { eventId: desk.eventId, ticketTypeId: desk.gaId, limit: 1000 }, desk.organizer)
    expect(rows).toHaveLength(expected.files[file]!.dataRowCount)
  })
})
