/**
 * Every screen works at 1024×768 (and 1440×900) in all seven languages: no
 * button, nav entry, column header, badge or field label is cut off or pushed
 * out of view, and the attendee table shows its key columns without scrolling
 * sideways. Screenshots of every screen in English and in the language whose
 * text is longest on that screen are kept (test-results/screenshots/layout-*).
 */
import type { Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultTemplate } from '../../src/shared/badge-template'
import type { RunningStation } from '../support/station-process'
import { expect, organizerToken, signIn, test } from './fixtures'
import { cutOff, LANGUAGES, LARGE, layoutShotPath, setLanguage, SMALL, textLength, type Language } from './layout-tools'

interface Screen {
  name: string
  /** Gets the page to the screen (already signed in as the right person). */
  open(page: Page): Promise<void>
}

async function go(page: Page, path: string, marker: string): Promise<void> {
  await page.evaluate(`window.location.hash = '#/${path}'`)
  await expect(page.getByTestId(marker).first()).toBeVisible()
}

const REAL_EXPORTS = join(__dirname, '..', 'fixtures', 'import', 'real')

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
    // The outcome card with what tells namesakes apart, and the door's sound and flash switches.
    name: 'desk-outcome',
    open: async (page) => {
      await go(page, 'desk', 'desk-search')
      await page.getByTestId('desk-search').fill('muller')
      const code = (await page.getByTestId('desk-result-code').first().textContent())!
      await page.getByTestId('desk-search').fill(code)
      await page.getByTestId('desk-search').press('Enter')
      await expect(page.getByTestId('checkin-outcome-details')).toBeVisible()
    }
  },
  {
    // A page of matches and how many more there are.
    name: 'desk-more',
    open: async (page) => {
      await go(page, 'desk', 'desk-search')
      await page.getByTestId('desk-search').fill('a')
      await expect(page.getByTestId('desk-more')).toBeVisible()
    }
  },
  {
    name: 'desk-error',
    open: async (page) => {
      await go(page, 'desk', 'desk-search')
      await page.route('**/api/rpc/checkin.byCode', (route) =>
        route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'x', key: 'internal' } }) })
      )
      await page.getByTestId('desk-search').fill('ZZZZZZ')
      await page.getByTestId('desk-search').press('Enter')
      await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'error')
      await page.unroute('**/api/rpc/checkin.byCode')
    }
  },
  {
    // Someone who is in: their check-in and its undo, no second "Check in".
    name: 'attendee-checked-in',
    open: async (page) => {
      await go(page, 'attendees', 'attendee-row')
      await page.getByTestId('attendees-checked-in').selectOption('yes')
      await expect(page.getByTestId('attendee-row').first()).toBeVisible()
      const id = await page.getByTestId('attendee-row').first().getAttribute('data-id')
      await go(page, `desk/${id}`, 'detail-current-checkin')
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
      await expect(page.getByTestId('import-issue').first()).toBeVisible({ timeout: 60_000 })
    }
  },
  {
    // A real export: the ticket types it names that the event lacks (create or map), its statuses with their choices, the check's summary.
    name: 'import-preview',
    open: async (page) => {
      await go(page, 'import', 'import-file')
      await page.getByTestId('import-file').setInputFiles(join(REAL_EXPORTS, 'pretix-checkin-list.csv'))
      // Parsed in a worker thread: on a loaded machine this can take a while.
      await expect(page.getByTestId('import-ticket-types')).toBeVisible({ timeout: 60_000 })
      await expect(page.getByTestId('import-statuses')).toBeVisible()
      await expect(page.getByTestId('import-tt-create').first()).toBeVisible()
      await page.getByTestId('import-check').click()
      await expect(page.getByTestId('import-summary')).toBeVisible()
    }
  },
  { name: 'conflicts', open: (page) => go(page, 'conflicts', 'conflict') },
  {
    name: 'door',
    open: async (page) => {
      await go(page, 'door', 'door-list-picker')
      await page.getByTestId('door-list-picker').click()
      await page.getByRole('option', { name: 'Main entrance' }).click()
      // A refusal with its longest explanation: a ticket type this list does not admit is not it; an unknown code is.
      await page.getByTestId('door-code').fill('ZZZZZZ')
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('door-outcome')).toHaveAttribute('data-outcome', 'unknown_code')
    }
  },
  { name: 'lists', open: (page) => go(page, 'lists', 'lists-row') },
  { name: 'event', open: (page) => go(page, 'event', 'tt-row') },
  { name: 'badges', open: (page) => go(page, 'badges', 'badge-editor') },
  {
    name: 'badge-printers',
    open: async (page) => {
      await go(page, 'badges', 'badges-tab-printers')
      await page.getByTestId('badges-tab-printers').click()
      await expect(page.getByTestId('printer-row').first()).toBeVisible()
    }
  },
  {
    name: 'badge-queue',
    open: async (page) => {
      await go(page, 'badges', 'badges-tab-queue')
      await page.getByTestId('badges-tab-queue').click()
      await expect(page.getByTestId('print-job').first()).toBeVisible()
    }
  },
  { name: 'vendors', open: (page) => go(page, 'vendors', 'vendor-row') },
  { name: 'vendor-request', open: (page) => go(page, `vendors/requests/${vendorSide.rfqId}`, 'comparison-total') },
  { name: 'vendor-contract', open: (page) => go(page, `vendors/contracts/${vendorSide.contractId}`, 'milestone') },
  { name: 'vendor-budget', open: (page) => go(page, 'vendors/budget', 'budget-line') },
  { name: 'staff', open: (page) => go(page, 'staff', 'staff-row') },
  { name: 'sales-leads', open: (page) => go(page, 'sales', 'lead-row') },
  { name: 'sales-board', open: (page) => go(page, 'sales/pipeline', 'board-card') },
  { name: 'exhibitors', open: (page) => go(page, 'booth/exhibitors', 'exhibitor-row') },
  { name: 'audit', open: (page) => go(page, 'audit', 'audit-entry') },
  {
    name: 'desks',
    open: async (page) => {
      await go(page, 'desks', 'this-desk')
      // The invitation of an earlier round may still be showing.
      if (await page.getByTestId('pairing-cancel').isVisible()) await page.getByTestId('pairing-cancel').click()
      // The desk's status and "Add a desk" open in view: nothing below (the join form) pulls the page down.
      await expect(page.getByTestId('pair-start')).toBeInViewport()
    }
  },
  {
    name: 'pairing',
    open: async (page) => {
      await go(page, 'desks', 'this-desk')
      // The invitation of an earlier round may still be showing.
      if (await page.getByTestId('pair-start').isVisible()) await page.getByTestId('pair-start').click()
      await expect(page.getByTestId('pairing-code')).toBeVisible()
    }
  },
  { name: 'backup', open: (page) => go(page, 'desks/backup', 'backup-tab') }
]

