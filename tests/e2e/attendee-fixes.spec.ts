/**
 * What an import leaves for the organizer, fixed from the attendee list and
 * drawer: e-mails that are no address (a filter, discard), people flagged for
 * the door (a filter, the switch and the door note, shown at check-in), a move
 * or a reinstatement into a full ticket type (an organizer may go over
 * capacity, a desk operator may not); and the audit naming the row and the
 * amount in its currency, in the chosen language's format.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AttendeeRow } from '../../src/shared/contract/attendees'
import { startStation } from '../support/station-process'
import { expect, shot, signIn, test } from './fixtures'
import { setLanguage } from './layout-tools'

const REAL = join(__dirname, '..', 'fixtures', 'import', 'real')
const FILE = 'pretix-checkin-list.csv'
const expected = JSON.parse(readFileSync(join(REAL, 'expected.json'), 'utf8')) as {
  files: Record<string, { rows: { firstName: string; lastName: string; email: string; status: string; specialAttention: boolean; comment: string }[] }>
}

test.describe.configure({ timeout: 300_000 })

test('invalid e-mails, door attention, over capacity and the audit, fixed and read from the screens', async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-fixes-'))
  const station = await startStation(dir)
  try {
    // A desk with the pretix check-in list imported (ticket types created as the file names them).
    const { body: session } = await station.rpc('staff.setupFirstOrganizer', { name: 'Olga Organizer', pin: '1234' })
    const token = session.token as string
    const event = { name: 'Nordic Tech Summit', type: 'conference', startDate: '2026-11-23', endDate: '2026-11-24', timezone: 'Europe/Berlin', venue: null, capacity: null, status: 'live' }
    const eventId = (await station.rpc('event.create', event, token)).body.id as string
    await station.rpc('staff.create', { name: 'Dana Desk', role: 'desk', pin: '2222' }, token)
    const upload = (await station.rpc('import.upload', { eventId, fileName: FILE, base64: readFileSync(join(REAL, FILE)).toString('base64') }, token)).body
    const plan = { importId: upload.importId, mapping: upload.mapping, ticketTypes: upload.ticketTypes.map((t: { value: string }) => ({ value: t.value, action: 'create' })) }
    expect((await station.rpc('import.commit', { ...plan, duplicates: 'skip' }, token)).status).toBe(200)
    const rows = expected.files[FILE]!.rows
    const all = ((await station.rpc('attendee.list', { eventId, limit: 1000 }, token)).body as { rows: AttendeeRow[] }).rows

    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } })
    await signIn(page, station.url, 'Olga Organizer', '1234')
    await page.getByTestId('nav-attendees').click()
    const total = page.getByTestId('attendees-total')
    await expect(total).toContainText(`${rows.length} attendees`)

    // E-mails that are no address: listed by the filter, shown in the drawer, discarded.
    const invalid = all.filter((a) => a.invalidEmail !== null)
    expect(invalid.length).toBe(3)
    await page.getByTestId('attendees-invalid-email').check()
    await expect(total).toContainText(`${invalid.length} attendees`)
    await expect(page.getByTestId('attendee-invalid-email')).toHaveCount(invalid.length)
    await page.getByTestId('attendee-row').filter({ hasText: 'anna@@example.com' }).click()
    await expect(page.getByTestId('detail-invalid-email')).toContainText('anna@@example.com')
    await shot(page, 'attendee-invalid-email')
    await page.getByTestId('detail-invalid-email-discard').click()
    await expect(page.getByTestId('detail-invalid-email')).toHaveCount(0)
    await page.keyboard.press('Escape')
    await expect(total).toContainText(`${invalid.length - 1} attendees`)
    await page.getByTestId('attendees-invalid-email').uncheck()

    // Flagged for the door: the filter, the switch and the note; an edited note shows at check-in.
    const flagged = rows.filter((r) => r.specialAttention || r.status === 'pending')
    await page.getByTestId('attendees-attention').check()
    await expect(total).toContainText(`${flagged.length} attendees`)
    const ayse = all.find((a) => a.firstName === 'Ayşe')!
    await page.getByTestId('attendee-row').filter({ hasText: 'Öztürk' }).click()
    await expect(page.getByTestId('detail-attention')).toBeChecked()
    await expect(page.getByTestId('detail-door-note')).toHaveValue(/Sign-language interpreter/)
    await page.getByTestId('detail-door-note').fill('Sign-language interpreter waits at the side door')
    await page.getByTestId('detail-save').click()
    await expect(page.getByTestId('detail-history')).toContainText('side door')
    await page.keyboard.press('Escape')
    await page.getByTestId('attendees-attention').uncheck()
    await page.getByTestId('nav-desk').click()
    await page.getByTestId('desk-search').fill(ayse.code)
    await page.getByTestId('desk-search').press('Enter')
    const outcome = page.getByTestId('checkin-outcome')
    await expect(outcome).toHaveAttribute('data-outcome', 'admitted')
    await expect(outcome.getByTestId('checkin-attention')).toContainText('Needs attention')
    await expect(outcome.getByTestId('checkin-door-note')).toHaveText('Sign-language interpreter waits at the side door')
    await shot(page, 'checkin-attention')
    // Turned off, the flag is gone from the list's filter.
    await page.getByTestId('checkin-outcome-name').click()
    await page.getByTestId('detail-attention').uncheck({ force: true })
    await page.getByTestId('detail-save').click()
    await expect(page.getByTestId('detail-history')).toContainText('Needs attention')
    await page.keyboard.press('Escape')

    // A full ticket type: an organizer may go over its capacity, for a move and for a reinstatement.
    const tiny = (await station.rpc('ticketType.create', { eventId, code: 'TINY', name: 'Tiny room', priceCents: 0, currency: 'EUR', capacity: 1, color: '#e53935' }, token)).body as { id: string }
    const [first, second] = all.filter((a) => a.status === 'registered' && a.id !== ayse.id) as [AttendeeRow, AttendeeRow]
    await station.rpc('attendee.update', { id: first.id, fields: { ...fieldsOf(first), ticketTypeId: tiny.id } }, token)
    await page.evaluate(`window.location.hash = '#/attendees/${second.id}'`)
    await page.getByTestId('detail-ticket-type').selectOption(tiny.id)
    await page.getByTestId('detail-save').click()
    await expect(page.getByTestId('over-capacity-confirm')).toContainText('Tiny room is full (1 of 1)')
    await shot(page, 'attendee-over-capacity')
    await page.getByTestId('over-capacity-go').click()
    await expect(page.getByTestId('over-capacity-confirm')).toHaveCount(0)
    await expect(page.getByTestId('attendee-detail').getByTestId('ticket-badge')).toHaveText('Tiny room')
    await page.getByTestId('detail-cancel').click()
    await page.getByTestId('detail-cancel-confirm').click()
    await page.getByTestId('detail-reinstate').click()
    await expect(page.getByTestId('over-capacity-confirm')).toContainText('Tiny room is full')
    await page.getByTestId('over-capacity-go').click()
    await expect(page.getByTestId('attendee-detail').getByTestId('status-badge')).toHaveAttribute('data-status', 'registered')
    // Recorded as a conflict, counted in the header (with the file's own conflicts, such as one e-mail on two orders).
    const conflicts = (await station.rpc('conflict.list', { eventId }, token)).body as { kind: string; members: { id: string }[] }[]
    expect(conflicts.filter((c) => c.kind === 'over_capacity').map((c) => c.members[0]!.id)).toEqual([tiny.id])
    await expect(page.getByTestId('header-conflicts')).toHaveAttribute('aria-label', `${conflicts.length} conflicts`)
    await page.keyboard.press('Escape')

    // A desk operator is told the ticket type is full, and offered no way past it.
    const desk = await browser.newPage({ viewport: { width: 1366, height: 860 } })
    await signIn(desk, station.url, 'Dana Desk', '2222')
    const third = all.find((a) => a.status === 'registered' && a.id !== ayse.id && a.id !== first.id && a.id !== second.id)!
    await desk.evaluate(`window.location.hash = '#/desk/${third.id}'`)
    await desk.getByTestId('detail-ticket-type').selectOption(tiny.id)
    await desk.getByTestId('detail-save').click()
    await expect(desk.getByTestId('detail-form')).toContainText('Tiny room is full')
    await expect(desk.getByTestId('over-capacity-confirm')).toHaveCount(0)

    // The audit names the row changed and writes the amount paid in its currency, as the language writes money.
    const walkUp = { eventId, firstName: 'Paula', lastName: 'Payer', email: null, company: null, ticketTypeId: tiny.id, paymentMethod: 'cash', amountCents: 1250, allowOverCapacity: true }
    const paula = (await station.rpc('attendee.register', walkUp, token)).body as AttendeeRow
    await page.getByTestId('nav-audit').click()
    const entry = page.getByTestId('audit-entry').filter({ hasText: 'Paula Payer' }).first()
    await expect(entry.getByTestId('audit-subject')).toHaveText(`Paula Payer (${paula.code})`)
    await expect(entry.getByTestId('audit-values')).toContainText('€12.50')
    await expect(page.getByTestId('audit-entry').filter({ hasText: 'Ayşe Öztürk' }).first().getByTestId('audit-subject')).toContainText(ayse.code)
    await setLanguage(page, 'de')
    await expect(page.getByTestId('audit-entry').filter({ hasText: 'Paula Payer' }).first().getByTestId('audit-values')).toContainText('12,50 €')
    await shot(page, 'audit-subject-amount-de')
  } finally {
    await station.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})

function fieldsOf(a: AttendeeRow) {
  const { firstName, lastName, email, company, jobTitle, phone, ticketTypeId, preferredLanguage, notes } = a
  return { firstName, lastName, email, company, jobTitle, phone, ticketTypeId, preferredLanguage, notes }
}
