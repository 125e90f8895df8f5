/**
 * The desk under a queue: a wedge scanner's burst (keys within milliseconds,
 * then Enter) checks in whatever has focus — the Walk-up button after a walk-up,
 * the event picker, a modal's field, leftover search text — and a person typing
 * in a form is never taken for a scanner.
 */
import type { Page } from '@playwright/test'
import type { RunningStation } from '../support/station-process'
import { expect, listAttendees, organizerToken, signIn, test, type ListedAttendee } from './fixtures'

/** Milliseconds between a scanner's keys (a USB wedge sends one every few). */
const SCANNER_GAP_MS = 8

/**
 * A keyboard-wedge scanner: the whole code, then Enter, stamped a few ms apart
 * the way the OS stamps a scanner's keys — so a busy test machine, slow to
 * deliver them, does not turn the scanner into a slow typist.
 */
async function scan(page: Page, code: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  const start = Date.now() / 1000
  const keys = [...code].map((c) => ({ key: c, text: c, code: /\d/.test(c) ? `Digit${c}` : `Key${c.toUpperCase()}`, vk: c.toUpperCase().charCodeAt(0) }))
  keys.push({ key: 'Enter', text: '\r', code: 'Enter', vk: 13 })
  // Sent in one go, as a scanner's keys arrive: not one round trip per key.
  await Promise.all(
    keys.flatMap((k, i) => {
      const timestamp = start + (i * SCANNER_GAP_MS) / 1000
      return [
        cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: k.key, code: k.code, text: k.text, unmodifiedText: k.text, windowsVirtualKeyCode: k.vk, timestamp }),
        cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: k.key, code: k.code, windowsVirtualKeyCode: k.vk, timestamp: timestamp + 0.002 })
      ]
    })
  )
  await cdp.detach()
}

/** Signed in, on the desk, its search field there. */
async function openDesk(page: Page, station: RunningStation, who: 'Demo Desk' | 'Demo Scanner' = 'Demo Desk'): Promise<void> {
  await signIn(page, station.url, who, who === 'Demo Desk' ? '2222' : '3333')
  await expect(page.getByTestId('desk-search')).toBeFocused()
}

/** People nobody has checked in yet, a different one for each use. */
let pool: ListedAttendee[] = []
async function nextPerson(station: RunningStation): Promise<ListedAttendee> {
  if (pool.length === 0) pool = await listAttendees(station, { checkedIn: false, status: 'registered' }, 40)
  return pool.shift()!
}

async function expectAdmitted(page: Page, person: ListedAttendee): Promise<void> {
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
  await expect(page.getByTestId('checkin-outcome-name')).toContainText(person.lastName)
}

/** A second event, starting after the demo one: returns the demo event (on today). */
async function withLaterEvent(station: RunningStation): Promise<{ id: string; name: string }> {
  const token = await organizerToken(station)
  const events = (await station.rpc('event.list', {}, token)).body as { id: string; name: string }[]
  if (!events.some((e) => e.name === 'Nordic Dev Days')) {
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    const created = await station.rpc(
      'event.create',
      { name: 'Nordic Dev Days', type: 'conference', startDate: later, endDate: later, timezone: 'Europe/Oslo', venue: null, capacity: null, status: 'published' },
      token
    )
    expect(created.status).toBe(200)
  }
  return events.find((e) => e.name === 'EventDesk Demo Conference')!
}

test('the desk opens on the event on today, not the latest-starting one', async ({ page, demoStation }) => {
  const demo = await withLaterEvent(demoStation)
  await openDesk(page, demoStation)
  await expect(page.getByTestId('event-select')).toHaveValue(demo.id)
})

