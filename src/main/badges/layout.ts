/**
 * From a template and one attendee to what is drawn: positioned text lines
 * (already fitted), QR modules, bars, rectangles and lines, in millimetres
 * from the page's top-left corner. The PDF, ESC/POS, ZPL and raster
 * renderers all draw this, so every target fits names the same way.
 */
import { pageSize, type BadgeField, type BadgeTemplate, type TextElement } from '../../shared/badge-template'
import { qrMatrix } from '../../shared/qr'
import { code128 } from './codes'
import { runsWidth, textRuns, type TextRun } from './fonts'

export const PT_TO_MM = 25.4 / 72
/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.2
const ELLIPSIS = '…'

export type BadgeData = Record<BadgeField, string> & { ticketColor: string }

export interface TextLine {
  runs: TextRun[]
  /** Left edge and baseline, mm. */
  x: number
  baseline: number
  width: number
}

export type Drawn =
  | { kind: 'text'; id: string; lines: TextLine[]; size: number; color: string; text: string; fit: 'one_line' | 'two_lines' | 'ellipsis' }
  | { kind: 'qr'; id: string; x: number; y: number; size: number; modules: boolean[][]; data: string }
  | { kind: 'bars'; id: string; x: number; y: number; w: number; h: number; bars: { x: number; w: number }[]; modules: number; data: string }
  | { kind: 'rect'; id: string; x: number; y: number; w: number; h: number; fill: string | null; stroke: string | null; strokeWidth: number }
  | { kind: 'line'; id: string; x1: number; y1: number; x2: number; y2: number; color: string; width: number }

export interface BadgeLayout {
  width: number
  height: number
  drawn: Drawn[]
}

export function layoutBadge(template: BadgeTemplate, data: BadgeData): BadgeLayout {
  const { width, height } = pageSize(template.page)
  const drawn: Drawn[] = []
  for (const e of template.elements) {
    switch (e.type) {
      case 'text': {
        const text = (e.field ? data[e.field] : (e.text ?? '')).replace(/\s+/g, ' ').trim()
        if (text) drawn.push(fitText(e, text))
        break
      }
      case 'qr':
        if (data.code) drawn.push({ kind: 'qr', id: e.id, x: e.x, y: e.y, size: e.size, modules: qrMatrix(data.code), data: data.code })
        break
      case 'code128':
        if (data.code) {
          const { bars, modules } = code128(data.code)
          const unit = e.w / modules
          drawn.push({ kind: 'bars', id: e.id, x: e.x, y: e.y, w: e.w, h: e.h, bars: bars.map((b) => ({ x: b.x * unit, w: b.w * unit })), modules, data: data.code })
        }
        break
      case 'rect':
        drawn.push({ kind: 'rect', id: e.id, x: e.x, y: e.y, w: e.w, h: e.h, fill: e.fill, stroke: e.stroke, strokeWidth: e.strokeWidth })
        break
      case 'band':
        drawn.push({ kind: 'rect', id: e.id, x: e.x, y: e.y, w: e.w, h: e.h, fill: data.ticketColor, stroke: null, strokeWidth: 0 })
        break
      case 'line':
        drawn.push({ kind: 'line', id: e.id, x1: e.x1, y1: e.y1, x2: e.x2, y2: e.y2, color: e.color, width: e.width })
        break
    }
  }
  return { width, height, drawn }
}

const toMm = (pt: number) => pt * PT_TO_MM

/**
 * Auto-shrink: the largest size up to the element's that fits one line; below
 * the floor (minSize), two lines split at the best word break; and if even that
 * does not fit, the floor size with the text cut by an ellipsis.
 */
