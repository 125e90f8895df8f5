import { test as base, expect, type Page } from '@playwright/test'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStation, type RunningStation } from '../support/station-process'

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots')
mkdirSync(SCREENSHOTS, { recursive: true })

/**
 * `station`: an empty desk of the test's own (first run, first organizer), started per test.
 * `demoStation`: a desk with --demo data, one per worker and shared by every test file the
 * worker runs, so tests using it must not assume they are its only user.
 */
export const test = base.extend<{ station: RunningStation }, { demoStation: RunningStation }>({
  station: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-'))
      const station = await startStation(dir)
      await use(station)
      await station.stop()
      rmSync(dir, { recursive: true, force: true })
    },
    { scope: 'test' }
  ],
  demoStation: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-demo-'))
      const station = await startStation(dir, ['--demo'])
      await use(station)
      await station.stop()
      rmSync(dir, { recursive: true, force: true })
    },
    { scope: 'worker' }
  ]
})

export { expect }

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

/** Fails the test if the page ever opens a dialog (an XSS payload that ran would). */
export function forbidDialogs(page: Page): void {
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`)
  })
}

export async function signIn(page: Page, url: string, staffName: string, pin: string): Promise<void> {
  await page.goto(url)
  await page.getByTestId('signin-staff').filter({ hasText: staffName }).click()
  await page.getByTestId('signin-pin').fill(pin)
  await page.getByTestId('signin-submit').click()
  await expect(page.getByTestId('signout')).toBeVisible()
}

/** The checked-in number of a "1,234 / 2,000" counter, whatever the thousands separator. */
export function checkedIn(counterText: string): number {
  return Number(counterText.split('/')[0]!.replace(/\D/g, ''))
}

export async function organizerToken(station: RunningStation): Promise<string> {
  const options = (await station.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
  const organizer = options.find((s) => s.name === 'Demo Organizer')!
  return (await station.rpc('staff.signIn', { staffId: organizer.id, pin: '1234' })).body.token
}

export interface ListedAttendee {
  id: string
  code: string
  email: string
  company: string | null
  firstName: string
  lastName: string
}

/** Attendees of the demo event matching `filter` (attendee.list), as an organizer sees them. */
export async function listAttendees(station: RunningStation, filter: Record<string, unknown> = {}, limit = 1): Promise<ListedAttendee[]> {
  const token = await organizerToken(station)
  const events = (await station.rpc('event.list', {}, token)).body as { id: string; name: string }[]
  const demo = events.find((e) => e.name === 'EventDesk Demo Conference') ?? events[0]!
  const list = await station.rpc('attendee.list', { eventId: demo.id, limit, ...filter }, token)
  return list.body.rows as ListedAttendee[]
}

export async function firstAttendee(station: RunningStation, filter: Record<string, unknown> = {}): Promise<ListedAttendee> {
  return (await listAttendees(station, filter))[0]!
}