test.describe('wedge scanner', () => {
  test('after a walk-up, with focus left on the Walk-up button, a scan checks in and does not reopen the form', async ({ page, demoStation }) => {
    const person = await nextPerson(demoStation)
    await openDesk(page, demoStation)
    await page.getByTestId('walkup-open').click()
    await page.getByTestId('walkup-last-name').fill('Walkup')
    await page.getByTestId('walkup-ticket-type').selectOption({ label: 'Student' })
    await page.getByTestId('walkup-submit').click()
    await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
    await expect(page.getByTestId('walkup-form')).toHaveCount(0)
    await page.getByTestId('walkup-open').focus()

    await scan(page, person.code)
    await expectAdmitted(page, person)
    await expect(page.getByTestId('walkup-form')).toHaveCount(0)
  })

  test('with focus on the event picker, a scan checks in and leaves the event alone', async ({ page, demoStation }) => {
    const demo = await withLaterEvent(demoStation)
    // Someone whose code starts with N: the picker's type-ahead would jump to "Nordic Dev Days".
    const person = (await listAttendees(demoStation, { checkedIn: false, status: 'registered' }, 1000)).find(
      (a) => a.code.startsWith('N') && !pool.some((p) => p.id === a.id)
    )!
    await openDesk(page, demoStation)
    const picker = page.getByTestId('event-select')
    await picker.selectOption(demo.id)
    await picker.focus()

    await scan(page, person.code)
    await expectAdmitted(page, person)
    await expect(picker).toHaveValue(demo.id)
  })

  test('leftover search text does not swallow a scan', async ({ page, demoStation }) => {
    const person = await nextPerson(demoStation)
    await openDesk(page, demoStation)
    await page.getByTestId('desk-search').fill('nobodyxyz')
    await scan(page, person.code)
    await expectAdmitted(page, person)
  })

  test('a scan while the walk-up form is open checks in and keeps what was typed in the form', async ({ page, demoStation }) => {
    const person = await nextPerson(demoStation)
    await openDesk(page, demoStation)
    await page.getByTestId('walkup-open').click()
    await page.getByTestId('walkup-first-name').pressSequentially('Ann', { delay: 120 })

    await scan(page, person.code)
    await expectAdmitted(page, person)
    await page.getByTestId('walkup-open').click()
    await expect(page.getByTestId('walkup-first-name')).toHaveValue('Ann')
  })

  test('a scanner at the door: focus on a select, the scan still checks in', async ({ page, demoStation }) => {
    const person = await nextPerson(demoStation)
    await openDesk(page, demoStation, 'Demo Scanner')
    await page.getByTestId('language-select').focus()
    await scan(page, person.code)
    await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
    await expect(page.getByTestId('checkin-outcome-name')).toContainText(person.lastName)
    await expect(page.getByTestId('language-select')).toHaveValue('en')
  })

  test('a person typing a code into a form at human speed is not a scan', async ({ page, demoStation }) => {
    const person = await nextPerson(demoStation)
    await openDesk(page, demoStation)
    const checkins: string[] = []
    page.on('request', (req) => {
      if (/checkin\.(byCode|byAttendee|walkUp)$/.test(req.url())) checkins.push(req.url())
    })
    await page.getByTestId('walkup-open').click()
    const company = page.getByTestId('walkup-company')
    await company.click()
    await page.keyboard.type(person.code, { delay: 120 })
    await page.keyboard.press('Enter')
    // The form's own Enter: no name yet, so it says so and stays open with the text as typed.
    await expect(page.getByTestId('walkup-form')).toBeVisible()
    await expect(company).toHaveValue(person.code)
    await page.waitForTimeout(300)
    expect(checkins).toEqual([])
    await expect(page.getByTestId('checkin-outcome')).toHaveCount(0)
  })
})

