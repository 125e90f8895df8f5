/**
 * The vendor side of an event in Chromium against a real station: three
 * vendors, a budget line, a request for quotation to all three, three quotes,
 * the comparison, lines awarded to two vendors, a contract signed, its
 * deposit paid, the budget moving from planned to committed to paid, and
 * its export.
 */
import { expect, forbidDialogs, shot, signIn, test } from './fixtures'

const VENDORS = ['Alpha Audio', 'Beta Stage', 'Gamma Light'] as const
// Unit prices per vendor for (projectors × 2, sound system × 1): Beta is lowest on projectors, Gamma on sound.
const PRICES: Record<(typeof VENDORS)[number], [string, string]> = {
  'Alpha Audio': ['100', '500'],
  'Beta Stage': ['80', '600'],
  'Gamma Light': ['120', '450']
}

test('RFQ → quotes → award → contract → payment → budget', async ({ page, demoStation }) => {
  forbidDialogs(page)
  await signIn(page, demoStation.url, 'Demo Organizer', '1234')
  await page.getByTestId('nav-vendors').click()
  await expect(page.getByTestId('vendor-form')).toBeVisible()

  for (const name of VENDORS) {
    await page.getByTestId('vendor-name').fill(name)
    await page.getByTestId('vendor-save').click()
    await expect(page.getByTestId('vendor-row').filter({ hasText: name })).toBeVisible()
  }
  await shot(page, 'vendors-01-directory')

  // A budget line, deliberately tight and set to warn.
  await page.getByTestId('vendors-tab-budget').click()
  await page.getByTestId('budget-category').selectOption('av')
  await page.getByTestId('budget-name').fill('AV main hall')
  await page.getByTestId('budget-planned-input').fill('500')
  await page.getByTestId('budget-control').selectOption('warn')
  await page.getByTestId('budget-save').click()
  const line = page.getByTestId('budget-line').filter({ hasText: 'AV main hall' })
  await expect(line.getByTestId('budget-planned')).toHaveText('€500.00')
  await expect(line.getByTestId('budget-committed')).toHaveText('€0.00')

  // A request for quotation with two lines, to all three vendors.
  await page.getByTestId('vendors-tab-requests').click()
  await page.getByTestId('rfq-title').fill('AV for the main hall')
  await page.getByTestId('rfq-line-description').first().fill('Projector')
  await page.getByTestId('rfq-line-quantity').first().fill('2')
  await page.getByTestId('rfq-line-unit').first().fill('pc')
  await page.getByTestId('rfq-add-line').click()
  await page.getByTestId('rfq-line-description').nth(1).fill('Sound system')
  await page.getByTestId('rfq-line-unit').nth(1).fill('day')
  await page.getByTestId('rfq-vendors').click()
  for (const name of VENDORS) await page.getByRole('option', { name }).click()
  await page.keyboard.press('Escape')
  await page.getByTestId('rfq-create').click()
  await expect(page.getByTestId('rfq-detail')).toBeVisible()
  await page.getByTestId('rfq-send').click()
  await expect(page.getByTestId('rfq-status')).toHaveAttribute('data-status', 'sent')

  // Three quotes.
  for (const name of VENDORS) {
    await page.getByTestId('rfq-invite').filter({ hasText: name }).getByTestId('quote-open').click()
    const form = page.getByTestId('quote-form')
    await form.getByTestId('quote-price').nth(0).fill(PRICES[name][0])
    await form.getByTestId('quote-price').nth(1).fill(PRICES[name][1])
    await form.getByTestId('quote-save').click()
    await expect(form).toBeHidden()
  }

  // The comparison: lowest per line and in total.
  const comparison = page.getByTestId('comparison')
  await expect(comparison.locator('[data-testid=comparison-cell][data-lowest=true]')).toHaveCount(2)
  await expect(comparison.getByTestId('comparison-total').and(page.locator('[data-lowest=true]'))).toHaveText('€834.90')
  await shot(page, 'vendors-02-comparison')

  // Award line by line (lowest preselected): projectors to Beta, sound to Gamma, Alpha declined.
  await page.getByTestId('award-budget-line').selectOption({ label: 'AV main hall (EUR)' })
  await page.getByTestId('award-save').click()
  await expect(page.getByTestId('rfq-status')).toHaveAttribute('data-status', 'closed')
  await expect(page.getByTestId('rfq-invite').filter({ hasText: 'Alpha Audio' })).toContainText('Declined')
  await expect(page.getByTestId('comparison-awarded')).toHaveCount(2)
  await shot(page, 'vendors-03-awarded')

  // Two contracts; sign Gamma's, add a 30% deposit, pay it.
  await page.getByTestId('vendors-tab-contracts').click()
  // The demo station is shared with earlier files (the layout spec adds contracts of its own): count this test's vendors' rows.
  await expect(page.getByTestId('contract-row').filter({ hasText: new RegExp(VENDORS.join('|')) })).toHaveCount(2)
  await page.getByTestId('contract-row').filter({ hasText: 'Gamma Light' }).getByRole('link').click()
  await expect(page.getByTestId('contract-detail')).toBeVisible()
  await page.getByTestId('contract-signed-by').fill('Gina Gamma')
  await page.getByTestId('contract-to-signed').click()
  await expect(page.getByTestId('contract-status')).toHaveAttribute('data-status', 'signed')
  const milestoneForm = page.getByTestId('milestone-form')
  await milestoneForm.getByLabel('Label').fill('Deposit')
  await milestoneForm.getByLabel('% of contract').fill('30')
  await milestoneForm.getByRole('button').click()
  await page.getByTestId('milestone-pay').click()
  await expect(page.getByTestId('payment-amount')).toHaveValue('163.35')
  await page.getByTestId('payment-save').click()
  await expect(page.getByTestId('milestone')).toHaveAttribute('data-state', 'paid')
  await expect(page.getByTestId('contract-paid')).toHaveText('€163.35')
  await shot(page, 'vendors-04-contract')

  // The budget: committed (both awarded contracts, 193.60 + 544.50) and paid; over its 500 in red.
  await page.getByTestId('vendors-tab-budget').click()
  await expect(line.getByTestId('budget-committed')).toHaveText('€738.10')
  await expect(line.getByTestId('budget-paid')).toHaveText('€163.35')
  await expect(line).toHaveAttribute('data-over', 'true')
  await expect(line.getByTestId('budget-variance')).toHaveText('-€238.10')
  await expect(line).toHaveCSS('color', 'rgb(224, 49, 49)')
  await shot(page, 'vendors-05-budget')

  // Budget vs actual as XLSX.
  const download = page.waitForEvent('download')
  await page.getByTestId('budget-export').click()
  expect((await download).suggestedFilename()).toMatch(/budget \d{4}-\d{2}-\d{2}\.xlsx$/)
})

