/**
 * The door: an organizer sets up a check-in list on its screen; a scanner
 * works on that list only (name large, counters, no attendee list), is let in
 * once, refused the second time, and a supervisor overrides a refusal.
 */
import type { RunningStation } from '../support/station-process'
import { OPEN_LIST_RULES } from '../../src/shared/contract/checkin-lists'
import { expect, shot, signIn, test } from './fixtures'

async function organizerToken(station: RunningStation): Promise<string> {
  const options = (await station.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
  const organizer = options.find((s) => s.name === 'Demo Organizer')!
  return (await station.rpc('staff.signIn', { staffId: organizer.id, pin: '1234' })).body.token
}

test('an organizer sets up a list; a scanner admits on it, is refused a second time and a supervisor overrides', async ({ page, demoStation }) => {
  test.setTimeout(180_000)
  await signIn(page, demoStation.url, 'Demo Organizer', '1234')
  await page.evaluate(`window.location.hash = '#/lists'`)
  await expect(page.getByTestId('lists-screen')).toBeVisible()
  await page.getByTestId('lists-name').fill('Workshop room B')
  await page.getByTestId('lists-mode').getByText('Entry and exit').click()
  await page.getByTestId('lists-capacity').fill('2')
  await page.getByTestId('lists-save').click()
  await expect(page.getByTestId('lists-row').filter({ hasText: 'Workshop room B' })).toBeVisible()
  await shot(page, 'door-lists')
  await page.getByTestId('signout').click()

  // Two people not yet in, by code.
  const token = await organizerToken(demoStation)
  const events = (await demoStation.rpc('event.list', {}, token)).body as { id: string }[]
  let eventId = ''
  for (const e of events) {
    const lists = (await demoStation.rpc('checkinList.list', { eventId: e.id }, token)).body as { name: string }[]
    if (lists.some((l) => l.name === 'Workshop room B')) eventId = e.id
  }
  const page1 = (await demoStation.rpc('attendee.list', { eventId, offset: 0, limit: 50 }, token)).body as { rows: { code: string; checkedInAt: string | null; status: string }[] }
  const [first, second] = page1.rows.filter((r) => !r.checkedInAt && r.status === 'registered').map((r) => r.code)

  await signIn(page, demoStation.url, 'Demo Scanner', '3333')
  await page.evaluate(`window.location.hash = '#/door'`)
  await expect(page.getByTestId('door-screen')).toBeVisible()
  await page.getByTestId('door-list-picker').click()
  await page.getByRole('option', { name: 'Workshop room B' }).click()
  await expect(page.getByTestId('door-list-name')).toHaveText('Workshop room B')
  await expect(page.getByTestId('door-inside')).toHaveText('0')
  await expect(page.getByTestId('desk-result')).toHaveCount(0)

  await page.getByTestId('door-code').fill(first!)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('door-outcome')).toHaveAttribute('data-outcome', 'admitted')
  await expect(page.getByTestId('door-inside')).toHaveText('1')
  await page.getByTestId('door-code').fill(first!)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('door-outcome')).toHaveAttribute('data-outcome', 'already_checked_in')
  await expect(page.getByTestId('door-outcome')).toContainText('Demo Scanner')
  await shot(page, 'door-scanner-already')

  // Out and back in is fine on an entry/exit list with re-entry.
  await page.getByTestId('door-direction').getByText('Exit').click()
  await page.getByTestId('door-code').fill(first!)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('door-outcome')).toHaveAttribute('data-outcome', 'exited')
  await expect(page.getByTestId('door-inside')).toHaveText('0')

  // A list for another ticket type refuses; the organizer lets them in with a PIN and a reason.
  const vipOnly = (await demoStation.rpc(
    'checkinList.create',
    { eventId, list: { ...OPEN_LIST_RULES, name: 'Backstage', ticketTypeIds: ['none'] } },
    token
  )).body as { id: string }
  expect(vipOnly.id).toBeTruthy()
  await page.getByTestId('door-list-picker').click()
  await page.getByRole('option', { name: 'Backstage' }).click()
  await page.getByTestId('door-code').fill(second!)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('door-outcome')).toHaveAttribute('data-outcome', 'ticket_type_not_admitted')
  await page.getByTestId('door-override').click()
  await page.getByTestId('override-supervisor').click()
  await page.getByRole('option', { name: 'Demo Organizer' }).click()
  await page.getByTestId('override-pin').fill('1234')
  await page.getByTestId('override-reason').fill('Speaker, badge at the hotel')
  await shot(page, 'door-override')
  await page.getByTestId('override-submit').click()
  await expect(page.getByTestId('door-outcome')).toHaveAttribute('data-outcome', 'admitted')
  await expect(page.getByTestId('door-outcome')).toContainText('Speaker, badge at the hotel')
  await expect(page.getByTestId('door-inside')).toHaveText('1')
  await shot(page, 'door-scanner-override')
})
