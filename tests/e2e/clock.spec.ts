/** A desk whose computer clock is far behind its own changes warns, and still checks people in. */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStation } from '../support/station-process'
import { expect, shot, signIn, test } from './fixtures'

test('a wrong clock shows a warning banner and check-in still works', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'eventdesk-e2e-clock-'))
  try {
    await (await startStation(dir, ['--demo'])).stop()
    // As if this desk had written changes two hours from now, then its clock was set back.
    const db = new Database(join(dir, 'eventdesk.db'))
    const future = new Date(Date.now() + 2 * 3600_000).toISOString()
    db.prepare("INSERT INTO changes (hlc, desk_id, staff_id, action, tbl, row_id, op, data) VALUES (?, 'x', NULL, 'test', 'desks', 'x', 'update', '{}')").run(
      `${future}-0000-FFFFFFFFFFFFFFFF`
    )
    db.close()

    const station = await startStation(dir)
    try {
      await signIn(page, station.url, 'Demo Desk', '2222')
      await expect(page.getByTestId('clock-warning')).toContainText(/about 12\d minutes behind/)
      await page.getByTestId('desk-search').fill('muller')
      // Someone not in yet, so the check-in must admit them.
      const notIn = page.getByTestId('desk-result').filter({ hasText: /M[uü]ller/ }).filter({ hasNot: page.getByTestId('desk-result-checked-in') })
      await notIn.first().getByTestId('desk-checkin').click()
      await expect(page.getByTestId('checkin-outcome')).toHaveAttribute('data-outcome', 'admitted')
      await shot(page, '17-clock-warning')
    } finally {
      await station.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
