/**
 * A badge layout as a 1-bit bitmap at a printer's resolution: what ESC/POS
 * (GS v 0) and ZPL (^GF) print when the printer's own fonts lack a script.
 * Glyph outlines come from the same fonts as the PDF (fontkit paths), filled
 * with the non-zero rule; QR modules and bars snap to whole dots.
 */
import { badgeFonts } from './fonts'
import type { BadgeLayout, Drawn } from './layout'

export interface Bitmap {
  width: number
  height: number
  /** Rows of ceil(width / 8) bytes, most significant bit first, 1 = black. */
  data: Uint8Array
  bytesPerRow: number
}

type Point = [number, number]
interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath'
  args: number[]
}

export function newBitmap(width: number, height: number): Bitmap {
  const bytesPerRow = Math.ceil(width / 8)
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) }
}

/** Blackens (or, for light ink such as white text on a band, clears) dots x0..x1 of row y. */
function setRow(bm: Bitmap, y: number, x0: number, x1: number, clear = false): void {
  if (y < 0 || y >= bm.height) return
  const from = Math.max(0, Math.round(x0))
  const to = Math.min(bm.width, Math.round(x1))
  for (let x = from; x < to; x++) {
    const i = y * bm.bytesPerRow + (x >> 3)
    if (clear) bm.data[i]! &= ~(0x80 >> (x & 7))
    else bm.data[i]! |= 0x80 >> (x & 7)
  }
}

/** Light colours print as paper on a one-colour printer. */
export function isLight(hex: string): boolean {
  const n = parseInt(hex.slice(1), 16)
  return 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255) > 160
}

