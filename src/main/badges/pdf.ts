/**
 * Badge layouts to PDF (pdf-lib, fonts embedded as subsets): one badge on a
 * page of its own size, or a batch imposed N-up on A4 or Letter with crop
 * marks. QR codes and bars are vector rectangles, sharp at any printer's DPI.
 */
import { fill, PDFDocument, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingRgbColor, type PDFFont, type PDFPage } from 'pdf-lib'
import fontkit from '@pdf-lib/fontkit'
import { badgeFonts, type FontKey } from './fonts'

/**
 * pdf-lib parses a font's bytes again for every document; handing it our
 * already parsed fonts (whose shaping tables fontkit has read and cached)
 * makes a badge ~10× faster. Subsets are still made per document.
 */
const parsedFontkit = {
  create(bytes: Uint8Array) {
    for (const f of badgeFonts().values()) if (f.bytes === bytes) return f.font
    return fontkit.create(bytes)
  }
} as typeof fontkit
import type { BadgeLayout, Drawn } from './layout'

const MM = 72 / 25.4
export const SHEETS = { a4: { width: 210, height: 297 }, letter: { width: 215.9, height: 279.4 } } as const
export type Sheet = keyof typeof SHEETS

function colour(hex: string) {
  const n = parseInt(hex.slice(1), 16)
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255)
}

/** Embeds each font the first time a badge uses it (subset: only its glyphs). */
class Fonts {
  private readonly embedded = new Map<FontKey, Promise<PDFFont>>()
  constructor(private readonly doc: PDFDocument) {}
  get(key: FontKey): Promise<PDFFont> {
    let font = this.embedded.get(key)
    if (!font) {
      font = this.doc.embedFont(badgeFonts().get(key)!.bytes, { subset: true })
      this.embedded.set(key, font)
    }
    return font
  }
}

async function newDocument(): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(parsedFontkit)
  doc.setProducer('EventDesk')
  doc.setCreator('EventDesk badges')
  return { doc, fonts: new Fonts(doc) }
}

/** Draws a badge with its top-left corner at (left, top) mm of the page. */
async function drawBadge(page: PDFPage, fonts: Fonts, layout: BadgeLayout, left: number, top: number): Promise<void> {
  const pageHeight = page.getHeight()
  const X = (mm: number) => (left + mm) * MM
  const Y = (mm: number) => pageHeight - (top + mm) * MM
  for (const d of layout.drawn) await drawOne(page, fonts, d, X, Y)
}

async function drawOne(page: PDFPage, fonts: Fonts, d: Drawn, X: (mm: number) => number, Y: (mm: number) => number): Promise<void> {
  switch (d.kind) {
    case 'text':
      for (const line of d.lines) {
        let x = X(line.x)
        for (const run of line.runs) {
          page.drawText(run.text, { x, y: Y(line.baseline), size: d.size, font: await fonts.get(run.font), color: colour(d.color) })
          x += run.width * d.size
        }
      }
      return
    case 'qr': {
      const n = d.modules.length
      const m = d.size / n
      // Runs of dark modules in a row as one rectangle each, all filled at once: one path, few operators.
      const rects = []
      for (let r = 0; r < n; r++) {
        const row = d.modules[r]!
        for (let c = 0; c < n; c++) {
          if (!row[c]) continue
          const start = c
          while (c < n && row[c]) c++
          rects.push(rectangle(X(d.x + start * m), Y(d.y + (r + 1) * m), (c - start) * m * MM, m * MM))
        }
      }
      page.pushOperators(pushGraphicsState(), setFillingRgbColor(0, 0, 0), ...rects.flat(), fill(), popGraphicsState())
      return
    }
    case 'bars':
      page.pushOperators(
        pushGraphicsState(),
        setFillingRgbColor(0, 0, 0),
        ...d.bars.flatMap((b) => rectangle(X(d.x + b.x), Y(d.y + d.h), b.w * MM, d.h * MM)),
        fill(),
        popGraphicsState()
      )
      return
    case 'rect':
      page.drawRectangle({
        x: X(d.x),
        y: Y(d.y + d.h),
        width: d.w * MM,
        height: d.h * MM,
        color: d.fill ? colour(d.fill) : undefined,
        borderColor: d.stroke ? colour(d.stroke) : undefined,
        borderWidth: d.stroke ? d.strokeWidth * MM : 0
      })
      return
    case 'line':
      page.drawLine({ start: { x: X(d.x1), y: Y(d.y1) }, end: { x: X(d.x2), y: Y(d.y2) }, thickness: d.width * MM, color: colour(d.color) })
      return
  }
}

