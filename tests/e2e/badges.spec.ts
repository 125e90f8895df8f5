/**
 * The badge screens in Chromium against a demo station: make a template, pick
 * the name element, change its font size, preview the event's longest name
 * (the live preview re-fits it), save; add a PDF printer played by a TCP
 * listener and print a test badge to it (a PDF arrives whose QR reads back);
 * queue a badge, see it printed, reprint it.
 */
import { decodePdf } from '../support/badge-tools'
import { FakePrinter } from '../support/fake-printer'
import { expect, forbidDialogs, shot, signIn, test } from './fixtures'

test('design a badge, preview the longest name, save, print a test badge and a queued one', async ({ page, demoStation }) => {
  forbidDialogs(page)
  const printer = await new FakePrinter().up(0)
  try {
    await signIn(page, demoStation.url, 'Demo Organizer', '1234')
    await page.evaluate(`window.location.hash = '#/badges'`)
    await expect(page.getByTestId('badges-screen')).toBeVisible()
    await page.getByTestId('badge-template-new').click()
    await expect(page.getByTestId('badge-editor')).toBeVisible()
    await expect(page.getByTestId('badge-preview')).toBeVisible()

    await page.getByTestId('badge-element').selectOption('name')
    await page.getByTestId('badge-prop-size').fill('40')
    await page.getByTestId('badge-longest').click()
    // The longest name of the demo event, fitted by the core: shrunk below 40 pt or on two lines.
    await expect(page.getByTestId('badge-fit')).toBeVisible()
    await expect.poll(async () => (await page.getByTestId('preview-text-name').locator('text').count()) >= 1).toBe(true)
    await shot(page, 'badges-editor-longest')
    await page.getByTestId('badge-template-name').fill('Conference badge')
    await page.getByTestId('badge-template-save').click()
    await expect(page.getByTestId('badge-template-row').filter({ hasText: 'Conference badge' })).toBeVisible()

    await page.getByTestId('badges-tab-printers').click()
    await page.getByTestId('printer-name').fill('Laser (test)')
    // A PDF printer on raw TCP: the listener receives the PDF.
    await page.getByTestId('printer-transport').selectOption('tcp')
    await page.getByTestId('printer-address').fill(printer.address)
    await page.getByTestId('printer-add').click()
    await expect(page.getByTestId('printer-row')).toBeVisible()
    await shot(page, 'badges-printers')
    await page.getByTestId('printer-test').click()
    await expect.poll(() => printer.jobs.length, { timeout: 15_000 }).toBe(1)
    const pdf = printer.jobs[0]!
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(decodePdf(new Uint8Array(pdf))).toEqual([['K7PX3M']])

    // Queue a real attendee's badge through the API (as the attendee panel will), then reprint it from the queue.
    const organizer = ((await demoStation.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]).find((s) => s.name === 'Demo Organizer')!
    const session = (await demoStation.rpc('staff.signIn', { staffId: organizer.id, pin: '1234' })).body.token as string
    const events = (await demoStation.rpc('event.list', {}, session)).body as { id: string }[]
    const attendee = ((await demoStation.rpc('attendee.list', { eventId: events[0]!.id, limit: 1 }, session)).body as { rows: { id: string; code: string }[] }).rows[0]!
    const printers = (await demoStation.rpc('printer.list', {}, session)).body as { id: string }[]
    expect((await demoStation.rpc('print.badge', { attendeeId: attendee.id, printerId: printers[0]!.id }, session)).status).toBe(200)
    await page.getByTestId('badges-tab-queue').click()
    await expect(page.getByTestId('print-job').first()).toHaveAttribute('data-status', 'done', { timeout: 15_000 })
    await page.getByTestId('print-reprint').first().click()
    await expect(page.getByTestId('print-job')).toHaveCount(2)
    await expect(page.getByTestId('print-job').first()).toHaveAttribute('data-status', 'done', { timeout: 15_000 })
    await expect.poll(() => printer.jobs.length, { timeout: 15_000 }).toBe(3)
    expect(decodePdf(new Uint8Array(printer.jobs[2]!))).toEqual([[attendee.code]])
    await shot(page, 'badges-queue')
  } finally {
    await printer.down()
  }
})