test('a vendor manager sees the vendor side only; the desk sees none of it', async ({ page, demoStation }) => {
  forbidDialogs(page)
  const options = (await demoStation.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
  const organizer = options.find((s) => s.name === 'Demo Organizer')!
  const { token } = (await demoStation.rpc('staff.signIn', { staffId: organizer.id, pin: '1234' })).body as { token: string }
  await demoStation.rpc('staff.create', { name: 'Vera Vendors', role: 'vendor_manager', pin: '6767' }, token)
  await demoStation.rpc('staff.create', { name: 'Dirk Desk', role: 'desk', pin: '6868' }, token)

  await signIn(page, demoStation.url, 'Vera Vendors', '6767')
  await expect(page.getByTestId('vendors-screen')).toBeVisible()
  await expect(page.locator('[data-testid^=nav-]')).toHaveCount(1)
  await page.getByTestId('vendors-tab-budget').click()
  await expect(page.getByTestId('budget-form')).toBeVisible()
  await page.getByTestId('signout').click()

  await signIn(page, demoStation.url, 'Dirk Desk', '6868')
  await expect(page.getByTestId('nav-vendors')).toHaveCount(0)
  await page.evaluate("window.location.hash = '#/vendors/budget'")
  // A route the role may not open leads to its first screen.
  await expect(page.getByTestId('desk-search')).toBeVisible()
  await expect(page.getByTestId('vendors-screen')).toHaveCount(0)
})
