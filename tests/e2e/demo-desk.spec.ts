/** The demo desk: sign-in with PINs, live counters across two browsers, German UI, scan-only staff. */
import { checkedIn, expect, forbidDialogs, shot, signIn, test } from './fixtures'

test('counters update live when another desk checks someone in', async ({ browser, demoStation }) => {
  const deskA = await browser.newPage()
  const deskB = await browser.newPage()
  forbidDialogs(deskA)
  await signIn(deskA, demoStation.url, 'Demo Desk', '2222')
  await signIn(deskB, demoStation.url, 'Demo Organizer', '1234')
  const counter = deskA.getByTestId('counter-checked-in')
  await expect(counter).toContainText('/')
  const before = (await counter.textContent())!

  await deskB.getByTestId('nav-attendees').click()
  await deskB.getByTestId('attendees-checked-in').selectOption('no')
  await deskB.getByTestId('attendee-row').first().click()
  await expect(deskB.getByTestId('attendee-detail')).toBeVisible()
  await deskB.getByTestId('detail-checkin').click()

  // Desk A never reloads: the change arrives over socket.io.
  await expect(counter).not.toHaveText(before)
  expect(checkedIn((await counter.textContent())!)).toBe(checkedIn(before) + 1)
  await shot(deskA, '10-live-counter')
  await deskA.close()
  await deskB.close()
})

test('the desk speaks German when asked', async ({ page, demoStation }) => {
  await signIn(page, demoStation.url, 'Demo Desk', '2222')
  await page.getByTestId('desk-search').fill('muller')
  await expect(page.getByTestId('desk-result').first()).toBeVisible()
  await shot(page, '11-desk')
  const english = await page.getByTestId('nav-desk').textContent()
  await page.getByTestId('language-select').selectOption('de')
  await expect(page.getByTestId('nav-desk')).not.toHaveText(english!)
  await shot(page, '11-desk-german')
  // The core's validation messages arrive translated too.
  await page.getByTestId('walkup-open').click()
  await page.getByTestId('walkup-last-name').fill('Schmidt')
  await page.getByTestId('walkup-email').fill('keine-adresse')
  await page.getByTestId('walkup-ticket-type').selectOption({ label: 'Student' })
  await page.getByTestId('walkup-submit').click()
  await expect(page.getByText('Bitte eine gültige E-Mail-Adresse angeben.').first()).toBeVisible()
  await shot(page, '11b-walkup-german-error')
  await page.keyboard.press('Escape')
  await page.getByTestId('language-select').selectOption('en')
})

test('scan-only staff get the code field and never the attendee list', async ({ page, demoStation }) => {
  await signIn(page, demoStation.url, 'Demo Scanner', '3333')
  await expect(page.getByTestId('desk-search')).toBeVisible()
  await expect(page.getByTestId('nav-attendees')).toHaveCount(0)
  await page.getByTestId('desk-search').fill('mul')
  await page.waitForTimeout(300)
  await expect(page.getByTestId('desk-result')).toHaveCount(0)
  await page.getByTestId('desk-search').fill('ZZZZZZ')
  await page.getByTestId('desk-search').press('Enter')
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'unknown_code')
  await shot(page, '12-scanner')
})

test('a wrong PIN is refused with a message', async ({ page, demoStation }) => {
  await page.goto(demoStation.url)
  await page.getByTestId('signin-staff').filter({ hasText: 'Demo Organizer' }).click()
  await page.getByTestId('signin-pin').fill('9999')
  await page.getByTestId('signin-submit').click()
  await expect(page.getByText('Wrong name or PIN.')).toBeVisible()
  await expect(page.getByTestId('signout')).toHaveCount(0)
  await page.getByTestId('language-select').selectOption('de')
  await page.getByTestId('signin-pin').fill('8888')
  await page.getByTestId('signin-submit').click()
  await expect(page.getByText('Falscher Name oder falsche PIN.')).toBeVisible()
  await page.getByTestId('language-select').selectOption('en')
})

test('a typed surname that could be a code shows the people instead of "unknown code"', async ({ page, demoStation }) => {
  await signIn(page, demoStation.url, 'Demo Desk', '2222')
  const search = page.getByTestId('desk-search')
  await search.fill('tanaka') // six letters of the code alphabet, and a surname in the demo
  await search.press('Enter')
  await expect(page.getByTestId('desk-result').first()).toContainText('Tanaka')
  await expect(page.getByTestId('checkin-outcome')).toHaveCount(0)
  await expect(search).toHaveValue('tanaka')
  // The real code of a Tanaka who is not in yet still checks in straight away.
  const notIn = page.getByTestId('desk-result').filter({ hasText: 'Tanaka' }).filter({ hasNot: page.getByTestId('desk-result-checked-in') })
  const code = (await notIn.first().getByTestId('desk-result-code').textContent())!.trim()
  await search.fill(code)
  await search.press('Enter')
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
})

test('an organizer fixes a typo, cancels a registration, and reads it all in the audit', async ({ page, demoStation }) => {
  forbidDialogs(page)
  await signIn(page, demoStation.url, 'Demo Organizer', '1234')
  await page.getByTestId('nav-attendees').click()
  await page.getByTestId('attendees-checked-in').selectOption('no')
  await page.getByTestId('attendee-row').first().click()
  const detail = page.getByTestId('attendee-detail')
  await expect(detail).toBeVisible()
  await page.getByTestId('detail-company').fill('Typo Fixed GmbH')
  await page.getByTestId('detail-save').click()
  await expect(page.getByTestId('detail-history')).toContainText('Typo Fixed GmbH')
  await page.getByTestId('detail-cancel').click()
  await page.getByTestId('detail-cancel-confirm').click()
  await expect(page.getByTestId('detail-reinstate')).toBeVisible()
  await shot(page, '15-attendee-detail')
  await page.keyboard.press('Escape')

  // The desk now says "cancelled" for that person.
  await page.getByTestId('nav-desk').click()
  await page.getByTestId('desk-search').fill('Typo Fixed')
  await expect(page.getByTestId('desk-result')).toHaveCount(1)
  await page.getByTestId('desk-checkin').click()
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'cancelled')

  // The audit shows both changes with who made them.
  await page.getByTestId('nav-audit').click()
  const entries = page.getByTestId('audit-entry')
  await expect(entries.first()).toContainText('Demo Organizer')
  await expect(page.getByTestId('audit-list')).toContainText('Typo Fixed GmbH')
  await shot(page, '16-audit')
})