export function isBlack(bm: Bitmap, x: number, y: number): boolean {
  return (bm.data[y * bm.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) !== 0
}

function fillRect(bm: Bitmap, x: number, y: number, w: number, h: number): void {
  for (let row = Math.round(y); row < Math.round(y + h); row++) setRow(bm, row, x, x + w)
}

/** Fills closed polygons by the non-zero winding rule, sampling each row at its centre. */
function fillPolygons(bm: Bitmap, polygons: Point[][], clear = false): void {
  let minY = Infinity
  let maxY = -Infinity
  for (const p of polygons) for (const [, y] of p) (minY = Math.min(minY, y)), (maxY = Math.max(maxY, y))
  for (let row = Math.max(0, Math.floor(minY)); row <= Math.min(bm.height - 1, Math.ceil(maxY)); row++) {
    const sy = row + 0.5
    const crossings: { x: number; dir: number }[] = []
    for (const poly of polygons) {
      for (let i = 0; i < poly.length; i++) {
        const [x1, y1] = poly[i]!
        const [x2, y2] = poly[(i + 1) % poly.length]!
        if (y1 === y2 || sy < Math.min(y1, y2) || sy >= Math.max(y1, y2)) continue
        crossings.push({ x: x1 + ((sy - y1) * (x2 - x1)) / (y2 - y1), dir: y2 > y1 ? 1 : -1 })
      }
    }
    crossings.sort((a, b) => a.x - b.x)
    let winding = 0
    let start = 0
    for (const { x, dir } of crossings) {
      if (winding === 0) start = x
      winding += dir
      if (winding === 0) setRow(bm, row, start, x, clear)
    }
  }
}

/** A glyph outline as polygons (curves flattened), moved and scaled into dots. */
function outline(commands: PathCommand[], map: (x: number, y: number) => Point): Point[][] {
  const polygons: Point[][] = []
  let current: Point[] = []
  let pen: Point = [0, 0]
  const steps = 8
  for (const { command, args } of commands) {
    if (command === 'moveTo') {
      if (current.length > 2) polygons.push(current)
      pen = [args[0]!, args[1]!]
      current = [map(...pen)]
    } else if (command === 'lineTo') {
      pen = [args[0]!, args[1]!]
      current.push(map(...pen))
    } else if (command === 'quadraticCurveTo') {
      const [cx, cy, x, y] = args as [number, number, number, number]
      for (let s = 1; s <= steps; s++) {
        const t = s / steps
        const u = 1 - t
        current.push(map(u * u * pen[0] + 2 * u * t * cx + t * t * x, u * u * pen[1] + 2 * u * t * cy + t * t * y))
      }
      pen = [x, y]
    } else if (command === 'bezierCurveTo') {
      const [c1x, c1y, c2x, c2y, x, y] = args as [number, number, number, number, number, number]
      for (let s = 1; s <= steps; s++) {
        const t = s / steps
        const u = 1 - t
        current.push(
          map(
            u * u * u * pen[0] + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x,
            u * u * u * pen[1] + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y
          )
        )
      }
      pen = [x, y]
    } else if (command === 'closePath') {
      if (current.length > 2) polygons.push(current)
      current = []
    }
  }
  if (current.length > 2) polygons.push(current)
  return polygons
}

/** Draws the layout's elements (all, or those `only` keeps) into a bitmap of the whole badge at `dpi`. */
export function rasterize(layout: BadgeLayout, dpi: number, only: (d: Drawn) => boolean = () => true): Bitmap {
  const k = dpi / 25.4
  const bm = newBitmap(Math.round(layout.width * k), Math.round(layout.height * k))
  const fonts = badgeFonts()
  for (const d of layout.drawn) {
    if (!only(d)) continue
    switch (d.kind) {
      case 'text':
        for (const line of d.lines) {
          let x = line.x * k
          for (const run of line.runs) {
            const { font } = fonts.get(run.font)!
            const scale = (d.size / font.unitsPerEm) * (k * (25.4 / 72))
            const glyphRun = font.layout(run.text)
            let pen = 0
            const polygons: Point[][] = []
            glyphRun.glyphs.forEach((g, i) => {
              const pos = glyphRun.positions[i]!
              const ox = x + (pen + pos.xOffset) * scale
              const oy = line.baseline * k - pos.yOffset * scale
              polygons.push(...outline((g.path as unknown as { commands: PathCommand[] }).commands, (px, py) => [ox + px * scale, oy - py * scale]))
              pen += pos.xAdvance
            })
            fillPolygons(bm, polygons, isLight(d.color))
            x += run.width * d.size * (k * (25.4 / 72))
          }
        }
        break
      case 'qr': {
        const n = d.modules.length
        // Whole dots per module: a QR scaled by fractions of a dot prints uneven modules.
        const m = Math.max(1, Math.floor((d.size * k) / n))
        const x0 = Math.round(d.x * k + (d.size * k - m * n) / 2)
        const y0 = Math.round(d.y * k + (d.size * k - m * n) / 2)
        d.modules.forEach((row, r) => row.forEach((dark, c) => dark && fillRect(bm, x0 + c * m, y0 + r * m, m, m)))
        break
      }
      case 'bars':
        for (const b of d.bars) fillRect(bm, (d.x + b.x) * k, d.y * k, Math.max(1, b.w * k), d.h * k)
        break
      case 'rect':
        if (d.fill) {
          if (!isLight(d.fill)) fillRect(bm, d.x * k, d.y * k, d.w * k, d.h * k)
        }
        else if (d.stroke) {
          const t = Math.max(1, d.strokeWidth * k)
          fillRect(bm, d.x * k, d.y * k, d.w * k, t)
          fillRect(bm, d.x * k, (d.y + d.h) * k - t, d.w * k, t)
          fillRect(bm, d.x * k, d.y * k, t, d.h * k)
          fillRect(bm, (d.x + d.w) * k - t, d.y * k, t, d.h * k)
        }
        break
      case 'line': {
        const t = Math.max(1, d.width * k)
        const [x1, y1, x2, y2] = [d.x1 * k, d.y1 * k, d.x2 * k, d.y2 * k]
        const len = Math.hypot(x2 - x1, y2 - y1) || 1
        const [nx, ny] = [(-(y2 - y1) / len) * (t / 2), ((x2 - x1) / len) * (t / 2)]
        fillPolygons(bm, [[[x1 + nx, y1 + ny], [x2 + nx, y2 + ny], [x2 - nx, y2 - ny], [x1 - nx, y1 - ny]]])
        break
      }
    }
  }
  return bm
}

/** The bitmap as a PBM image (P4): what zbarimg and pdftoppm-style tools read. */
export function toPbm(bm: Bitmap): Buffer {
  return Buffer.concat([Buffer.from(`P4\n${bm.width} ${bm.height}\n`), Buffer.from(bm.data)])
}
