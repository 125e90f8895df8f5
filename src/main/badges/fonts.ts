/**
 * The fonts badges are set in (resources/fonts, SIL OFL): Noto Sans for Latin
 * (Polish and Vietnamese included), Greek and Cyrillic, Noto Sans Arabic and
 * Noto Sans Hebrew for right-to-left names. A text is cut into runs, each set
 * in the first font that has its letters; fontkit shapes each run (Arabic
 * joining forms) and gives right-to-left runs in visual order.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import type { Font } from '@pdf-lib/fontkit'

export type Weight = 'regular' | 'bold'
export const FONT_FAMILIES = ['sans', 'arabic', 'hebrew'] as const
export type Family = (typeof FONT_FAMILIES)[number]
export type FontKey = `${Family}-${Weight}`

const FILES: Record<FontKey, string> = {
  'sans-regular': 'NotoSans-Regular.ttf',
  'sans-bold': 'NotoSans-Bold.ttf',
  'arabic-regular': 'NotoSansArabic-Regular.ttf',
  'arabic-bold': 'NotoSansArabic-Bold.ttf',
  'hebrew-regular': 'NotoSansHebrew-Regular.ttf',
  'hebrew-bold': 'NotoSansHebrew-Bold.ttf'
}

/** resources/fonts from the source tree (src/main/badges) or the build (out/main). */
function fontsDir(): string {
  for (const up of ['../../..', '../..', '..']) {
    const dir = join(__dirname, up, 'resources', 'fonts')
    if (existsSync(join(dir, FILES['sans-regular']))) return dir
  }
  throw new Error('The badge fonts (resources/fonts) are missing')
}

export interface LoadedFont {
  key: FontKey
  bytes: Uint8Array
  font: Font
}

let loaded: Map<FontKey, LoadedFont> | null = null

/**
 * fontkit caches a glyph with the code points it was first asked for; a glyph
 * first met as a part of another (N inside Ñ, when a subset is written) keeps
 * none, and every later PDF's text layer loses that letter (pdftotext read
 * "guyễn"). A shared font must give a cached glyph the code points it is
 * asked for when it had none.
 */
function withCodePoints(font: Font): Font {
  const getGlyph = font.getGlyph.bind(font)
  font.getGlyph = (id: number, codePoints: number[] = []) => {
    const glyph = getGlyph(id, codePoints)
    if (codePoints.length > 0 && glyph.codePoints.length === 0) glyph.codePoints = codePoints
    return glyph
  }
  return font
}

/** Every badge font, read and parsed once per process. */
export function badgeFonts(): Map<FontKey, LoadedFont> {
  if (!loaded) {
    const dir = fontsDir()
    loaded = new Map(
      (Object.entries(FILES) as [FontKey, string][]).map(([key, file]) => {
        const bytes = new Uint8Array(readFileSync(join(dir, file)))
        return [key, { key, bytes, font: withCodePoints(fontkit.create(bytes)) }]
      })
    )
  }
  return loaded
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/
const HEBREW = /[\u0590-\u05FF\uFB1D-\uFB4F]/
// Spaces, punctuation and digits join the run they stand in rather than starting a font of their own.
const NEUTRAL = /[\s\p{P}\p{N}\p{S}]/u

function familyOf(ch: string): Family | null {
  if (ARABIC.test(ch)) return 'arabic'
  if (HEBREW.test(ch)) return 'hebrew'
  return NEUTRAL.test(ch) ? null : 'sans'
}

export interface TextRun {
  font: FontKey
  text: string
  /** Width at 1 pt, in points. */
  width: number
  rtl: boolean
}

/** Characters no shipped font has (CJK, emoji): drawn as the font's missing-glyph box. */
export function missingCharacters(text: string): string[] {
  const fonts = badgeFonts()
  const missing = new Set<string>()
  for (const ch of text) {
    if (/\s/.test(ch)) continue
    const cp = ch.codePointAt(0)!
    const family = familyOf(ch) ?? 'sans'
    if (!fonts.get(`${family}-regular`)!.font.hasGlyphForCodePoint(cp) && !fonts.get('sans-regular')!.font.hasGlyphForCodePoint(cp)) missing.add(ch)
  }
  return [...missing]
}

const runCache = new Map<string, TextRun[]>()
const RUN_CACHE_SIZE = 5_000

/** Cuts `text` into runs by font, in visual order (a right-to-left text runs from the right). Memoised: fitting measures the same words often. */
export function textRuns(text: string, weight: Weight): TextRun[] {
  const key = `${weight}\u0000${text}`
  let runs = runCache.get(key)
  if (!runs) {
    if (runCache.size >= RUN_CACHE_SIZE) runCache.clear()
    runs = shapeRuns(text, weight)
    runCache.set(key, runs)
  }
  return runs
}

function shapeRuns(text: string, weight: Weight): TextRun[] {
  const fonts = badgeFonts()
  const pieces: { family: Family; text: string }[] = []
  for (const ch of text) {
    const family = familyOf(ch)
    const last = pieces[pieces.length - 1]
    if (last && (family === null || family === last.family)) last.text += ch
    else if (!last && family === null) pieces.push({ family: 'sans', text: ch })
    else pieces.push({ family: family ?? 'sans', text: ch })
  }
  const runs = pieces.map(({ family, text: t }) => {
    const key: FontKey = `${family}-${weight}`
    const { font } = fonts.get(key)!
    return { font: key, text: t, width: font.layout(t).advanceWidth / font.unitsPerEm, rtl: family !== 'sans' }
  })
  const firstStrong = [...text].find((ch) => familyOf(ch) !== null)
  return firstStrong && RTL.test(firstStrong) ? runs.reverse() : runs
}

export const runsWidth = (runs: readonly TextRun[]): number => runs.reduce((w, r) => w + r.width, 0)
