/**
 * Real exports of other ticketing systems through the import screen
 * (tests/fixtures/import/real, see its README): one pass through the preview
 * imports every person with the right ticket type and status. The Eventbrite
 * attendee report with the suggested choices; pretix's combined order export
 * (three worksheets) with a worksheet picked, a ticket type mapped to one the
 * event has, one created under another name, cancelled rows skipped and a
 * capacity knowingly exceeded.
 */
import { readFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AttendeeRow } from '../../src/shared/contract/attendees'
import { isEmailAddress, normaliseEmail } from '../../src/shared/email'
import { startStation, type RunningStation } from '../support/station-process'
import { expect, shot, signIn, test } from './fixtures'

interface ExpectedRow {
  firstName: string
  lastName: string
  email: string
  ticketType: string
  barcode: string
  status: 'registered' | 'cancelled' | 'pending'
  specialAttention: boolean
}

const REAL = join(__dirname, '..', 'fixtures', 'import', 'real')
const expected = JSON.parse(readFileSync(join(REAL, 'expected.json'), 'utf8')) as {
  files: Record<string, { dataRowCount: number; rows: ExpectedRow[] }>
}

/** A fresh desk with one event holding General Admission and VIP (capacity `vipCapacity`). */
async function deskWithEvent(vipCapacity: number): Promise<{ station: RunningStation; dir: string; token: string; eventId: string; vipId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-import-real-'))
  const station = await startStation(dir)
  const { body: session } = await station.rpc('staff.setupFirstOrganizer', { name: 'Olga Organizer', pin: '1234' })
  const token = session.token as string
  const event = {
    name: 'Nordic Tech Summit', type: 'conference', startDate: '2026-11-23', endDate: '2026-11-24', timezone: 'Europe/Berlin', venue: 'Hall 1', capacity: null, status: 'live'
  }
  const eventId = (await station.rpc('event.create', event, token)).body.id as string
  const ticketType = { eventId, priceCents: 10000, currency: 'EUR', color: '#1e88e5' }
  await station.rpc('ticketType.create', { ...ticketType, code: 'GA', name: 'General Admission', capacity: null }, token)
  const vipId = (await station.rpc('ticketType.create', { ...ticketType, code: 'VIP', name: 'VIP', capacity: vipCapacity }, token)).body.id as string
  return { station, dir, token, eventId, vipId }
}

async function people(station: RunningStation, token: string, eventId: string): Promise<{ rows: AttendeeRow[]; ticketTypeName: Map<string, string> }> {
  const ticketTypes = (await station.rpc('ticketType.list', { eventId }, token)).body as { id: string; name: string }[]
  const { rows } = (await station.rpc('attendee.list', { eventId, limit: 1000 }, token)).body as { rows: AttendeeRow[] }
  return { rows, ticketTypeName: new Map(ticketTypes.map((t) => [t.id, t.name])) }
}

