/**
 * The sales team's flow in the browser: a lead typed in, scored and qualified,
 * turned into an opportunity, moved across the board while the column totals
 * follow; an exhibitor scanning badges at the booth sees its leads with only
 * the fields the organizer allows.
 */
import { randomUUID } from 'node:crypto'
import { expect, forbidDialogs, shot, signIn, test } from './fixtures'

test('lead → qualified → opportunity → across the board, totals follow; a booth scans badges', async ({ page, station }) => {
  forbidDialogs(page)
  const { body: first } = await station.rpc('staff.setupFirstOrganizer', { name: 'Olga Organizer', pin: '1234' })
  const organizer = first.token as string
  const event = (
    await station.rpc(
      'event.create',
      { name: 'Nordic Tech Summit', type: 'conference', startDate: '2026-11-23', endDate: '2026-11-24', timezone: 'Europe/Berlin', venue: 'Hall 1', capacity: 1000, status: 'live' },
      organizer
    )
  ).body
  const ticket = (await station.rpc('ticketType.create', { eventId: event.id, code: 'GA', name: 'General', priceCents: 0, currency: 'EUR', capacity: null, color: '#1e88e5' }, organizer)).body
  await station.rpc('staff.create', { name: 'Sam Seller', role: 'sales', pin: '2345' }, organizer)
  // Another deal already in the pipeline, so a column holds more than the new one.
  const acme = (await station.rpc('account.create', { name: 'Acme', domain: null, industry: null, employees: null, website: null, notes: null }, organizer)).body
  const deal = {
    eventId: event.id, accountId: acme.id, name: 'Acme booth', product: 'booth', sponsorLevel: null, boothSize: null, boothLocation: null, ticketCount: null,
    amountCents: 200_000, currency: 'EUR', probability: null, closeDate: '2026-12-10', ownerId: null, nextStep: null, notes: null, stage: 'proposal'
  }
  expect((await station.rpc('opportunity.create', deal, organizer)).status).toBe(200)

  await signIn(page, station.url, 'Sam Seller', '2345')
  await expect(page.getByTestId('nav-sales')).toBeVisible()
  await page.getByTestId('nav-sales').click()

  // A lead: company e-mail (+50) and a CEO (+30) → ready to qualify.
  await page.getByTestId('lead-firstName').fill('Greta')
  await page.getByTestId('lead-lastName').fill('Lindqvist')
  await page.getByTestId('lead-email').fill('greta@nordlicht.se')
  await page.getByTestId('lead-company').fill('Nordlicht AB')
  await page.getByTestId('lead-jobTitle').fill('CEO')
  await page.getByTestId('lead-add').click()
  const row = page.getByTestId('lead-row').filter({ hasText: 'Greta' })
  await expect(row.getByTestId('lead-score')).toHaveText('80')
  await shot(page, 'sales-01-leads')
  await row.getByTestId('lead-qualify').click()
  await expect(row).toHaveAttribute('data-status', 'qualified')

  // Qualified → an opportunity of 12,500.00 EUR; the board opens.
  await row.getByTestId('lead-convert').click()
  await page.getByTestId('convert-amount').fill('12500')
  await page.getByTestId('convert-save').click()
  await expect(page.getByTestId('board')).toBeVisible()
  const column = (stage: string) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`)
  await expect(column('prospect').getByTestId('column-count')).toHaveText('1')
  await expect(column('prospect').getByTestId('column-sum')).toContainText('12,500.00')
  await expect(column('prospect').getByTestId('column-weighted')).toContainText('1,250.00')
  // A sales person's board shows their own deals: the organizer's Acme deal is not counted here.
  await expect(column('proposal').getByTestId('column-count')).toHaveText('0')

  // Drag the card to Proposal (75 %): the totals move with it.
  const card = page.getByTestId('board-card').filter({ hasText: 'Nordlicht' })
  await card.dragTo(column('proposal'))
  await expect(column('proposal').getByTestId('column-count')).toHaveText('1')
  await expect(column('proposal').getByTestId('column-weighted')).toContainText('9,375.00')
  await expect(column('prospect').getByTestId('column-count')).toHaveText('0')
  // And on to Negotiation (90 %) with the stage picker.
  await page.getByTestId('board-card').filter({ hasText: 'Nordlicht' }).getByTestId('card-stage').selectOption('negotiation')
  await expect(column('negotiation').getByTestId('column-weighted')).toContainText('11,250.00')
  await expect(column('proposal').getByTestId('column-count')).toHaveText('0')
  await shot(page, 'sales-02-board')

  // The organizer sees the whole team's pipeline: Proposal holds the Acme deal.
  await page.getByTestId('signout').click()
  await signIn(page, station.url, 'Olga Organizer', '1234')
  await page.evaluate("window.location.hash = '#/sales/pipeline'")
  await expect(column('proposal').getByTestId('column-count')).toHaveText('1')
  await expect(column('negotiation').getByTestId('column-sum')).toContainText('12,500.00')

  // The booth: an exhibitor's staff member scans two badges (one twice) and sees name and company only.
  const visitor = (
    await station.rpc(
      'attendee.register',
      { eventId: event.id, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.org', company: 'Engines Ltd', ticketTypeId: ticket.id, paymentMethod: 'cash', amountCents: 0 },
      organizer
    )
  ).body
  const exhibitor = (await station.rpc('exhibitor.save', { id: randomUUID(), eventId: event.id, name: 'Acme', booth: 'B12', fields: ['name', 'company'] }, organizer)).body
  const boothStaff = (await station.rpc('staff.create', { name: 'Bo Booth', role: 'exhibitor', pin: '3456' }, organizer)).body
  await station.rpc('exhibitor.assign', { staffId: boothStaff.id, exhibitorId: exhibitor.id }, organizer)
  await page.getByTestId('signout').click()
  await signIn(page, station.url, 'Bo Booth', '3456')
  await expect(page.getByTestId('booth-screen')).toBeVisible()
  await expect(page.getByTestId('nav-sales')).toHaveCount(0)
  for (let i = 0; i < 2; i++) {
    await page.getByTestId('booth-code').fill(visitor.code)
    await page.getByTestId('booth-tags').fill('hot')
    await page.getByTestId('booth-scan').click()
    await expect(page.getByTestId('booth-code')).toHaveValue('')
  }
  await page.getByTestId('booth-code').fill('ZZZZZZ')
  await page.getByTestId('booth-scan').click()
  await expect(page.getByTestId('booth-unknown')).toBeVisible()
  await expect(page.getByTestId('booth-lead')).toHaveCount(1)
  await expect(page.getByTestId('booth-lead')).toContainText('Ada Lovelace')
  await expect(page.getByTestId('booth-lead')).toContainText('Engines Ltd')
  await expect(page.getByTestId('booth-lead')).not.toContainText('ada@example.org')
  await expect(page.getByTestId('booth-scans')).toBeVisible()
  await shot(page, 'sales-03-booth')
})
