/**
 * Desks together, through the screens, with two station processes and two
 * browsers: the organizer's desk shows a pairing code, the new desk types it
 * on its first screen and signs in with the fleet's staff; a check-in on one
 * shows on the other's counter and search without a reload; the Desks screen
 * shows the peer. Then the link runs through a TCP proxy, is cut (both keep
 * checking in the same person), healed, and both desks list the double
 * check-in. And backups: settings, "Back up now" to a folder, and a fresh
 * station restored from it through its first-run screen.
 */
import type { Browser, Page } from '@playwright/test'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startProxy, type Proxy } from '../support/proxy'
import { startStation, type RunningStation } from '../support/station-process'
import { checkedIn, expect, shot, signIn, test } from './fixtures'

const dirs: string[] = []
const stations: RunningStation[] = []
const proxies: Proxy[] = []

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

async function station(name: string, args: string[] = []): Promise<RunningStation> {
  // --peers-only: each desk dials only the addresses it is given or typed, so the test decides which way the link runs.
  const s = await startStation(tempDir('eventdesk-e2e-fleet-'), ['--name', name, '--peers-only', '--mdns', 'off', ...args])
  stations.push(s)
  return s
}

test.afterAll(async () => {
  for (const p of proxies) await p.close()
  await Promise.all(stations.map((s) => s.stop()))
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

async function token(s: RunningStation, name = 'Demo Organizer', pin = '1234'): Promise<string> {
  const options = (await s.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
  const { body } = await s.rpc('staff.signIn', { staffId: options.find((o) => o.name === name)!.id, pin })
  return body.token as string
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  return context.newPage()
}

const counter = async (page: Page) => checkedIn((await page.getByTestId('counter-checked-in').textContent()) ?? '')

async function checkInByCode(page: Page, code: string): Promise<void> {
  await page.evaluate("window.location.hash = '#/desk'")
  await page.getByTestId('desk-search').fill(code)
  await page.getByTestId('desk-search').press('Enter')
  await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', /admitted|already_checked_in/)
}

test.describe.configure({ timeout: 240_000 })

test('two desks pair by the typed code, see each other’s check-ins live, work apart and list the double check-in', async ({ browser }) => {
  const a = await station('Desk A', ['--demo'])
  const b = await station('Desk B')
  const pageA = await newPage(browser)
  const pageB = await newPage(browser)

  // The organizer's desk: alone (grey), then "Add a desk" shows the code, the QR and the fingerprint.
  await signIn(pageA, a.url, 'Demo Organizer', '1234')
  await expect(pageA.getByTestId('sync-indicator')).toHaveAttribute('data-summary', 'alone')
  await pageA.getByTestId('nav-desks').click()
  await pageA.getByTestId('pair-start').click()
  const code = ((await pageA.getByTestId('pairing-code').textContent()) ?? '').trim()
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  await expect(pageA.getByTestId('pairing-qr')).toHaveAttribute('data-text', new RegExp(`code=${code.replace(/-/g, '')}&fp=${a.fingerprint}`))
  await expect(pageA.getByTestId('pairing-fingerprint')).toContainText(a.fingerprint.slice(0, 4).toUpperCase())
  await expect(pageA.getByTestId('pairing-expires')).toContainText(/9:\d\d|10:00/)
  await shot(pageA, 'fleet-01-pairing-code')

  // The new desk, on its first screen: a typo is flagged as typed, before anything is sent.
  await pageB.goto(b.url)
  await pageB.getByTestId('first-run-join-open').click()
  const field = pageB.getByTestId('join-code')
  const typo = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6)
  await field.pressSequentially(typo.replace(/-/g, '').toLowerCase())
  await expect(field).toHaveValue(typo)
  await expect(pageB.getByTestId('join-form')).toContainText('Typing error')
  await expect(pageB.getByTestId('join-submit')).toBeDisabled()
  await shot(pageB, 'fleet-02-join-typo')
  await field.fill('')
  await field.pressSequentially(code.toLowerCase())
  await pageB.getByTestId('join-submit').click()

  // Joined: the organizer desk's fingerprint to compare, then sign-in with the fleet's staff.
  await expect(pageB.getByTestId('signin-joined')).toBeVisible({ timeout: 30_000 })
  await expect(pageB.getByTestId('joined-fingerprint').first()).toContainText(a.fingerprint.slice(0, 8).toUpperCase().replace(/(.{4})/, '$1 '))
  await expect(pageB.getByTestId('signin-staff').filter({ hasText: 'Demo Organizer' })).toBeVisible()
  await shot(pageB, 'fleet-03-joined-sign-in')
  await expect(pageA.getByTestId('pairing-outcome')).toContainText('Desk B joined the fleet')
  await pageB.getByTestId('signin-staff').filter({ hasText: 'Demo Organizer' }).click()
  await pageB.getByTestId('signin-pin').fill('1234')
  await pageB.getByTestId('signin-submit').click()
  await expect(pageB.getByTestId('sync-indicator')).toHaveAttribute('data-summary', 'all', { timeout: 30_000 })
  await expect(pageA.getByTestId('sync-indicator')).toHaveAttribute('data-summary', 'all')
  await expect(pageB.getByTestId('sync-indicator')).toContainText('Linked to 1 of 1 desks')

  // Both desks' Desks screens show the other, linked.
  await expect(pageA.getByTestId('peer-row').filter({ hasText: 'Desk B' })).toHaveAttribute('data-state', 'connected')
  await pageB.getByTestId('nav-desks').click()
  await expect(pageB.getByTestId('peer-row').filter({ hasText: 'Desk A' })).toHaveAttribute('data-state', 'connected')
  await shot(pageB, 'fleet-04-desks-screen')

  // A check-in on A shows on B's counter and in B's search, without a reload.
  const orgA = await token(a)
  const eventId = (await a.rpc('event.list', {}, orgA)).body[0].id as string
  const [first, second] = (await a.rpc('attendee.list', { eventId, checkedIn: false, limit: 2 }, orgA)).body.rows as { code: string; firstName: string; lastName: string }[]
  await pageB.getByTestId('nav-desk').click()
  await expect.poll(() => counter(pageB), { timeout: 30_000 }).toBeGreaterThanOrEqual(0)
  const before = await counter(pageB)
  await pageB.getByTestId('desk-search').fill(first!.code)
  const resultB = pageB.getByTestId('desk-result').filter({ hasText: first!.code })
  await expect(resultB).toBeVisible()
  await expect(resultB.getByTestId('desk-result-checked-in')).toHaveCount(0)
  await pageA.getByTestId('nav-desk').click()
  await checkInByCode(pageA, first!.code)
  await expect.poll(() => counter(pageB), { timeout: 5_000 }).toBe(before + 1)
  await expect(resultB.getByTestId('desk-result-checked-in')).toBeVisible()
  await shot(pageB, 'fleet-05-check-in-from-a')

  // The link through a proxy: B types the proxy's address and forgets A's own (from pairing).
  const proxy = await startProxy(Number(new URL(a.syncUrl).port))
  proxies.push(proxy)
  const proxyAddress = new URL(proxy.url).host
  await pageB.getByTestId('nav-desks').click()
  await pageB.getByTestId('address-input').fill(proxyAddress)
  await pageB.getByTestId('address-add').click()
  await expect(pageB.getByTestId('known-address').filter({ hasText: proxyAddress })).toContainText('Typed')
  await pageB.getByTestId('known-address').filter({ hasText: a.peerAddress }).getByTestId('address-forget').click()
  await expect(pageB.getByTestId('known-address')).toHaveCount(1)
  await expect(pageB.getByTestId('peer-row').filter({ hasText: 'Desk A' })).toHaveAttribute('data-state', 'connected', { timeout: 30_000 })
  await expect(pageB.getByTestId('peer-row').filter({ hasText: 'Desk A' })).toContainText(proxyAddress)

  // Cut: both desks alone (grey, not alarming), both keep checking in — the same person on both.
  proxy.cut()
  await expect(pageA.getByTestId('sync-indicator')).toHaveAttribute('data-summary', 'alone', { timeout: 30_000 })
  await expect(pageB.getByTestId('sync-indicator')).toHaveAttribute('data-summary', 'alone', { timeout: 30_000 })
  await expect(pageB.getByTestId('peer-row').filter({ hasText: 'Desk A' })).toHaveAttribute('data-state', 'offline')
  await shot(pageB, 'fleet-06-cut')
  await checkInByCode(pageA, second!.code)
  await checkInByCode(pageB, second!.code)
  await expect(pageB.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')

  // Heal: linked again, and both desks list the double check-in.
  proxy.heal()
  await expect(pageB.getByTestId('sync-indicator')).toHaveAttribute('data-summary', 'all', { timeout: 30_000 })
  await expect(pageA.getByTestId('sync-indicator')).toHaveAttribute('data-summary', 'all', { timeout: 30_000 })
  const orgB = await token(b)
  for (const [s, t] of [[a, orgA], [b, orgB]] as const) {
    await expect
      .poll(async () => ((await s.rpc('conflict.list', { eventId }, t)).body as { kind: string }[]).filter((c) => c.kind === 'double_checkin').length, { timeout: 30_000 })
      .toBe(1)
  }
  await expect.poll(() => counter(pageA)).toBe(await counter(pageB))
})

test('backs up to a folder from the Backup tab and restores a fresh desk from its first screen', async ({ browser }) => {
  const a = await station('Desk A', ['--demo'])
  const folder = tempDir('eventdesk-e2e-backups-')
  const page = await newPage(browser)
  await signIn(page, a.url, 'Demo Organizer', '1234')
  await page.evaluate("window.location.hash = '#/desks/backup'")
  await expect(page.getByTestId('backup-problem')).toBeVisible()

  // The key: a passphrase, confirmed, with the warning to write it down.
  await expect(page.getByTestId('backup-passphrase-warning')).toContainText('EventDesk does not keep it')
  await page.getByTestId('backup-passphrase').fill('short')
  await page.getByTestId('backup-key-save').click()
  await expect(page.getByTestId('backup-key-form')).toContainText('At least 12 characters')
  await page.getByTestId('backup-passphrase').fill('correct horse battery')
  await page.getByTestId('backup-passphrase-confirm').fill('correct horse battery')
  await page.getByTestId('backup-key-save').click()
  await expect(page.getByTestId('backup-key-now')).toContainText('passphrase', { timeout: 20_000 })

  // A folder: a relative path is refused at the field; the full path is kept.
  await page.getByTestId('target-add-folder').click()
  await page.getByTestId('target-path').fill('backups')
  await page.getByTestId('target-save').click()
  await expect(page.getByTestId('target-form')).toContainText('full path')
  await page.getByTestId('target-path').fill(folder)
  await page.getByTestId('target-save').click()
  await expect(page.getByTestId('target-row')).toHaveCount(1)
  await page.getByTestId('backup-enabled').click({ force: true })
  await expect(page.getByTestId('backup-enabled')).toBeChecked()

  await page.getByTestId('backup-run').click()
  await expect(page.getByTestId('backup-last-good')).toContainText(folder, { timeout: 60_000 })
  await expect(page.getByTestId('backup-last-good')).toContainText(/MB|kB/)
  expect(readdirSync(folder).filter((f) => f.endsWith('.edbk'))).toHaveLength(1)
  await page.getByTestId('target-versions').click()
  await expect(page.getByTestId('version-row')).toHaveCount(1)
  await shot(page, 'fleet-07-backup-done')
  await page.keyboard.press('Escape')

  // A fresh desk restores it from its first screen.
  const fresh = await station('Desk R')
  const pageR = await newPage(browser)
  await pageR.goto(fresh.url)
  await pageR.getByTestId('first-run-restore-open').click()
  await pageR.getByTestId('target-path').fill(join(folder, 'nothing-here'))
  await pageR.getByTestId('restore-find').click()
  await expect(pageR.getByTestId('restore-find-error')).toBeVisible()
  await pageR.getByTestId('target-path').fill(folder)
  await pageR.getByTestId('restore-find').click()
  await expect(pageR.getByTestId('restore-version')).toHaveCount(1)
  await expect(pageR.getByTestId('restore-version')).toBeChecked()
  await pageR.getByTestId('restore-secret').fill('not the passphrase')
  await pageR.getByTestId('restore-submit').click()
  await expect(pageR.getByTestId('restore-error')).toContainText('another passphrase or key')
  await pageR.getByTestId('restore-secret').fill('correct horse battery')
  await pageR.getByTestId('restore-submit').click()
  await expect(pageR.getByTestId('restored-summary')).toContainText('Desk A', { timeout: 60_000 })
  await shot(pageR, 'fleet-08-restored')
  await pageR.getByTestId('restored-continue').click()
  await expect(pageR.getByTestId('signin-restored')).toBeVisible()
  await signIn(pageR, fresh.url, 'Demo Organizer', '1234')
  const orgA = await token(a)
  const orgR = await token(fresh)
  const eventId = (await a.rpc('event.list', {}, orgA)).body[0].id as string
  const total = async (s: RunningStation, t: string) => (await s.rpc('attendee.list', { eventId, limit: 1 }, t)).body.total as number
  expect(await total(fresh, orgR)).toBe(await total(a, orgA))
})
