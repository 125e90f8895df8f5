/**
 * Conflicts made by two desks apart, end to end: two stations linked with a
 * fleet key through a TCP proxy that is cut. While apart, both desks check the
 * same person in through their screens, register one e-mail, create a ticket
 * type with one code, and (as one desk in a billion does) mint a code the other
 * desk gave already; one desk also takes a ticket type past its capacity.
 * Healed, the conflicts show in the header and the conflicts screen, a scan of
 * the shared code shows both people (the desk operator checks the right one in
 * by name), and each conflict is resolved from the screen.
 */
import type { Page } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { attendees } from '../../src/main/attendees/schema'
import { Core } from '../../src/main/core/core'
import { newId } from '../../src/main/core/ids'
import { modules } from '../../src/main/modules'
import { startProxy, type Proxy } from '../support/proxy'
import { freePort, startStation, type RunningStation } from '../support/station-process'
import { expect, shot, signIn, test } from './fixtures'
import { measureScreen } from './layout-tools'

const APP_ROOT = join(__dirname, '..', '..')
const FLEET = randomBytes(32).toString('base64url')

interface Person {
  id: string
  code: string
  firstName: string
  lastName: string
  ticketTypeId: string
}

async function tokenOf(station: RunningStation, name: string, pin: string): Promise<string> {
  await expect.poll(async () => ((await station.rpc('staff.signInOptions', {})).body as { name: string }[]).some((s) => s.name === name), { timeout: 60_000 }).toBe(true)
  const options = (await station.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
  const { body } = await station.rpc('staff.signIn', { staffId: options.find((s) => s.name === name)!.id, pin })
  return body.token as string
}

/** Types a code into the desk's search field and presses Enter, as a keyboard would. */
async function checkInByCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('desk-search').fill(code)
  await page.getByTestId('desk-search').press('Enter')
}

test.describe.configure({ timeout: 480_000 })

