/**
 * The registration desk end to end, in Chromium against a real station on an
 * empty data dir: first-run sign-up, event and ticket types, CSV import
 * through the UI, search, check-in, undo, code entry, walk-up, export.
 */
import ExcelJS from 'exceljs'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkedIn, expect, forbidDialogs, shot, test } from './fixtures'

const XSS = '<img src=x onerror=alert(1)>'

function attendeeCsv(): string {
  const lines = ['Vorname;Nachname;E-Mail;Firma']
  lines.push('Jürgen;Groß;juergen@example.de;Nordlicht GmbH')
  lines.push(`Xavier;${XSS};xss@example.com;"=HYPERLINK(""http://evil.example"")"`)
  for (let i = 0; i < 298; i++) lines.push(`Person${i};Müller${i};p${i}@example.com;Firma ${i % 7}`)
  return lines.join('\r\n')
}

test('a desk from first run to export', async ({ page, station }) => {
  forbidDialogs(page)
  await page.goto(station.url)

  // First run: the first organizer signs up.
  await page.getByTestId('setup-name').fill('Olga Organizer')
  await page.getByTestId('setup-pin').fill('1234')
  await page.getByTestId('setup-pin-confirm').fill('1234')
  await shot(page, '01-first-run')
  await page.getByTestId('setup-submit').click()
  await expect(page.getByTestId('signout')).toBeVisible()

  // Event set-up with two ticket types.
  await page.getByTestId('nav-event').click()
  await page.getByTestId('event-name').fill('Nordic Tech Summit')
  await page.getByTestId('event-type').selectOption('conference')
  await page.getByTestId('event-start').fill('2026-11-23')
  await page.getByTestId('event-end').fill('2026-11-24')
  await page.getByTestId('event-timezone').fill('Europe/Berlin')
  await page.getByTestId('event-venue').fill('Hall 1')
  await page.getByTestId('event-status').selectOption('live')
  await page.getByTestId('event-save').click()
  for (const [code, name, price] of [['GA', 'General Admission', '99'], ['VIP', 'VIP', '450']]) {
    await page.getByTestId('tt-code').fill(code!)
    await page.getByTestId('tt-name').fill(name!)
    await page.getByTestId('tt-price').fill(price!)
    await page.getByTestId('tt-save').click()
    await expect(page.getByText(name!, { exact: true }).first()).toBeVisible()
  }
  await expect(page.getByTestId('event-select')).toContainText('Nordic Tech Summit')
  await shot(page, '02-event-setup')

  // Name this desk, so outcomes say where someone was checked in.
  await page.getByTestId('nav-staff').click()
  await page.getByTestId('desk-name').fill('Entrance A')
  await page.getByTestId('desk-name-save').click()
  await expect(page.getByText('Entrance A').first()).toBeVisible()

  // Import a German semicolon CSV in Windows-1252 through the UI.
  const csvPath = join(tmpdir(), `eventdesk-e2e-${process.pid}.csv`)
  writeFileSync(csvPath, Buffer.from(attendeeCsv(), 'latin1'))
  await page.getByTestId('nav-import').click()
  await page.getByTestId('import-file').setInputFiles(csvPath)
  await expect(page.getByTestId('map-firstName')).toBeVisible()
  await expect(page.getByTestId('map-lastName')).toHaveValue('1')
  await expect(page.getByTestId('map-email')).toHaveValue('2')
  await page.getByTestId('import-check').click()
  await expect(page.getByTestId('import-summary')).toContainText('300')
  await shot(page, '03-import-checked')
  await page.getByTestId('import-commit').click()
  await expect(page.getByTestId('import-result')).toContainText('300')
  await shot(page, '04-import-done')

  // Search as you type, accent-insensitive, and check in from the result.
  await page.getByTestId('nav-desk').click()
  const search = page.getByTestId('desk-search')
  await search.fill('jurgen gross')
  await expect(page.getByTestId('desk-result')).toHaveCount(1)
  await expect(page.getByTestId('desk-result')).toContainText('Groß')
  await page.getByTestId('desk-checkin').first().click()
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
  await expect.poll(async () => checkedIn((await page.getByTestId('counter-checked-in').textContent()) ?? '')).toBe(1)
  await shot(page, '05-checked-in')

  // Undo puts the counter back.
  await page.getByTestId('checkin-undo').click()
  await expect.poll(async () => checkedIn((await page.getByTestId('counter-checked-in').textContent()) ?? '')).toBe(0)

  // Hostile text shows as text.
  await search.fill('xavier')
  await expect(page.getByTestId('desk-result')).toContainText(XSS)
  await shot(page, '06-xss-as-text')

  // Typing (or scanning) a code and Enter checks in directly; a second time says "already".
  const codeCell = await page.getByTestId('desk-result').first().getByTestId('desk-result-code').textContent()
  const code = codeCell!.trim()
  await search.fill(code)
  await search.press('Enter')
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
  await search.fill(code.toLowerCase())
  await search.press('Enter')
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'already_checked_in')
  await expect(page.getByTestId('checkin-previous')).toContainText('Entrance A')
  await expect(page.getByTestId('checkin-previous')).toContainText('Olga Organizer')
  await shot(page, '07-already-checked-in')
  await search.fill('ZZZZZZ')
  await search.press('Enter')
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'unknown_code')

  // Walk-up: registered, paid and checked in in one go.
  await page.getByTestId('walkup-open').click()
  await page.getByTestId('walkup-first-name').fill('Walk')
  await page.getByTestId('walkup-last-name').fill('Inn')
  await page.getByTestId('walkup-email').fill('walk.inn@example.com')
  await page.getByTestId('walkup-ticket-type').selectOption({ label: 'General Admission' })
  await page.getByTestId('walkup-payment').selectOption('card')
  await shot(page, '08-walk-up')
  await page.getByTestId('walkup-submit').click()
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
  await expect(page.getByTestId('checkin-outcome')).toContainText('Walk')

  // The list, filtered, exported to XLSX; the file reads back.
  await page.getByTestId('nav-attendees').click()
  await expect(page.getByTestId('attendees-total')).toContainText('301')
  await page.getByTestId('attendees-checked-in').selectOption('yes')
  await expect(page.getByTestId('attendees-total')).toContainText('2')
  await shot(page, '09-attendees-filtered')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()])
  const file = join(tmpdir(), `eventdesk-e2e-${process.pid}.xlsx`)
  await download.saveAs(file)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer)
  expect(book.worksheets[0]!.rowCount).toBe(3) // header + the two checked-in people
})
