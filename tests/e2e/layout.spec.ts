/**
 * Every screen works at 1024×768 (and 1440×900) in all seven languages: no
 * button, nav entry, column header, badge or field label is cut off or pushed
 * out of view, and the attendee table shows its key columns without scrolling
 * sideways. Screenshots of every screen in English and in the language whose
 * text is longest on that screen are kept (test-results/screenshots/layout-*).
 */
import type { Page } from '@playwright/test'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningStation } from '../support/station-process'
import { expect, signIn, test } from './fixtures'

const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es', 'it', 'pl'] as const
type Language = (typeof LANGUAGES)[number]
const SMALL = { width: 1024, height: 768 }
const LARGE = { width: 1440, height: 900 }

interface Screen {
  name: string
  /** Gets the page to the screen (already signed in as the right person). */
  open(page: Page): Promise<void>
}

/** What is cut off on the page (layout-probe.js runs in the page). */
const PROBE = readFileSync(join(__dirname, 'layout-probe.js'), 'utf8')
function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(PROBE) as Promise<string[]>
}

/** The amount of UI text on screen (names and data are the same in every language, so this compares languages). */
function textLength(page: Page): Promise<number> {
  return page.evaluate("document.body.innerText.replace(/\\s+/g, ' ').length") as Promise<number>
}

async function setLanguage(page: Page, language: Language): Promise<void> {
  await page.evaluate(`localStorage.setItem('eventdesk.language', '${language}')`)
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', language)
}

async function go(page: Page, path: string, marker: string): Promise<void> {
  await page.evaluate(`window.location.hash = '#/${path}'`)
  await expect(page.getByTestId(marker).first()).toBeVisible()
}

function csvFile(): string {
  const path = join(tmpdir(), `eventdesk-layout-${process.pid}.csv`)
  const lines = ['First name;Last name;E-mail;Company;Language', 'Ana;Łukasiewicz;ana@example.pl;Politechnika;pl', 'Bad;Row;not-an-email;X;xx']
  writeFileSync(path, lines.join('\n'))
  return path
}

const ORGANIZER_SCREENS: Screen[] = [
  { name: 'desk-empty', open: (page) => go(page, 'desk', 'desk-search') },
  {
    name: 'desk',
    open: async (page) => {
      await go(page, 'desk', 'desk-search')
      await page.getByTestId('desk-search').fill('muller')
      await expect(page.getByTestId('desk-result').first()).toBeVisible()
    }
  },
  {
    name: 'walk-up',
    open: async (page) => {
      await go(page, 'desk', 'desk-search')
      await page.getByTestId('walkup-open').click()
      await expect(page.getByTestId('walkup-form')).toBeVisible()
    }
  },
  {
    name: 'attendees',
    open: async (page) => {
      await go(page, 'attendees', 'attendee-row')
    }
  },
  {
    name: 'attendee',
    open: async (page) => {
      await go(page, 'attendees', 'attendee-row')
      const id = await page.getByTestId('attendee-row').first().getAttribute('data-id')
      await go(page, `attendees/${id}`, 'detail-history')
      await expect(page.getByTestId('history-item').first()).toBeVisible()
      // The drawer has slid in.
      await expect.poll(async () => {
        const box = (await page.getByTestId('attendee-detail').boundingBox())!
        return box.x + box.width <= page.viewportSize()!.width
      }).toBe(true)
    }
  },
  {
    name: 'import',
    open: async (page) => {
      await go(page, 'import', 'import-file')
      await page.getByTestId('import-file').setInputFiles(csvFile())
      await page.getByTestId('import-check').click()
      await expect(page.getByTestId('import-issue').first()).toBeVisible()
    }
  },
  { name: 'event', open: (page) => go(page, 'event', 'tt-row') },
  { name: 'vendors', open: (page) => go(page, 'vendors', 'vendor-row') },
  { name: 'vendor-request', open: (page) => go(page, `vendors/requests/${vendorSide.rfqId}`, 'comparison-total') },
  { name: 'vendor-contract', open: (page) => go(page, `vendors/contracts/${vendorSide.contractId}`, 'milestone') },
  { name: 'vendor-budget', open: (page) => go(page, 'vendors/budget', 'budget-line') },
  { name: 'staff', open: (page) => go(page, 'staff', 'staff-row') },
  { name: 'audit', open: (page) => go(page, 'audit', 'audit-entry') }
]