export function fitText(e: TextElement, text: string): Extract<Drawn, { kind: 'text' }> {
  const boxPt = { w: e.w / PT_TO_MM, h: e.h / PT_TO_MM }
  const one = textRuns(text, e.weight)
  const oneWidth = runsWidth(one)
  const oneSize = Math.min(e.size, boxPt.w / oneWidth, boxPt.h / LINE_HEIGHT)
  if (oneSize >= e.minSize) return place(e, text, [one], oneSize, 'one_line')

  const twoLinesFit = e.wrap && LINE_HEIGHT * 2 * e.minSize <= boxPt.h
  if (twoLinesFit) {
    const split = bestSplit(text, e.weight)
    if (split) {
      const size = Math.min(e.size, boxPt.w / split.widest, boxPt.h / (2 * LINE_HEIGHT))
      if (size >= e.minSize) return place(e, text, split.lines, size, 'two_lines')
    }
  }
  const size = e.minSize
  const maxWidth = boxPt.w / size
  const lines = twoLinesFit ? ellipsisLines(text, e.weight, maxWidth, 2) : ellipsisLines(text, e.weight, maxWidth, 1)
  return place(e, text, lines, size, 'ellipsis')
}

/** Breaks after a space or a hyphen into two lines, the widest of the two as narrow as can be. */
function bestSplit(text: string, weight: TextElement['weight']): { lines: TextRun[][]; widest: number } | null {
  // Candidates are compared by the sum of their pieces' widths (one layout per piece, not per candidate);
  // the chosen split is then laid out whole and the size computed from its exact widths.
  const pieces = text.split(/(?<=[ ])|(?<=-)(?=[^ ])/)
  if (pieces.length < 2) return null
  const widths = pieces.map((p) => runsWidth(textRuns(p, weight)))
  const total = widths.reduce((a, b) => a + b, 0)
  let bestAt = 1
  let bestWidest = Infinity
  let left = 0
  for (let i = 1; i < pieces.length; i++) {
    left += widths[i - 1]!
    const widest = Math.max(left, total - left)
    if (widest < bestWidest) (bestWidest = widest), (bestAt = i)
  }
  const first = textRuns(pieces.slice(0, bestAt).join('').trimEnd(), weight)
  const second = textRuns(pieces.slice(bestAt).join('').trimStart(), weight)
  return { lines: [first, second], widest: Math.max(runsWidth(first), runsWidth(second)) }
}

/** Fills up to `count` lines of `maxWidth` (at 1 pt) word by word; the last one that overflows ends in an ellipsis. */
function ellipsisLines(text: string, weight: TextElement['weight'], maxWidth: number, count: number): TextRun[][] {
  const lines: TextRun[][] = []
  let rest = text
  while (lines.length < count - 1 && rest) {
    const words = rest.split(' ')
    let taken = 0
    while (taken < words.length && runsWidth(textRuns(words.slice(0, taken + 1).join(' '), weight)) <= maxWidth) taken++
    if (taken === 0) break
    lines.push(textRuns(words.slice(0, taken).join(' '), weight))
    rest = words.slice(taken).join(' ')
  }
  if (!rest) return lines
  if (runsWidth(textRuns(rest, weight)) <= maxWidth) return [...lines, textRuns(rest, weight)]
  // Cut by characters (grapheme-safe enough for names: never inside a surrogate pair).
  const chars = [...rest]
  let lo = 0
  let hi = chars.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (runsWidth(textRuns(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS, weight)) <= maxWidth) lo = mid
    else hi = mid - 1
  }
  return [...lines, textRuns(chars.slice(0, lo).join('').trimEnd() + ELLIPSIS, weight)]
}

function place(e: TextElement, text: string, lineRuns: TextRun[][], size: number, fit: 'one_line' | 'two_lines' | 'ellipsis') {
  const lineH = toMm(size * LINE_HEIGHT)
  const blockH = lineH * lineRuns.length
  // The block is centred vertically in its box; the baseline sits ~0.8 of a line down (Noto's ascent).
  const top = e.y + Math.max(0, (e.h - blockH) / 2)
  const lines = lineRuns.map((runs, i) => {
    const width = toMm(runsWidth(runs) * size)
    const x = e.align === 'left' ? e.x : e.align === 'right' ? e.x + e.w - width : e.x + (e.w - width) / 2
    return { runs, x, baseline: top + lineH * i + toMm(size * 0.95), width }
  })
  return { kind: 'text' as const, id: e.id, lines, size, color: e.color, text, fit }
}
