/** A 50,000-row import through the UI: the screen shows real progress while the desk keeps answering. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStation } from '../support/station-process'
import { expect, shot, signIn, test } from './fixtures'

test('importing 50,000 attendees shows progress and keeps other screens answering', async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-large-'))
  const station = await startStation(dir, ['--demo'])
  try {
    const csvPath = join(dir, 'big.csv')
    const lines = ['First Name,Last Name,Email Address,Company Name']
    for (let i = 0; i < 50_000; i++) lines.push(`Bulk${i},Importé${i},bulk${i}@example.org,Großhandel ${i % 50}`)
    writeFileSync(csvPath, lines.join('\n'))

    const organizer = await browser.newPage()
    await signIn(organizer, station.url, 'Demo Organizer', '1234')
    await organizer.getByTestId('nav-import').click()
    await organizer.getByTestId('import-file').setInputFiles(csvPath)
    await organizer.getByTestId('import-check').click()
    await expect(organizer.getByTestId('import-summary')).toContainText('50,000')
    await organizer.getByTestId('import-commit').click()

    // Real progress, part-way.
    await expect(organizer.getByTestId('import-saving')).toContainText(/Saved [\d,]+ of 50,000/)
    await shot(organizer, '13-import-progress')

    // Meanwhile another desk still searches.
    const other = await browser.newPage()
    await signIn(other, station.url, 'Demo Desk', '2222')
    await other.getByTestId('desk-search').fill('muller')
    await expect(other.getByTestId('desk-result').first()).toBeVisible()

    await expect(organizer.getByTestId('import-result')).toContainText('50,000', { timeout: 60_000 })
    await expect.poll(async () => (await other.getByTestId('counter-checked-in').textContent()) ?? '').toContain('/ 52000')
    await shot(organizer, '14-import-done')
  } finally {
    await station.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
