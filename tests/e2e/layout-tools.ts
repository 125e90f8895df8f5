/** Measuring a screen's layout in the page: what is cut off, how much text it shows, in which language. */
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, SCREENSHOTS } from './fixtures'

export const LANGUAGES = ['en', 'nl', 'de', 'fr', 'es', 'it', 'pl'] as const
export type Language = (typeof LANGUAGES)[number]
export const SMALL = { width: 1024, height: 768 }
export const LARGE = { width: 1440, height: 900 }

/** What is cut off on the page (layout-probe.js runs in the page). */
const PROBE = readFileSync(join(__dirname, 'layout-probe.js'), 'utf8')
export function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(PROBE) as Promise<string[]>
}

/** The amount of UI text on screen (names and data are the same in every language, so this compares languages). */
export function textLength(page: Page): Promise<number> {
  return page.evaluate("document.body.innerText.replace(/\\s+/g, ' ').length") as Promise<number>
}

export async function setLanguage(page: Page, language: Language): Promise<void> {
  await page.evaluate(`localStorage.setItem('eventdesk.language', '${language}')`)
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', language)
}

export function layoutShotPath(size: { width: number }, screen: string, language: Language): string {
  return join(SCREENSHOTS, `layout-${size.width}-${screen}-${language}.png`)
}

/**
 * Opens a screen (`open`) at both sizes in every language: returns what is cut
 * off, and keeps screenshots in English and in the language with the most text.
 */
export async function measureScreen(page: Page, screen: string, open: () => Promise<void>): Promise<string[]> {
  const problems: string[] = []
  const lengths = new Map<Language, number>()
  for (const size of [SMALL, LARGE]) {
    await page.setViewportSize(size)
    for (const language of LANGUAGES) {
      await setLanguage(page, language)
      await open()
      for (const p of await cutOff(page)) problems.push(`${size.width} ${language} ${screen}: ${p}`)
      if (size === SMALL) lengths.set(language, await textLength(page))
    }
  }
  const longest = [...lengths].sort((a, b) => b[1] - a[1])[0]![0]
  console.log(`${screen}: ${[...lengths].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ')}`)
  for (const size of [SMALL, LARGE]) {
    await page.setViewportSize(size)
    for (const language of new Set<Language>(['en', longest])) {
      await setLanguage(page, language)
      await open()
      await page.screenshot({ path: layoutShotPath(size, screen, language), fullPage: true })
    }
  }
  return problems
}