/** One badge, on a page of the badge's size. */
export async function badgePdf(layout: BadgeLayout): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument()
  const page = doc.addPage([layout.width * MM, layout.height * MM])
  await drawBadge(page, fonts, layout, 0, 0)
  return doc.save()
}

export interface Imposition {
  columns: number
  rows: number
  /** Space between badges (mm): room for crop marks, or 0 when a gap would cost a badge per sheet. */
  gap: number
  left: number
  top: number
}

const GAP = 6
const MARK = 4

/** How many badges of w × h mm fit on a sheet, centred, with gaps for crop marks when they cost nothing. */
export function impose(sheet: Sheet, w: number, h: number): Imposition {
  const { width, height } = SHEETS[sheet]
  const fit = (gap: number) => ({ columns: Math.floor((width - 10 + gap) / (w + gap)), rows: Math.floor((height - 10 + gap) / (h + gap)) })
  const withGap = fit(GAP)
  const tight = { columns: Math.floor(width / w), rows: Math.floor(height / h) }
  const useGap = withGap.columns * withGap.rows >= tight.columns * tight.rows
  const { columns, rows } = useGap ? withGap : tight
  if (columns < 1 || rows < 1) throw new Error(`A ${w} × ${h} mm badge does not fit on ${sheet}`)
  const gap = useGap ? GAP : 0
  return { columns, rows, gap, left: (width - columns * w - (columns - 1) * gap) / 2, top: (height - rows * h - (rows - 1) * gap) / 2 }
}

/** Crop marks on every cut line, in the margins and gaps, never over a badge. */
function cropMarks(page: PDFPage, sheetHeight: number, im: Imposition, w: number, h: number): void {
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    page.drawLine({ start: { x: x1 * MM, y: (sheetHeight - y1) * MM }, end: { x: x2 * MM, y: (sheetHeight - y2) * MM }, thickness: 0.25, color: rgb(0, 0, 0) })
  const xs = Array.from({ length: im.columns }, (_, c) => [im.left + c * (w + im.gap), im.left + c * (w + im.gap) + w]).flat()
  const ys = Array.from({ length: im.rows }, (_, r) => [im.top + r * (h + im.gap), im.top + r * (h + im.gap) + h]).flat()
  const bottom = ys[ys.length - 1]!
  const right = xs[xs.length - 1]!
  const reach = (margin: number) => Math.min(MARK, margin - 1)
  for (const x of xs) {
    if (reach(im.top) > 1) line(x, im.top - 1 - reach(im.top), x, im.top - 1)
    if (reach(im.top) > 1) line(x, bottom + 1, x, bottom + 1 + reach(im.top))
  }
  for (const y of ys) {
    if (reach(im.left) > 1) line(im.left - 1 - reach(im.left), y, im.left - 1, y)
    if (reach(im.left) > 1) line(right + 1, y, right + 1 + reach(im.left), y)
  }
  if (im.gap > 0) {
    // In the gaps between badges: a short mark at each inner corner.
    for (const x of xs) for (const y of ys) {
      const inside = (v: number, lo: number, hi: number) => v > lo + 0.01 && v < hi - 0.01
      if (inside(y, im.top, bottom)) line(x, y + (ys.indexOf(y) % 2 ? 1 : -1), x, y + (ys.indexOf(y) % 2 ? 1 + 2 : -1 - 2))
      if (inside(x, im.left, right)) line(x + (xs.indexOf(x) % 2 ? 1 : -1), y, x + (xs.indexOf(x) % 2 ? 3 : -3), y)
    }
  }
}

/**
 * Many badges N-up on sheets. Layouts are made one at a time by `layoutAt`,
 * so a batch of thousands never holds them all; `progress` hears each page.
 */
export async function batchPdf(
  count: number,
  layoutAt: (i: number) => BadgeLayout,
  size: { width: number; height: number },
  sheet: Sheet = 'a4',
  progress?: (done: number) => void
): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument()
  const im = impose(sheet, size.width, size.height)
  const perPage = im.columns * im.rows
  const { width, height } = SHEETS[sheet]
  for (let first = 0; first < count; first += perPage) {
    const page = doc.addPage([width * MM, height * MM])
    for (let i = first; i < Math.min(count, first + perPage); i++) {
      const slot = i - first
      const col = slot % im.columns
      const row = Math.floor(slot / im.columns)
      await drawBadge(page, fonts, layoutAt(i), im.left + col * (size.width + im.gap), im.top + row * (size.height + im.gap))
    }
    cropMarks(page, height, im, size.width, size.height)
    progress?.(Math.min(count, first + perPage))
  }
  return doc.save()
}