/** Who signs in for the screens of other devices and roles, and what shows they are in. */
const DEVICES = [
  ['Layout Kiosk', '4444', 'kiosk-shell'],
  ['Layout Badges', '5555', 'badge-station-shell'],
  ['Demo Scanner', '3333', 'desk-search']
] as const

/** Vendors, a quoted request awarded line by line, a contract with a paid and an overdue milestone, a budget line over budget. */
const vendorSide = { rfqId: '', contractId: '' }
async function seedVendorSide(station: RunningStation): Promise<void> {
  const options = (await station.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
  const organizer = options.find((s) => s.name === 'Demo Organizer')!
  const { token } = (await station.rpc('staff.signIn', { staffId: organizer.id, pin: '1234' })).body as { token: string }
  const rpc = async (method: string, body: unknown) => {
    const res = await station.rpc(method, body, token)
    if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`)
    return res.body
  }
  const [event] = await rpc('event.list', {})
  const vendorIds: string[] = []
  for (const [name, categories] of [['Kraftwerk Veranstaltungstechnik GmbH', ['av']], ['Délices & Traiteurs Associés', ['catering', 'staffing']], ['Łódzkie Studio Światła', ['av', 'decor']]] as const) {
    vendorIds.push((await rpc('vendor.create', { name, categories, contacts: [{ name: 'Maria Kowalska-Schmidt', email: 'maria@example.org' }], tags: ['preferred'] })).id)
  }
  const line = await rpc('budget.saveLine', { eventId: event.id, category: 'av', name: 'Audio, video and lighting', plannedMinor: 150_000, currency: 'EUR', control: 'warn' })
  await rpc('budget.saveLine', { eventId: event.id, category: 'catering', name: 'Catering day 1', plannedMinor: 1_200_000, currency: 'EUR', control: 'stop' })
  const rfq = await rpc('rfq.create', {
    eventId: event.id,
    title: 'AV for the main hall',
    currency: 'EUR',
    deadline: '2099-12-01',
    lines: [{ description: 'Projector 10,000 lumen', quantity: 2, unit: 'pc' }, { description: 'Line array sound system with technician', quantity: 2, unit: 'day' }],
    vendorIds
  })
  vendorSide.rfqId = rfq.id
  await rpc('rfq.send', { id: rfq.id })
  for (const [i, vendorId] of vendorIds.entries()) {
    await rpc('quote.save', { rfqId: rfq.id, vendorId, prices: rfq.lines.map((l: { id: string }, j: number) => ({ lineId: l.id, unitPriceMinor: 45_000 + ((i + j) % 3) * 12_500 })), taxBp: 2100, discountMinor: 0, validUntil: '2099-12-01', paymentTerms: '30 days' })
  }
  const award = await rpc('rfq.award', { id: rfq.id, lines: rfq.lines.map((l: { id: string }, j: number) => ({ lineId: l.id, vendorId: vendorIds[j]! })), declineReason: 'Another offer was chosen', budgetLineId: line.id })
  const contractId = award.contracts[0].id as string
  vendorSide.contractId = contractId
  const k = await rpc('contract.addMilestone', { contractId, milestone: { label: 'Deposit', dueOn: '2020-01-15', percent: 30 } })
  await rpc('contract.addMilestone', { contractId, milestone: { label: 'Balance after the event', dueOn: '2099-01-15', percent: 70 } })
  await rpc('contract.pay', { milestoneId: k.milestones[0].id, amountMinor: 10_000, paidOn: '2020-01-10', method: 'bank_transfer', reference: 'INV-2026-0042' })
}

async function addStaff(station: RunningStation, name: string, role: string, pin: string): Promise<void> {
  const options = (await station.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
  const organizer = options.find((s) => s.name === 'Demo Organizer')!
  const { body: session } = await station.rpc('staff.signIn', { staffId: organizer.id, pin: '1234' })
  await station.rpc('staff.create', { name, role, pin }, session.token)
}

test.describe.configure({ timeout: 1_200_000 })

test('every screen fits at 1024×768 and 1440×900 in all seven languages', async ({ page, demoStation }) => {
  await addStaff(demoStation, 'Layout Kiosk', 'kiosk', '4444')
  await addStaff(demoStation, 'Layout Badges', 'badge_station', '5555')
  await seedVendorSide(demoStation)
  const problems: string[] = []
  const lengths = new Map<string, Map<Language, number>>()
  const measure = async (screen: string, language: Language, size: { width: number }) => {
    for (const p of await cutOff(page)) problems.push(`${size.width} ${language} ${screen}: ${p}`)
    if (size === SMALL) {
      const byLanguage = lengths.get(screen) ?? new Map<Language, number>()
      byLanguage.set(language, await textLength(page))
      lengths.set(screen, byLanguage)
    }
  }

  for (const size of [SMALL, LARGE]) {
    await page.setViewportSize(size)
    for (const language of LANGUAGES) {
      await page.goto(demoStation.url)
      await setLanguage(page, language)
      await expect(page.getByTestId('signin-staff').first()).toBeVisible()
      await measure('sign-in', language, size)

      await signIn(page, demoStation.url, 'Demo Organizer', '1234')
      for (const screen of ORGANIZER_SCREENS) {
        await screen.open(page)
        await measure(screen.name, language, size)
        if (screen.name === 'attendees' && size === SMALL) {
          // The key columns are in view without scrolling sideways.
          const table = (await page.getByTestId('attendee-table').boundingBox())!
          for (const col of ['code', 'name', 'ticketType', 'status', 'checkedIn']) {
            const box = await page.locator(`[data-testid=attendee-table] [data-col=${col}]`).boundingBox()
            if (!box || box.x + box.width > table.x + table.width) problems.push(`${size.width} ${language} attendees: the ${col} column is not in view`)
          }
        }
      }
      await page.getByTestId('signout').click()

      for (const [name, pin, marker] of DEVICES) {
        await signIn(page, demoStation.url, name, pin)
        await expect(page.getByTestId(marker)).toBeVisible()
        await measure(marker, language, size)
        await page.getByTestId('signout').click()
      }
    }
  }

  // The longest language per screen, and screenshots of every screen in it and in English.
  const longest = new Map([...lengths].map(([screen, byLanguage]) => [screen, [...byLanguage].sort((a, b) => b[1] - a[1])[0]![0]]))
  console.log([...lengths].map(([screen, byLanguage]) => `${screen}: ${[...byLanguage].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`).join('\n'))
  const path = (size: { width: number }, screen: string, language: Language) =>
    join(__dirname, '..', '..', 'test-results', 'screenshots', `layout-${size.width}-${screen}-${language}.png`)
  for (const size of [SMALL, LARGE]) {
    await page.setViewportSize(size)
    for (const language of new Set<Language>(['en', ...longest.values()])) {
      const wanted = (screen: string) => language === 'en' || longest.get(screen) === language
      await page.goto(demoStation.url)
      await setLanguage(page, language)
      await expect(page.getByTestId('signin-staff').first()).toBeVisible()
      if (wanted('sign-in')) await page.screenshot({ path: path(size, 'sign-in', language) })
      await signIn(page, demoStation.url, 'Demo Organizer', '1234')
      for (const screen of ORGANIZER_SCREENS.filter((s) => wanted(s.name))) {
        await screen.open(page)
        await page.screenshot({ path: path(size, screen.name, language) })
      }
      await page.getByTestId('signout').click()
      for (const [name, pin, marker] of DEVICES.filter(([, , m]) => wanted(m))) {
        await signIn(page, demoStation.url, name, pin)
        await expect(page.getByTestId(marker)).toBeVisible()
        await page.screenshot({ path: path(size, marker === 'desk-search' ? 'scanner' : marker, language) })
        await page.getByTestId('signout').click()
      }
    }
  }
  expect(problems).toEqual([])
})