/** The first screens of a fresh desk (no staff yet): set up, join a fleet, restore a backup. */
const FIRST_RUN_SCREENS: Screen[] = [
  { name: 'first-run', open: (page) => expect(page.getByTestId('first-run-join-open')).toBeVisible() },
  {
    name: 'first-run-join',
    open: async (page) => {
      await page.getByTestId('first-run-join-open').click()
      await expect(page.getByTestId('join-code')).toBeVisible()
    }
  },
  {
    name: 'first-run-restore',
    open: async (page) => {
      await page.getByTestId('first-run-restore-open').click()
      await expect(page.getByTestId('restore-find')).toBeVisible()
    }
  }
]

async function openFirstRun(page: Page, station: RunningStation, language: Language, screen: Screen): Promise<void> {
  await page.goto(station.url)
  await setLanguage(page, language)
  await screen.open(page)
}

/** Who signs in for the screens of other devices and roles, and what shows they are in. */
const DEVICES = [
  ['Layout Kiosk', '4444', 'kiosk-shell'],
  ['Layout Badges', '5555', 'badge-station-shell'],
  ['Demo Scanner', '3333', 'desk-search'],
  ['Layout Booth', '6666', 'booth-screen']
] as const

/** A badge template, a printer whose CUPS queue does not exist and a job that fails on it: every badge screen has rows. */
async function badgeSetUp(station: RunningStation): Promise<void> {
  const token = await organizerToken(station)
  const event = await demoEvent(station, token)
  await station.rpc('badge.saveTemplate', { eventId: event!.id, name: 'Conference badge', template: defaultTemplate() }, token)
  const printer = (await station.rpc('printer.save', { printer: { name: 'Entrance label printer', kind: 'zpl', transport: 'cups', address: 'eventdesk-layout-no-such-queue', mediaWidth: 102, mediaHeight: 76 } }, token)).body as { id: string }
  const { rows } = (await station.rpc('attendee.list', { eventId: event!.id, limit: 2 }, token)).body as { rows: { id: string }[] }
  for (const a of rows) await station.rpc('print.badge', { attendeeId: a.id, printerId: printer.id }, token)
}

