/**
 * ESC/POS (Epson, Star in ESC/POS mode and most receipt printers) from a badge
 * layout. Native: each text line with the printer's own font (alignment,
 * bold, size) in code page 858, the QR with the printer's GS ( k command and
 * Code 128 with GS k, top to bottom — bands, boxes and lines are left out (a
 * receipt printer places nothing freely). Raster: the whole badge as one
 * GS v 0 image, for names the code page cannot hold (Greek, Cyrillic, Arabic,
 * Vietnamese…) and when the template asks for it.
 */
import iconv from 'iconv-lite'
import type { BadgeLayout } from './layout'
import { rasterize, type Bitmap } from './raster'

const ESC = 0x1b
const GS = 0x1d
const LF = 0x0a
const CODE_PAGE = 'cp858'
/** ESC t 19 selects PC858 (Latin-1 with €) on Epson printers. */
const CODE_PAGE_NUMBER = 19

export type ThermalMode = 'auto' | 'native' | 'raster'

export interface EscPosOptions {
  /** Printable width in dots: 576 for 80 mm paper at 203 dpi, 384 for 58 mm. */
  widthDots: number
  dpi: number
  mode: ThermalMode
}

/** Whether code page 858 holds every character of `text`. */
export function inCodePage(text: string): boolean {
  return iconv.decode(iconv.encode(text, CODE_PAGE), CODE_PAGE) === text
}

export function escPosJob(layout: BadgeLayout, options: EscPosOptions): { bytes: Buffer; mode: 'native' | 'raster' } {
  const texts = layout.drawn.flatMap((d) => (d.kind === 'text' ? [d.text] : []))
  const native = options.mode === 'native' || (options.mode === 'auto' && texts.every(inCodePage))
  const body = native ? nativeBody(layout) : rasterBody(layout, options)
  const bytes = Buffer.concat([Buffer.from([ESC, 0x40]), body, Buffer.from([LF, LF, LF, GS, 0x56, 66, 0])])
  return { bytes, mode: native ? 'native' : 'raster' }
}

function nativeBody(layout: BadgeLayout): Buffer {
  const parts: Buffer[] = [Buffer.from([ESC, 0x74, CODE_PAGE_NUMBER])]
  const top = (d: BadgeLayout['drawn'][number]) => (d.kind === 'text' ? (d.lines[0]?.baseline ?? 0) : 'y' in d ? d.y : d.y1)
  const elements = [...layout.drawn].sort((a, b) => top(a) - top(b))
  for (const d of elements) {
    if (d.kind === 'text') {
      const line = d.lines[0]
      const centre = line ? line.x + line.width / 2 : 0
      const align = d.lines.every((l) => Math.abs(l.x + l.width / 2 - layout.width / 2) < 2) ? 1 : centre < layout.width / 2 ? 0 : 2
      // Character size multiplier 1–4 from the point size (the printer's font is ~12 pt at ×1).
      const mult = Math.max(1, Math.min(4, Math.round(d.size / 12)))
      parts.push(Buffer.from([ESC, 0x61, align, ESC, 0x45, d.size >= 14 ? 1 : 0, GS, 0x21, ((mult - 1) << 4) | (mult - 1)]))
      for (const l of d.lines) parts.push(iconv.encode(l.runs.map((r) => r.text).join(''), CODE_PAGE), Buffer.from([LF]))
      parts.push(Buffer.from([GS, 0x21, 0, ESC, 0x45, 0]))
    } else if (d.kind === 'qr') {
      parts.push(Buffer.from([ESC, 0x61, 1]), qrCommand(d.data, Math.max(3, Math.min(16, Math.round(d.size / d.modules.length / 0.125 / 2)))))
    } else if (d.kind === 'bars') {
      const data = Buffer.from(`{B${d.data}`, 'ascii')
      parts.push(Buffer.from([ESC, 0x61, 1, GS, 0x68, Math.min(255, Math.round(d.h * 8)), GS, 0x77, 2, GS, 0x6b, 73, data.length]), data, Buffer.from([LF]))
    }
  }
  return Buffer.concat(parts)
}

/** GS ( k: model 2, module size, error correction M, store the data, print it. */
export function qrCommand(data: string, moduleDots: number): Buffer {
  const bytes = Buffer.from(data, 'utf8')
  const store = bytes.length + 3
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 4, 0, 49, 65, 50, 0]),
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 67, moduleDots]),
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 69, 49]),
    Buffer.from([GS, 0x28, 0x6b, store & 0xff, store >> 8, 49, 80, 48]),
    bytes,
    Buffer.from([GS, 0x28, 0x6b, 3, 0, 49, 81, 48, LF])
  ])
}

function rasterBody(layout: BadgeLayout, options: EscPosOptions): Buffer {
  // The badge at the printer's resolution, scaled down to the paper width when wider.
  const dpi = Math.min(options.dpi, (options.widthDots / layout.width) * 25.4)
  return rasterCommands(rasterize(layout, dpi))
}

/** GS v 0 in bands of at most 256 rows (some printers refuse taller images). */
export function rasterCommands(bm: Bitmap): Buffer {
  const parts: Buffer[] = [Buffer.from([ESC, 0x61, 1])]
  for (let y = 0; y < bm.height; y += 256) {
    const rows = Math.min(256, bm.height - y)
    parts.push(
      Buffer.from([GS, 0x76, 0x30, 0, bm.bytesPerRow & 0xff, bm.bytesPerRow >> 8, rows & 0xff, rows >> 8]),
      Buffer.from(bm.data.subarray(y * bm.bytesPerRow, (y + rows) * bm.bytesPerRow))
    )
  }
  return Buffer.concat(parts)
}