test('conflicts made by two desks apart are listed and resolved in the conflicts screen', async ({ browser }) => {
  const dirA = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-conflicts-a-'))
  const dirB = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-conflicts-b-'))
  const running: RunningStation[] = []
  let proxy: Proxy | null = null
  try {
    // Desk A has the demo event; desk B reaches it only through the proxy (--peers-only: no other way).
    const a = await startStation(dirA, ['--demo', '--name', 'Entrance A', '--fleet-key', FLEET, '--peers-only'])
    running.push(a)
    proxy = await startProxy(Number(new URL(a.syncUrl).port))
    const bPort = await freePort()
    const bArgs = ['--port', String(bPort), '--name', 'Entrance B', '--fleet-key', FLEET, '--peers-only', '--peer', new URL(proxy.url).host]
    let b = await startStation(dirB, bArgs)
    running.push(b)
    const orgA = await tokenOf(a, 'Demo Organizer', '1234')
    const orgB = await tokenOf(b, 'Demo Organizer', '1234')
    const eventId = (await a.rpc('event.list', {}, orgA)).body[0].id as string
    const total = (await a.rpc('attendee.list', { eventId, limit: 1 }, orgA)).body.total as number
    await expect.poll(async () => (await b.rpc('attendee.list', { eventId, limit: 1 }, orgB)).body.total, { timeout: 60_000 }).toBe(total)
    const waiting = (await a.rpc('attendee.list', { eventId, checkedIn: false, status: 'registered', limit: 2 }, orgA)).body.rows as Person[]
    const [twice, coded] = waiting as [Person, Person]

    const pageA = await browser.newPage({ viewport: { width: 1366, height: 860 } })
    const pageB = await browser.newPage({ viewport: { width: 1366, height: 860 } })
    await signIn(pageA, a.url, 'Demo Organizer', '1234')
    await signIn(pageB, b.url, 'Demo Desk', '2222')
    await expect(pageA.getByTestId('header-conflicts')).toHaveCount(0)

    // ---- apart ----
    proxy.cut()
    // The same person let in at both desks, through their screens.
    for (const page of [pageA, pageB]) {
      await checkInByCode(page, twice.code)
      await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
    }
    // One e-mail registered at both desks: a walk-up at A first, then a registration at B.
    await pageA.getByTestId('walkup-open').click()
    await pageA.getByTestId('walkup-first-name').fill('Ana')
    await pageA.getByTestId('walkup-last-name').fill('Díaz')
    await pageA.getByTestId('walkup-email').fill('ana.twice@example.es')
    // No ticket type is preselected at a walk-up (an Enter must never sell one): the operator picks it.
    await pageA.getByTestId('walkup-ticket-type').selectOption(twice.ticketTypeId)
    await pageA.getByTestId('walkup-submit').click()
    await expect(pageA.getByTestId('checkin-outcome')).toContainText('Ana Díaz')
    const anaB = await b.rpc(
      'attendee.register',
      { eventId, firstName: 'Ana', lastName: 'Diaz', email: 'ana.twice@example.es', company: 'Prensa Sur', ticketTypeId: twice.ticketTypeId, paymentMethod: 'cash', amountCents: 0 },
      orgB
    )
    expect(anaB.status).toBe(200)
    // One ticket type code created at both desks.
    const press = { code: 'PRESS', priceCents: 0, currency: 'EUR', capacity: null, color: '#6d4c41' }
    expect((await a.rpc('ticketType.create', { ...press, eventId, name: 'Press' }, orgA)).status).toBe(200)
    const pressPass = (await b.rpc('ticketType.create', { ...press, eventId, name: 'Press pass' }, orgB)).body as { id: string }
    // A ticket type taken past its capacity by an organizer at A.
    const workshop = (await a.rpc('ticketType.create', { eventId, code: 'WS', name: 'Workshop', priceCents: 0, currency: 'EUR', capacity: 1, color: '#00897b' }, orgA)).body as { id: string }
    for (const [i, allowOverCapacity] of [false, true].entries()) {
      const walkUp = { eventId, firstName: 'Work', lastName: `Shopper ${i}`, email: null, company: null, ticketTypeId: workshop.id, paymentMethod: 'cash', amountCents: 0, allowOverCapacity }
      expect((await a.rpc('attendee.register', walkUp, orgA)).status).toBe(200)
    }
    // Desk B mints, for someone else, the code A gave `coded` (written through B's own write path, B stopped meanwhile).
    await b.stop()
    const deskB = new Core({ dataDir: dirB, appRoot: APP_ROOT, modules, appVersion: 'test' })
    try {
      await deskB.transact('test', ({ write }) =>
        write.insert(attendees, {
          id: newId(), eventId, code: coded.code, firstName: 'Zoe', lastName: 'Miller', email: 'zoe.miller@example.org', invalidEmail: null,
          company: 'Other Co', jobTitle: null, phone: null, ticketTypeId: coded.ticketTypeId, status: 'registered', mergedInto: null,
          paymentMethod: null, amountCents: null, preferredLanguage: null, notes: null, attention: true, doorNote: 'Wheelchair: use the side door',
          externalRef: null, source: 'walkup', createdAt: new Date(Date.now() + 1000).toISOString()
        })
      )
    } finally {
      deskB.close()
    }
    b = await startStation(dirB, bArgs)
    running.push(b)

    // ---- together again ----
    proxy.heal()
    const kinds = async (station: RunningStation, token: string) =>
      ((await station.rpc('conflict.list', { eventId }, token)).body as { kind: string }[]).map((c) => c.kind).sort().join(',')
    const all = 'double_checkin,over_capacity,same_code,same_email,same_ticket_code'
    await expect.poll(() => kinds(a, orgA), { timeout: 60_000 }).toBe(all)
    await expect.poll(() => kinds(b, orgB), { timeout: 60_000 }).toBe(all)

    // The header counts them: a link for the organizer, a plain badge for the desk role.
    await expect(pageA.getByTestId('header-conflicts')).toContainText('5')
    // Desk B was restarted: its screen finds it again (signing in again if the session did not survive).
    await pageB.goto(b.url)
    await expect(pageB.getByTestId('signout').or(pageB.getByTestId('signin-staff').first())).toBeVisible()
    if (await pageB.getByTestId('signin-staff').count()) await signIn(pageB, b.url, 'Demo Desk', '2222')
    await expect(pageB.getByTestId('header-conflicts')).toContainText('5')
    expect(await pageB.getByTestId('header-conflicts').evaluate((el) => el.tagName)).toBe('SPAN')

    // A scan of the shared code shows both people; the desk operator checks the right one in by name.
    await checkInByCode(pageB, coded.code)
    const outcome = pageB.getByTestId('checkin-outcome')
    await expect(outcome).toHaveAttribute('data-outcome', 'ambiguous_code')
    await expect(pageB.getByTestId('checkin-ambiguous-person')).toHaveCount(2)
    const zoe = pageB.getByTestId('checkin-ambiguous-person').filter({ hasText: 'Zoe Miller' })
    await expect(zoe).toContainText('zoe.miller@example.org')
    await expect(zoe).toContainText('Other Co')
    await expect(zoe.getByTestId('checkin-attention')).toContainText('Wheelchair: use the side door')
    await shot(pageB, 'conflicts-ambiguous-code')
    await zoe.getByTestId('checkin-ambiguous-checkin').click()
    await expect(outcome).toHaveAttribute('data-outcome', 'admitted')
    await expect(outcome).toContainText('Zoe Miller')
    // The door note shows on the admitted outcome too.
    await expect(outcome.getByTestId('checkin-attention')).toContainText('Wheelchair')

    // The conflicts screen, from the header badge.
    await pageA.getByTestId('header-conflicts').click()
    await expect(pageA.getByTestId('conflicts-screen')).toBeVisible()
    const card = (kind: string) => pageA.locator(`[data-testid=conflict][data-kind=${kind}]`)
    await expect(pageA.getByTestId('conflict')).toHaveCount(5)
    await expect(card('same_code')).toContainText(`2 people have the code ${coded.code}`)
    await expect(card('same_code').getByTestId('conflict-explain')).toContainText(`${coded.firstName} ${coded.lastName}`.trim())
    await expect(card('double_checkin')).toContainText(`${twice.firstName} ${twice.lastName}`.trim())
    await expect(card('double_checkin')).toContainText('Entrance A')
    await expect(card('double_checkin')).toContainText('Entrance B')
    await expect(card('double_checkin')).toContainText('Demo Desk')
    await expect(card('same_email')).toContainText('ana.twice@example.es is registered 2 times')
    await expect(card('same_email').getByTestId('conflict-explain')).toContainText('Ana Díaz')
    await expect(card('over_capacity')).toContainText('Workshop is over capacity: 2 registered, capacity 1')
    await expect(card('same_ticket_code')).toContainText('2 ticket types have the code PRESS')
    await shot(pageA, 'conflicts-screen')

    // Its layout at both sizes in every language (screenshots in English and the longest).
    const problems = await measureScreen(pageA, 'conflicts', async () => {
      await pageA.evaluate("window.location.hash = '#/conflicts'")
      await expect(pageA.getByTestId('conflict')).toHaveCount(5)
      // Every member's record is here (names and codes filled in).
      await expect(pageA.getByTestId('conflict-member-link').first()).toBeVisible()
    })
    expect(problems).toEqual([])
    await pageA.setViewportSize({ width: 1366, height: 860 })
    await pageA.evaluate("localStorage.setItem('eventdesk.language', 'en')")
    await pageA.reload()
    await expect(pageA.getByTestId('conflict')).toHaveCount(5)

    // Acknowledge the double check-in: gone from the open list, shown with "acknowledged" on request.
    await card('double_checkin').getByTestId('conflict-acknowledge').click()
    await expect(card('double_checkin')).toHaveCount(0)
    await pageA.getByTestId('conflicts-show-acknowledged').check()
    await expect(card('double_checkin')).toHaveAttribute('data-acknowledged', 'true')
    await expect(card('double_checkin').getByTestId('conflict-acknowledged')).toBeVisible()
    await pageA.getByTestId('conflicts-show-acknowledged').uncheck()

    // Merge the two registrations of one e-mail into the earliest (the walk-up at A, picked by default).
    const survivorRadio = card('same_email').locator('input[type=radio]:checked')
    const survivorId = await survivorRadio.inputValue()
    const survivor = (await a.rpc('attendee.get', { id: survivorId }, orgA)).body as Person & { email: string }
    expect([survivor.lastName, survivor.email]).toEqual(['Díaz', 'ana.twice@example.es'])
    await expect(card('same_email').getByTestId('conflict-merge')).toContainText('Merge into Ana Díaz')
    await card('same_email').getByTestId('conflict-merge').click()
    await expect(card('same_email')).toHaveCount(0)
    // The merged registration says so, and leads to the survivor.
    const merged = (await a.rpc('attendee.get', { id: anaB.body.id }, orgA)).body as { status: string; mergedInto: string }
    expect(merged).toMatchObject({ status: 'merged', mergedInto: survivorId })
    await pageA.evaluate(`window.location.hash = '#/attendees/${anaB.body.id}'`)
    await expect(pageA.getByTestId('detail-merged')).toBeVisible()
    await expect(pageA.getByTestId('attendee-detail').getByTestId('status-badge')).toHaveAttribute('data-status', 'merged')
    await pageA.getByTestId('detail-merged-into').click()
    await expect(pageA.getByTestId('detail-name')).toHaveText('Ana Díaz')

    // Give new codes: the earliest registration keeps the code.
    await pageA.evaluate("window.location.hash = '#/conflicts'")
    await expect(card('same_code').getByTestId('conflict-member-mark')).toHaveCount(1)
    await expect(card('same_code').locator('[data-testid=conflict-member]', { has: pageA.getByTestId('conflict-member-mark') })).toContainText(coded.lastName)
    await card('same_code').getByTestId('conflict-reissue').click()
    await expect(card('same_code')).toHaveCount(0)
    expect(((await a.rpc('attendee.get', { id: coded.id }, orgA)).body as Person).code).toBe(coded.code)

    // Over capacity: the link opens the ticket type in event setup; a higher capacity resolves it.
    await card('over_capacity').getByTestId('conflict-edit-ticket-type').click()
    await expect(pageA.getByTestId('tt-form')).toContainText('Workshop')
    await pageA.getByTestId('tt-capacity').fill('5')
    await pageA.getByTestId('tt-save').click()
    await expect(pageA.getByTestId('tt-row').filter({ hasText: 'Workshop' })).toContainText('5')
    // Two ticket types with one code: another code for B's.
    await pageA.evaluate("window.location.hash = '#/conflicts'")
    await expect(card('over_capacity')).toHaveCount(0)
    await card('same_ticket_code').locator(`[data-id="${pressPass.id}"]`).getByTestId('conflict-edit-ticket-type').click()
    await expect(pageA.getByTestId('tt-form')).toContainText('Press pass')
    await pageA.getByTestId('tt-code').fill('PRESS-PASS')
    await pageA.getByTestId('tt-save').click()
    await expect(pageA.getByTestId('tt-row').filter({ hasText: 'PRESS-PASS' })).toHaveCount(1)

    await pageA.evaluate("window.location.hash = '#/conflicts'")
    await expect(pageA.getByTestId('conflicts-empty')).toBeVisible()
    await expect(pageA.getByTestId('header-conflicts')).toHaveCount(0)
    await shot(pageA, 'conflicts-resolved')
    // Resolutions are ordinary writes: desk B agrees (the acknowledged double check-in is no longer open there either).
    await expect.poll(() => kinds(b, orgB), { timeout: 30_000 }).toBe('')
    await expect.poll(async () => ((await b.rpc('conflict.count', { eventId }, orgB)).body as { open: number }).open, { timeout: 30_000 }).toBe(0)
    await expect(pageB.getByTestId('header-conflicts')).toHaveCount(0)
  } finally {
    await proxy?.close()
    await Promise.all(running.map((s) => s.kill().catch(() => undefined)))
    rmSync(dirA, { recursive: true, force: true })
    rmSync(dirB, { recursive: true, force: true })
  }
})
