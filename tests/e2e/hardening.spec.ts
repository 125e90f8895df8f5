/** The real UI under the station's locked-down policy: same-origin sockets only, pushes arriving, ended sessions cut off. */
import type { WebSocket } from '@playwright/test'
import { checkedIn, expect, signIn, test } from './fixtures'

test('works under a CSP that names only the station: live pushes over its websocket, cut off when the session ends', async ({ page, demoStation }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })
  const sockets: WebSocket[] = []
  page.on('websocket', (ws) => sockets.push(ws))

  const options = (await demoStation.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
  const organizer = (await demoStation.rpc('staff.signIn', { staffId: options.find((s) => s.name === 'Demo Organizer')!.id, pin: '1234' })).body.token as string
  const door = (await demoStation.rpc('staff.create', { name: 'Door Dora', role: 'desk', pin: '8642' }, organizer)).body as { id: string }
  // The demo's own event (on today, what the desk opens on): other files on this worker's station may have added events.
  const events = (await demoStation.rpc('event.list', {}, organizer)).body as { id: string; name: string }[]
  const eventId = events.find((e) => e.name === 'EventDesk Demo Conference')!.id

  const home = await page.goto(demoStation.url)
  const csp = home!.headers()['content-security-policy']!
  expect(csp).toContain("connect-src 'self';")
  expect(csp).not.toMatch(/ws:|wss:/)

  await signIn(page, demoStation.url, 'Door Dora', '8642')
  const counter = page.getByTestId('counter-checked-in')
  await expect(counter).toContainText('/')
  const before = (await counter.textContent())!
  await expect.poll(() => sockets.filter((ws) => /^ws:\/\/127\.0\.0\.1:\d+\/socket\.io\/.*transport=websocket/.test(ws.url())).length).toBe(1)
  const ws = sockets.find((s) => s.url().includes('/socket.io/'))!

  // Another desk checks someone in: the push arrives on this page's socket and the counter moves without a reload.
  const pushed = ws.waitForEvent('framereceived', { predicate: (frame) => String(frame.payload).includes('"changed"') })
  const waiting = (await demoStation.rpc('attendee.list', { eventId, checkedIn: false, status: 'registered', limit: 1 }, organizer)).body.rows[0].id as string
  expect((await demoStation.rpc('checkin.byAttendee', { attendeeId: waiting }, organizer)).body.outcome).toBe('admitted')
  await pushed
  await expect.poll(async () => checkedIn((await counter.textContent()) ?? '')).toBe(checkedIn(before) + 1)

  // Deactivated from another desk: this page's socket is closed by the station at once.
  const closed = ws.waitForEvent('close')
  await demoStation.rpc('staff.update', { id: door.id, active: false }, organizer)
  await closed
  expect(violations).toEqual([])
})

test('a scanner admits a person from the door view alone: name and ticket, no contact details', async ({ page, demoStation }) => {
  const options = (await demoStation.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
  const organizer = (await demoStation.rpc('staff.signIn', { staffId: options.find((s) => s.name === 'Demo Organizer')!.id, pin: '1234' })).body.token as string
  // The demo's own event (on today, what the desk opens on): other files on this worker's station may have added events.
  const events = (await demoStation.rpc('event.list', {}, organizer)).body as { id: string; name: string }[]
  const eventId = events.find((e) => e.name === 'EventDesk Demo Conference')!.id
  const person = (await demoStation.rpc('attendee.list', { eventId, checkedIn: false, status: 'registered', limit: 1 }, organizer)).body.rows[0] as {
    code: string
    firstName: string
    lastName: string
    email: string | null
    company: string | null
  }

  await signIn(page, demoStation.url, 'Demo Scanner', '3333')
  const answer = page.waitForResponse((res) => res.url().endsWith('/api/rpc/checkin.byCode'))
  await page.getByTestId('desk-search').fill(person.code)
  await page.getByTestId('desk-search').press('Enter')
  const body = JSON.stringify(await (await answer).json())
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
  await expect(page.getByTestId('checkin-outcome-name')).toContainText(person.lastName)
  for (const secret of [person.email, person.company].filter((v): v is string => Boolean(v))) {
    expect(body).not.toContain(secret)
    await expect(page.getByText(secret)).toHaveCount(0)
  }
  expect(body).not.toMatch(/"(email|phone|company|notes|paymentMethod|amountCents)"/)
})