/** Check-in lists on every event of the demo station, for the door screens. */
async function addLists(station: RunningStation): Promise<void> {
  const token = await organizerToken(station)
  const rules = { ticketTypeIds: [], days: [], opensAt: null, closesAt: null, toleranceMinutes: 15, reentry: false, autoCheckoutAt: '04:00' }
  for (const event of (await station.rpc('event.list', {}, token)).body as { id: string }[]) {
    await station.rpc('checkinList.create', { eventId: event.id, list: { ...rules, name: 'Main entrance', mode: 'entry_exit', capacity: 1500 } }, token)
    await station.rpc('checkinList.create', { eventId: event.id, list: { ...rules, name: 'Workshop room B', mode: 'entry', opensAt: '09:00', closesAt: '12:30', capacity: 40 } }, token)
  }
}

/** Vendors, a quoted request awarded line by line, a contract with a paid and an overdue milestone, a budget line over budget. */
const vendorSide = { rfqId: '', contractId: '' }
async function seedVendorSide(station: RunningStation): Promise<void> {
  const token = await organizerToken(station)
  const rpc = async (method: string, body: unknown) => {
    const res = await station.rpc(method, body, token)
    if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`)
    return res.body
  }
  const event = await demoEvent(station, token)
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

/** The demo's own event (on today: what the desk opens on). The station is shared with other files of this worker, which may add events. */
async function demoEvent(station: RunningStation, token: string): Promise<{ id: string }> {
  const events = (await station.rpc('event.list', {}, token)).body as { id: string; name: string }[]
  return events.find((e) => e.name === 'EventDesk Demo Conference')!
}

async function addStaff(station: RunningStation, name: string, role: string, pin: string): Promise<string> {
  return (await station.rpc('staff.create', { name, role, pin }, await organizerToken(station))).body.id as string
}

/** Leads, deals in two currencies and a booth with scanned visitors, with long names where they can be. */
async function seedSales(station: RunningStation, boothStaffId: string): Promise<void> {
  const token = await organizerToken(station)
  const rpc = async (method: string, body: unknown) => {
    const res = await station.rpc(method, body, token)
    if (res.status !== 200) throw new Error(`${method}: ${JSON.stringify(res.body)}`)
    return res.body
  }
  const event = await demoEvent(station, token)
  const person = { eventId: event!.id, companySize: null, phone: null, ownerId: null, notes: null }
  await rpc('lead.create', { ...person, firstName: 'Maximiliane', lastName: 'Schwarzenberger-Wittgenstein', email: 'm.schwarzenberger@nordlicht-industrieanlagen.de', company: 'Nordlicht Industrieanlagen GmbH & Co. KG', jobTitle: 'Head of Marketing' })
  const ready = await rpc('lead.create', { ...person, firstName: 'Jan', lastName: 'de Vries', email: 'jan@example.nl', company: 'Polder BV', jobTitle: 'CEO' })
  await rpc('lead.setStatus', { id: ready.id, status: 'qualified' })
  await rpc('lead.create', { ...person, firstName: 'Ana', lastName: 'Díaz', email: 'ana@gmail.com', company: null, jobTitle: null })
  const account = await rpc('account.create', { name: 'Nordlicht Industrieanlagen GmbH & Co. KG', domain: null, industry: null, employees: null, website: null, notes: null })
  const deal = { eventId: event!.id, accountId: account.id, sponsorLevel: null, boothSize: null, boothLocation: null, ticketCount: null, probability: null, ownerId: null, nextStep: null, notes: null }
  for (const [name, product, amountCents, currency, stage] of [
    ['Platinum sponsorship and keynote slot', 'sponsorship', 4_500_000, 'EUR', 'negotiation'],
    ['Double booth at the entrance', 'booth', 1_250_000, 'EUR', 'proposal'],
    ['Group tickets for the sales team', 'group_tickets', 990_000, 'USD', 'proposal'],
    ['Newsletter banner', 'advertising', 150_000, 'EUR', 'prospect']
  ] as const) {
    await rpc('opportunity.create', { ...deal, name, product, amountCents, currency, stage, closeDate: '2026-12-15' })
  }
  const exhibitor = await rpc('exhibitor.save', { id: randomUUID(), eventId: event!.id, name: 'Nordlicht Industrieanlagen', booth: 'Hall 2 · B12', fields: ['name', 'company', 'jobTitle'] })
  await rpc('exhibitor.assign', { staffId: boothStaffId, exhibitorId: exhibitor.id })
  const codes = ((await rpc('attendee.list', { eventId: event!.id, limit: 3 })) as { rows: { code: string }[] }).rows.map((a) => a.code)
  for (const [i, code] of codes.entries()) {
    await rpc('booth.scan', { exhibitorId: exhibitor.id, code, scannedAt: new Date().toISOString(), rating: i + 2, tags: ['hot', 'partner'].slice(0, i + 1), notes: i === 0 ? 'Wants a demo of the registration kiosk in March' : null })
  }
}


/** A conflict one desk can make: a ticket type an organizer knowingly took past its capacity (shown in the header too). */
async function overCapacity(station: RunningStation): Promise<void> {
  const token = await organizerToken(station)
  const eventId = (await demoEvent(station, token)).id
  const workshop = { eventId, code: 'WS', name: 'Workshop', priceCents: 0, currency: 'EUR', capacity: 1, color: '#00897b' }
  const ticketTypeId = (await station.rpc('ticketType.create', workshop, token)).body.id as string
  for (const lastName of ['Kowalczyk', 'Fernández']) {
    const walkUp = { eventId, firstName: 'Ola', lastName, email: null, company: null, ticketTypeId, paymentMethod: 'cash', amountCents: 0, allowOverCapacity: true }
    expect((await station.rpc('attendee.register', walkUp, token)).status).toBe(200)
  }
}

// Sign-in, 26 organizer screens, 4 devices and 3 first-run screens, 7 languages, 2 sizes: over 10 minutes on a loaded machine.
test.describe.configure({ timeout: 1_800_000 })

test('every screen fits at 1024×768 and 1440×900 in all seven languages', async ({ page, demoStation, station }) => {
  await addStaff(demoStation, 'Layout Kiosk', 'kiosk', '4444')
  await addStaff(demoStation, 'Layout Badges', 'badge_station', '5555')
  await overCapacity(demoStation)
  await badgeSetUp(demoStation)
  await addLists(demoStation)
  await seedSales(demoStation, await addStaff(demoStation, 'Layout Booth', 'exhibitor', '6666'))
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

      for (const screen of FIRST_RUN_SCREENS) {
        await openFirstRun(page, station, language, screen)
        await measure(screen.name, language, size)
      }
    }
  }

  // The longest language per screen, and screenshots of every screen in it and in English.
  const longest = new Map([...lengths].map(([screen, byLanguage]) => [screen, [...byLanguage].sort((a, b) => b[1] - a[1])[0]![0]]))
  console.log([...lengths].map(([screen, byLanguage]) => `${screen}: ${[...byLanguage].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`).join('\n'))
  const path = layoutShotPath
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
      for (const screen of FIRST_RUN_SCREENS.filter((s) => wanted(s.name))) {
        await openFirstRun(page, station, language, screen)
        await page.screenshot({ path: path(size, screen.name, language) })
      }
    }
  }
  expect(problems).toEqual([])
})