test.describe('the outcome card', () => {
  test('shows the scan pending at once, and a slow earlier answer never overwrites a later scan', async ({ page, demoStation }) => {
    const first = await nextPerson(demoStation)
    const second = await nextPerson(demoStation)
    await openDesk(page, demoStation)
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/rpc/checkin.byCode', async (route) => {
      if (route.request().postData()?.includes(first.code)) await held
      await route.continue()
    })
    const card = page.getByTestId('checkin-outcome')
    await scan(page, first.code)
    await expect(card).toHaveAttribute('data-outcome', 'pending')
    await expect(card).toContainText(first.code)

    await scan(page, second.code)
    await expectAdmitted(page, second)
    const firstAnswer = page.waitForResponse((res) => res.url().endsWith('/checkin.byCode') && res.request().postData()!.includes(first.code))
    release()
    await firstAnswer
    await page.waitForTimeout(300)
    await expectAdmitted(page, second)
  })

  test('an error replaces the card, so the previous green never stays up', async ({ page, demoStation }) => {
    const first = await nextPerson(demoStation)
    const second = await nextPerson(demoStation)
    await openDesk(page, demoStation)
    await scan(page, first.code)
    await expectAdmitted(page, first)
    await page.route('**/api/rpc/checkin.byCode', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'x', key: 'internal' } }) })
    )
    await scan(page, second.code)
    const card = page.getByTestId('checkin-outcome')
    await expect(card).toHaveAttribute('data-outcome', 'error')
    await expect(card).toHaveAttribute('data-sound', 'attention')
    await expect(card).toContainText(second.code)
    await expect(card).not.toContainText(first.lastName)
    await expect(page.getByTestId('notification')).toHaveCount(0)
  })

  test('each outcome has its sound, sounds can be muted (remembered), and a full-screen flash can be asked for', async ({ page, demoStation }) => {
    const first = await nextPerson(demoStation)
    const second = await nextPerson(demoStation)
    await openDesk(page, demoStation)
    const card = page.getByTestId('checkin-outcome')
    await scan(page, first.code)
    await expect(card).toHaveAttribute('data-sound', 'admitted')
    await scan(page, first.code)
    await expect(card).toHaveAttribute('data-outcome', 'already_checked_in')
    await expect(card).toHaveAttribute('data-sound', 'attention')
    await scan(page, 'ZZZZZZ')
    await expect(card).toHaveAttribute('data-outcome', 'unknown_code')
    await expect(card).toHaveAttribute('data-sound', 'refused')

    await page.getByTestId('feedback-sound').click({ force: true })
    await page.getByTestId('feedback-flash').click({ force: true })
    await page.reload()
    await expect(page.getByTestId('feedback-sound')).not.toBeChecked()
    await expect(page.getByTestId('feedback-flash')).toBeChecked()
    await page.locator('body').click({ position: { x: 5, y: 300 } })
    await scan(page, second.code)
    await expect(card).toHaveAttribute('data-sound', 'muted')
    await expect(page.getByTestId('checkin-flash')).toHaveAttribute('data-outcome', 'admitted')
    await page.getByTestId('feedback-sound').click({ force: true })
    await page.getByTestId('feedback-flash').click({ force: true })
  })
})

test.describe('undo at any time', () => {
  test("the attendee panel shows the current check-in with Undo, never a second green Check in; the undo is audited", async ({ page, demoStation }) => {
    const person = await nextPerson(demoStation)
    await openDesk(page, demoStation)
    await scan(page, person.code)
    await expectAdmitted(page, person)
    // Later, from the search: the person's panel.
    await page.getByTestId('desk-search').fill(person.code)
    await expect(page.getByTestId('desk-checkin')).toHaveAttribute('data-tone', 'in')
    await page.getByTestId('desk-result-name').click()
    await expect(page.getByTestId('detail-current-checkin')).toContainText('Demo Desk')
    await expect(page.getByTestId('detail-checkin')).toHaveCount(0)
    await page.getByTestId('detail-undo').click()
    await expect(page.getByTestId('detail-current-checkin')).toHaveCount(0)
    await expect(page.getByTestId('detail-checkin')).toBeVisible()

    const token = await organizerToken(demoStation)
    const audit = (await demoStation.rpc('audit.list', { limit: 20 }, token)).body as { action: string; staffName: string | null; subject: string | null }[]
    expect(audit.find((e) => e.action === 'checkin.undo' && e.subject?.includes(person.code))?.staffName).toBe('Demo Desk')
  })

  test('a cancelled attendee never shows a green Check in', async ({ page, demoStation }) => {
    const person = await nextPerson(demoStation)
    const token = await organizerToken(demoStation)
    expect((await demoStation.rpc('attendee.setStatus', { id: person.id, status: 'cancelled' }, token)).status).toBe(200)
    await openDesk(page, demoStation)
    await page.getByTestId('desk-search').fill(person.code)
    await expect(page.getByTestId('desk-checkin')).toHaveAttribute('data-tone', 'stop')
    await page.getByTestId('desk-result-name').click()
    await expect(page.getByTestId('detail-reinstate')).toBeVisible()
    await expect(page.getByTestId('detail-checkin')).toHaveCount(0)
  })
})

