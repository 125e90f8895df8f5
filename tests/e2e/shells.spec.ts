/**
 * Each device downloads its own shell: a kiosk tablet (and a badge station)
 * loads the entry and its small shell, never the back office or a feature.
 * The chunks are read from the build's manifest; the sizes are printed.
 */
import type { Page } from '@playwright/test'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { RunningStation } from '../support/station-process'
import { expect, shot, signIn, test } from './fixtures'

const OUT = join(__dirname, '..', '..', 'out', 'renderer')

interface Chunk {
  file: string
  src?: string
  isEntry?: boolean
  imports?: string[]
}

const manifest = JSON.parse(readFileSync(join(OUT, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>

/** The JS files a manifest entry loads before it runs: itself and its static imports, recursively. */
function closure(key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key]!
  if (into.has(chunk.file)) return into
  into.add(chunk.file)
  for (const imported of chunk.imports ?? []) closure(imported, into)
  return into
}

const fileOf = (src: string) => manifest[src]!.file
const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!
const backOfficeFiles = new Set(
  Object.keys(manifest)
    .filter((k) => k.startsWith('src/features/') || k.startsWith('src/shells/backOffice/'))
    .map(fileOf)
)

function size(files: Iterable<string>): { raw: number; gzip: number } {
  let raw = 0
  let gzip = 0
  for (const file of files) {
    raw += statSync(join(OUT, file)).size
    gzip += gzipSync(readFileSync(join(OUT, file))).length
  }
  return { raw, gzip }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`

/** The /assets/*.js files a page fetches from now on. */
function scriptsOf(page: Page): Set<string> {
  const loaded = new Set<string>()
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname.slice(1)
    if (path.startsWith('assets/') && path.endsWith('.js')) loaded.add(path)
  })
  return loaded
}

async function addStaff(station: RunningStation, name: string, role: string, pin: string): Promise<void> {
  const options = await station.rpc('staff.signInOptions', {})
  const organizer = (options.body as { id: string; name: string }[]).find((s) => s.name === 'Demo Organizer')!
  const { body: session } = await station.rpc('staff.signIn', { staffId: organizer.id, pin: '1234' })
  const created = await station.rpc('staff.create', { name, role, pin }, session.token)
  expect(created.status).toBe(200)
}

test('a kiosk tablet and a badge station never download the back office', async ({ browser, demoStation }) => {
  await addStaff(demoStation, 'Kiosk Hall A', 'kiosk', '4444')
  await addStaff(demoStation, 'Badge Printer 1', 'badge_station', '5555')
  const figures: string[] = []

  for (const [name, pin, shellSrc, testId] of [
    ['Kiosk Hall A', '4444', 'src/shells/kiosk/KioskShell.tsx', 'kiosk-shell'],
    ['Badge Printer 1', '5555', 'src/shells/badgeStation/BadgeStationShell.tsx', 'badge-station-shell']
  ] as const) {
    const page = await browser.newPage()
    const loaded = scriptsOf(page)
    await signIn(page, demoStation.url, name, pin)
    await expect(page.getByTestId(testId)).toBeVisible()
    await expect(page.getByTestId('nav-desk')).toHaveCount(0)
    await shot(page, `20-${testId}`)
    const allowed = closure(shellSrc, closure(entryKey))
    expect([...loaded].filter((file) => !allowed.has(file))).toEqual([])
    expect([...loaded].filter((file) => backOfficeFiles.has(file))).toEqual([])
    expect(loaded.has(fileOf(shellSrc))).toBe(true)
    const s = size(loaded)
    figures.push(`${testId}: ${loaded.size} scripts, ${kb(s.raw)} (${kb(s.gzip)} gzip)`)
    await page.close()
  }

  // The same detection sees the back office when an organizer signs in (so the checks above can fail).
  const page = await browser.newPage()
  const loaded = scriptsOf(page)
  await signIn(page, demoStation.url, 'Demo Organizer', '1234')
  await expect(page.getByTestId('desk-search')).toBeVisible()
  expect(loaded.has(fileOf('src/shells/backOffice/BackOffice.tsx'))).toBe(true)
  expect(loaded.has(fileOf('src/features/desk/DeskScreen.tsx'))).toBe(true)
  const s = size(loaded)
  figures.push(`back office (desk screen): ${loaded.size} scripts, ${kb(s.raw)} (${kb(s.gzip)} gzip)`)
  const all = size(new Set(Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js') && !/lang-/.test(f))))
  figures.push(`all code chunks: ${kb(all.raw)} (${kb(all.gzip)} gzip)`)
  await page.close()
  console.log(figures.join('\n'))
})