test('an Eventbrite attendee report: every person, ticket types made as suggested, cancelled rows as cancelled', async ({ page }) => {
  const file = 'eventbrite-attendee-report.csv'
  const { dataRowCount, rows } = expected.files[file]!
  const { station, dir, token, eventId } = await deskWithEvent(100)
  try {
    await signIn(page, station.url, 'Olga Organizer', '1234')
    await page.getByTestId('nav-import').click()
    await page.getByTestId('import-file').setInputFiles(join(REAL, file))
    // Parsed in a worker thread: on a loaded machine this can take a while.
    await expect(page.getByTestId('import-row-count')).toContainText(`${dataRowCount} rows`, { timeout: 60_000 })

    // The preview numbers its rows by their line in the file (header = line 1), as the problems do.
    const lines = await page.getByTestId('import-sample-line').allTextContents()
    expect(lines[0]).toBe('2')
    expect(lines.map(Number)).toEqual([...lines.map(Number)].sort((x, y) => x - y))

    // The file's ticket types: two found in the event, two to create (with their rows and suggested codes).
    const type = (value: string) => page.locator(`[data-testid=import-ticket-type][data-value="${value}"]`)
    await expect(page.getByTestId('import-ticket-type')).toHaveCount(4)
    await expect(type('General Admission')).toHaveAttribute('data-matched', 'true')
    await expect(type('VIP')).toHaveAttribute('data-matched', 'true')
    await expect(type('Early Bird')).toHaveAttribute('data-matched', 'false')
    await expect(type('Early Bird')).toContainText('9')
    await expect(type('Early Bird').getByTestId('import-tt-name')).toHaveValue('Early Bird')
    await expect(type('Early Bird').getByTestId('import-tt-code')).toHaveText('EARLY-BIRD')
    await expect(type('Speaker').getByTestId('import-tt-create')).toBeChecked()

    // Its statuses: Refunded, Not Attending and Canceled are cancellations, imported as such unless skipped.
    await expect(page.getByTestId('import-status-registered')).toContainText('Attending (31)')
    await expect(page.getByTestId('import-status-cancelled')).toContainText('Refunded (3)')
    await expect(page.getByTestId('import-cancelled-import')).toBeChecked()
    await page.getByTestId('import-check').click()
    const malformed = rows.filter((r) => !isEmailAddress(normaliseEmail(r.email))).length
    await expect(page.getByTestId('import-summary-ready')).toContainText(String(dataRowCount))
    await expect(page.getByTestId('import-summary-issueCount')).toContainText('0')
    await expect(page.getByTestId('import-summary-warningCount')).toContainText(String(malformed))
    await expect(page.locator('[data-testid=import-issue][data-severity=warning]')).toHaveCount(malformed)
    await expect(page.locator('[data-testid=import-issue][data-severity=error]')).toHaveCount(0)
    await shot(page, 'import-eventbrite-checked')

    await page.getByTestId('import-commit').click()
    await expect(page.getByTestId('import-result-created')).toContainText(String(dataRowCount))
    await expect(page.getByTestId('import-result-ticket-type')).toHaveText(['Early Bird (EARLY-BIRD)', 'Speaker (SPEAKER)'])
    await shot(page, 'import-eventbrite-done')

    const { rows: imported, ticketTypeName } = await people(station, token, eventId)
    const byBarcode = new Map(imported.map((p) => [p.externalRef, p]))
    expect(imported).toHaveLength(dataRowCount)
    for (const want of rows) {
      const got = byBarcode.get(want.barcode)!
      expect([got.firstName, got.lastName, ticketTypeName.get(got.ticketTypeId), got.status]).toEqual([
        want.firstName,
        want.lastName,
        want.ticketType,
        want.status === 'cancelled' ? 'cancelled' : 'registered'
      ])
    }
  } finally {
    await station.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a pretix order export: a worksheet picked, ticket types mapped and renamed, cancelled rows skipped, a capacity knowingly exceeded', async ({ page }) => {
  const file = 'pretix-orders-combined.xlsx'
  const { rows } = expected.files[file]!
  const { station, dir, token, eventId, vipId } = await deskWithEvent(5)
  try {
    await signIn(page, station.url, 'Olga Organizer', '1234')
    await page.getByTestId('nav-import').click()
    await page.getByTestId('import-file').setInputFiles(join(REAL, file))

    // The workbook has three worksheets: the attendees' one is read; another can be picked and back.
    const sheet = page.getByTestId('import-sheet')
    await expect(sheet).toHaveValue('Order positions', { timeout: 60_000 })
    await expect(sheet.locator('option')).toHaveText(['Orders', 'Order positions', 'Order fees'])
    await expect(page.getByTestId('import-row-count')).toContainText(`${rows.length} rows`)
    await sheet.selectOption('Orders')
    await expect(sheet).toHaveValue('Orders')
    await expect(page.getByTestId('import-row-count')).not.toContainText(`${rows.length} rows`)
    await sheet.selectOption('Order positions')
    await expect(page.getByTestId('import-row-count')).toContainText(`${rows.length} rows`)

    // "VIP pass" is the event's VIP; "Conference ticket" is created as "Conference"; the others as suggested.
    const type = (value: string) => page.locator(`[data-testid=import-ticket-type][data-value="${value}"]`)
    await type('VIP pass').getByTestId('import-tt-existing').selectOption(vipId)
    await expect(type('VIP pass').getByTestId('import-tt-map')).toBeChecked()
    await type('Conference ticket').getByTestId('import-tt-name').fill('Conference')
    await expect(type('Conference ticket').getByTestId('import-tt-code')).toHaveCount(0)

    // Pending orders are imported flagged for the door; cancelled and expired ones skipped.
    await expect(page.getByTestId('import-status-pending')).toContainText('pending (4)')
    await expect(page.getByTestId('import-status-cancelled')).toContainText('canceled (4)')
    await page.getByTestId('import-cancelled-skip').click()
    await page.getByTestId('import-check').click()
    const cancelled = rows.filter((r) => r.status === 'cancelled').length
    const kept = rows.filter((r) => r.status !== 'cancelled')
    await expect(page.getByTestId('import-summary-ready')).toContainText(String(kept.length))
    await expect(page.getByTestId('import-summary-skippedByStatus')).toContainText(String(cancelled))

    // VIP holds 5 places: the file's VIP passes would go past it; the import waits for "Import anyway".
    const vips = kept.filter((r) => r.ticketType === 'VIP pass').length
    await expect(page.getByTestId('import-over-capacity-type')).toHaveText(`VIP: 5 places, 0 registered, ${vips} more from this file`)
    await expect(page.getByTestId('import-commit')).toBeDisabled()
    await page.getByTestId('import-allow-over-capacity').check()
    await shot(page, 'import-pretix-checked')
    await page.getByTestId('import-commit').click()
    await expect(page.getByTestId('import-result-created')).toContainText(String(kept.length))
    await expect(page.getByTestId('import-result-skippedByStatus')).toContainText(String(cancelled))
    await expect(page.getByTestId('import-result-ticket-type')).toHaveText(['Conference (CONFERENCE)', 'Workshop day (WORKSHOP-DAY)', 'Speaker pass (SPEAKER-PASS)'])
    // Knowingly over capacity: listed as a conflict (with the file's own, such as one buyer's e-mail on several tickets).
    const conflicts = (await station.rpc('conflict.list', { eventId }, token)).body as { kind: string; members: { id: string }[] }[]
    expect(conflicts.filter((c) => c.kind === 'over_capacity').map((c) => c.members[0]!.id)).toEqual([vipId])
    await expect(page.getByTestId('header-conflicts')).toHaveAttribute('aria-label', `${conflicts.length} conflicts`)

    const rename = new Map([['VIP pass', 'VIP'], ['Conference ticket', 'Conference']])
    const { rows: imported, ticketTypeName } = await people(station, token, eventId)
    const byBarcode = new Map(imported.map((p) => [p.externalRef, p]))
    expect(imported).toHaveLength(kept.length)
    for (const want of kept) {
      const got = byBarcode.get(want.barcode)!
      expect([got.firstName, got.lastName, ticketTypeName.get(got.ticketTypeId), got.status, got.attention]).toEqual([
        want.firstName,
        want.lastName,
        rename.get(want.ticketType) ?? want.ticketType,
        'registered',
        want.specialAttention || want.status === 'pending'
      ])
    }
  } finally {
    await station.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