test.describe('namesakes', () => {
  test('the outcome card shows code, company and e-mail; a long result list says how many more match and how to narrow', async ({ page, demoStation }) => {
    const person = (await listAttendees(demoStation, { checkedIn: false, status: 'registered' }, 200)).find((a) => a.company && a.email && !pool.some((p) => p.id === a.id))!
    await openDesk(page, demoStation)
    await scan(page, person.code)
    await expectAdmitted(page, person)
    const details = page.getByTestId('checkin-outcome-details')
    await expect(details).toContainText(person.code)
    await expect(details).toContainText(person.company!)
    await expect(details).toContainText(person.email)

    await page.getByTestId('desk-search').fill('a')
    await expect(page.getByTestId('desk-result')).toHaveCount(25)
    await expect(page.getByTestId('desk-more')).toContainText(/\d+ more match\. Type more of the name, or add the company, e-mail or code\./)
    await page.getByTestId('desk-search').fill(person.email)
    await expect(page.getByTestId('desk-result')).toHaveCount(1)
    await expect(page.getByTestId('desk-more')).toHaveCount(0)
  })
})

test.describe('walk-up', () => {
  test('F2 opens it with the typed name; Enter after a name never sells; another price asks for a reason', async ({ page, demoStation }) => {
    await openDesk(page, demoStation)
    const sales: string[] = []
    page.on('request', (req) => {
      if (req.url().endsWith('/checkin.walkUp')) sales.push(req.postData() ?? '')
    })
    await page.getByTestId('desk-search').fill('Greta Walkmann')
    await page.keyboard.press('F2')
    await expect(page.getByTestId('walkup-form')).toBeVisible()
    await expect(page.getByTestId('walkup-first-name')).toHaveValue('Greta')
    await expect(page.getByTestId('walkup-last-name')).toHaveValue('Walkmann')
    await expect(page.getByTestId('walkup-ticket-type')).toHaveValue('')

    // Enter in the form: no ticket type chosen, nothing sold.
    await page.getByTestId('walkup-last-name').press('Enter')
    await expect(page.getByTestId('walkup-ticket-type')).toHaveAttribute('aria-invalid', 'true')
    expect(sales).toEqual([])

    await page.getByTestId('walkup-ticket-type').selectOption({ label: 'VIP' })
    await expect(page.getByTestId('walkup-amount')).toHaveValue('599.00')
    await page.getByTestId('walkup-amount').fill('100')
    await page.getByTestId('walkup-submit').click()
    await expect(page.getByTestId('walkup-price-reason')).toHaveAttribute('aria-invalid', 'true')
    expect(sales).toEqual([])
    await page.getByTestId('walkup-price-reason').fill('Speaker’s partner, agreed with Olga')
    await page.getByTestId('walkup-submit').click()
    await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
    await expect(page.getByTestId('checkin-outcome-name')).toContainText('Greta Walkmann')
    expect(sales).toHaveLength(1)
    expect(JSON.parse(sales[0]!)).toMatchObject({ amountCents: 10000, priceReason: 'Speaker’s partner, agreed with Olga' })
  })
})
