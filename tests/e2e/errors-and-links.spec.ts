/**
 * One error, shown once, where the operator is looking; toasts that close by
 * themselves and give way to a later success or a language switch. Links to an
 * attendee or an event open them, for the roles that may see them, and stay
 * live (the query cache refreshes what the core says changed).
 */
import type { Page } from '@playwright/test'
import { expect, firstAttendee, listAttendees, organizerToken, shot, signIn, test } from './fixtures'

/** The same message anywhere on the page: how many times does the operator read it? */
function times(page: Page, text: string) {
  return page.getByText(text, { exact: false }).filter({ visible: true })
}

test('a walk-up error is shown once, at its field, and no toast repeats it', async ({ page, demoStation }) => {
  const someone = await firstAttendee(demoStation)
  await signIn(page, demoStation.url, 'Demo Desk', '2222')
  await page.getByTestId('walkup-open').click()
  await page.getByTestId('walkup-last-name').fill('Schmidt')
  await page.getByTestId('walkup-email').fill('no-address')
  await page.getByTestId('walkup-ticket-type').selectOption({ label: 'Student' })
  await page.getByTestId('walkup-submit').click()
  await expect(times(page, 'Enter a valid e-mail address.')).toHaveCount(1)
  await expect(page.getByTestId('walkup-email')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('notification')).toHaveCount(0)
  await expect(page.getByTestId('walkup-error')).toHaveCount(0)

  // The core's specific answer ("… is already registered") replaces the field's generic one.
  await page.getByTestId('walkup-email').fill(someone.email)
  await page.getByTestId('walkup-submit').click()
  await expect(times(page, 'is already registered with this e-mail')).toHaveCount(1)
  await expect(times(page, someone.code)).toHaveCount(1)
  await expect(page.getByTestId('notification')).toHaveCount(0)
  await shot(page, '21-walkup-error-once')
})

test('an error toast is one, closes by itself, and goes on success or a language switch', async ({ page, demoStation }) => {
  test.setTimeout(120_000)
  const [someone, another] = await listAttendees(demoStation, { checkedIn: false, status: 'registered' }, 2)
  await signIn(page, demoStation.url, 'Demo Desk', '2222')
  const search = page.getByTestId('desk-search')
  const checkIn = async (code: string) => {
    await search.fill(code)
    await search.press('Enter')
    await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
  }
  // A failed check-in shows on the outcome card; an undo that fails leaves the card (still true) and says so in a toast.
  const failing = async () => {
    await page.route('**/api/rpc/checkin.undo', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'x', key: 'internal' } }) })
    )
    for (let i = 0; i < 3; i++) await page.getByTestId('checkin-undo').click()
    await expect(page.getByTestId('notification')).toHaveCount(1)
    await expect(page.getByTestId('notification')).toHaveAttribute('data-kind', 'error')
    await page.unroute('**/api/rpc/checkin.undo')
  }

  // Three failures, one toast; the next check-in that works takes it away.
  await checkIn(someone!.code)
  await failing()
  await shot(page, '22-one-error-toast')
  await checkIn(another!.code)
  await expect(page.getByTestId('notification')).toHaveCount(0)

  // A language switch clears it (its text is in the old language).
  await failing()
  await page.getByTestId('language-select').selectOption('de')
  await expect(page.getByTestId('notification')).toHaveCount(0)
  await page.getByTestId('language-select').selectOption('en')

  // Left alone, it closes by itself.
  await failing()
  await expect(page.getByTestId('notification')).toHaveCount(0, { timeout: 9_000 })
})

test('links open an attendee or an event, for those who may see them, and stay live', async ({ browser, demoStation }) => {
  const someone = await firstAttendee(demoStation, { checkedIn: false, status: 'registered' })
  const page = await browser.newPage()
  await signIn(page, demoStation.url, 'Demo Organizer', '1234')
  await page.goto(`${demoStation.url}/#/attendees/${someone.id}`)
  await expect(page.getByTestId('detail-name')).toHaveText(`${someone.firstName} ${someone.lastName}`)
  await expect(page.getByTestId('nav-attendees')).toHaveAttribute('data-active', 'true')

  // Checked in at another desk: the open drawer follows without a reload.
  const other = await browser.newPage()
  await signIn(other, demoStation.url, 'Demo Scanner', '3333')
  await other.getByTestId('desk-search').fill(someone.code)
  await other.getByTestId('desk-search').press('Enter')
  await expect(other.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
  await expect(page.getByTestId('detail-checked-in')).toBeVisible()
  await expect(page.getByTestId('history-item').first()).toContainText('Checked in')

  // Closing the drawer goes back to the list.
  await page.keyboard.press('Escape')
  await expect(page).toHaveURL(/#\/attendees$/)

  // A scanner may not see attendees: the link leads to the desk.
  await other.goto(`${demoStation.url}/#/attendees/${someone.id}`)
  await expect(other.getByTestId('desk-search')).toBeVisible()
  await expect(other).toHaveURL(/#\/desk$/)
  await expect(other.getByTestId('attendee-detail')).toHaveCount(0)

  // Events: a new one, or a given one.
  await page.goto(`${demoStation.url}/#/event/new`)
  await expect(page.getByTestId('event-name')).toHaveValue('')
  const token = await organizerToken(demoStation)
  const events = (await demoStation.rpc('event.list', {}, token)).body as { id: string; name: string }[]
  await page.goto(`${demoStation.url}/#/event/${events[0]!.id}`)
  await expect(page.getByTestId('event-name')).toHaveValue(events[0]!.name)
  await page.close()
  await other.close()
})
