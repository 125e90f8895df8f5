/**
 * Zebra ZPL II from a badge layout, in dots at the printer's resolution: text
 * in the printer's scalable font 0 (UTF-8, ^CI28) inside a field block of the
 * element's width and alignment; a name in a script the printer's font lacks
 * becomes a ^GF image of that element set in our own fonts; the QR is ^BQ
 * (model 2, error correction M), Code 128 ^BC, boxes, bands and lines ^GB/^GD.
 */
import type { BadgeLayout } from './layout'
import { inCodePage } from './escpos'
import { isLight, rasterize, type Bitmap } from './raster'

export interface ZplOptions {
  dpi: number
}

/** ^FH escapes: the printer would read ^ and ~ as commands. */
const fieldData = (text: string) => `^FH_^FD${text.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`)}^FS`

/** A part of a bitmap as ^GFA (ASCII hex). */
function graphicField(bm: Bitmap, x0: number, y0: number, w: number, h: number): string {
  const bytesPerRow = Math.ceil(w / 8)
  let hex = ''
  for (let y = y0; y < y0 + h; y++) {
    const row = new Uint8Array(bytesPerRow)
    for (let x = 0; x < w; x++) {
      const sx = x0 + x
      if (sx >= 0 && sx < bm.width && y >= 0 && y < bm.height && (bm.data[y * bm.bytesPerRow + (sx >> 3)]! & (0x80 >> (sx & 7))) !== 0) row[x >> 3]! |= 0x80 >> (x & 7)
    }
    hex += Buffer.from(row).toString('hex').toUpperCase()
  }
  return `^GFA,${bytesPerRow * h},${bytesPerRow * h},${bytesPerRow},${hex}`
}

export function zplJob(layout: BadgeLayout, options: ZplOptions): string {
  const k = options.dpi / 25.4
  const dots = (mm: number) => Math.round(mm * k)
  const out: string[] = ['^XA', '^CI28', `^PW${dots(layout.width)}`, `^LL${dots(layout.height)}`, '^LH0,0']
  let raster: Bitmap | null = null
  for (const d of layout.drawn) {
    switch (d.kind) {
      case 'text': {
        if (inCodePage(d.text)) {
          const h = Math.max(10, Math.round(d.size * (options.dpi / 72)))
          const line = d.lines[0]!
          const align = Math.abs(line.x + line.width / 2 - layout.width / 2) < 2 ? 'C' : line.x < layout.width / 2 ? 'L' : 'R'
          const left = align === 'L' ? line.x : 0
          const width = align === 'L' ? layout.width - line.x : layout.width
          d.lines.forEach((l) => {
            const text = l.runs.map((r) => r.text).join('')
            out.push(`^FO${dots(left)},${dots(l.baseline) - Math.round(h * 0.8)}^A0N,${h},${h}^FB${dots(width)},1,0,${align},0${isLight(d.color) ? '^FR' : ''}${fieldData(text)}`)
          })
        } else {
          // The printer's fonts have no Greek, Cyrillic, Arabic, Hebrew or Vietnamese: print our glyphs as an image.
          raster ??= rasterize(layout, options.dpi, (e) => e.kind === 'text' && !inCodePage(e.text))
          const x0 = Math.min(...d.lines.map((l) => l.x))
          const x1 = Math.max(...d.lines.map((l) => l.x + l.width))
          const top = d.lines[0]!.baseline - d.size * (25.4 / 72) * 1.05
          const bottom = d.lines[d.lines.length - 1]!.baseline + d.size * (25.4 / 72) * 0.35
          out.push(`^FO${dots(x0)},${dots(top)}${graphicField(raster, dots(x0), dots(top), dots(x1 - x0) + 1, dots(bottom - top))}^FS`)
        }
        break
      }
      case 'qr': {
        const mag = Math.max(1, Math.min(10, Math.floor(dots(d.size) / d.modules.length)))
        out.push(`^FO${dots(d.x)},${dots(d.y)}^BQN,2,${mag}^FDMA,${d.data}^FS`)
        break
      }
      case 'bars': {
        const moduleDots = Math.max(1, Math.min(10, Math.floor(dots(d.w) / d.modules)))
        out.push(`^FO${dots(d.x)},${dots(d.y)}^BY${moduleDots},3,${dots(d.h)}^BCN,${dots(d.h)},N,N,N${fieldData(d.data)}`)
        break
      }
      case 'rect':
        if (d.fill && !isLight(d.fill)) out.push(`^FO${dots(d.x)},${dots(d.y)}^GB${dots(d.w)},${dots(d.h)},${Math.min(dots(d.w), dots(d.h))}^FS`)
        else if (d.stroke) out.push(`^FO${dots(d.x)},${dots(d.y)}^GB${dots(d.w)},${dots(d.h)},${Math.max(1, dots(d.strokeWidth))}^FS`)
        break
      case 'line': {
        const t = Math.max(1, dots(d.width))
        const [x, y, w, h] = [Math.min(d.x1, d.x2), Math.min(d.y1, d.y2), Math.abs(d.x2 - d.x1), Math.abs(d.y2 - d.y1)]
        if (w < 0.01 || h < 0.01) out.push(`^FO${dots(x)},${dots(y)}^GB${Math.max(t, dots(w))},${Math.max(t, dots(h))},${t}^FS`)
        else out.push(`^FO${dots(x)},${dots(y)}^GD${dots(w)},${dots(h)},${t},B,${(d.x2 - d.x1) * (d.y2 - d.y1) > 0 ? 'L' : 'R'}^FS`)
        break
      }
    }
  }
  out.push('^PQ1', '^XZ')
  return out.join('\n')
}
