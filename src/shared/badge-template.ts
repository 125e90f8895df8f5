/**
 * A badge template: a page and the elements on it, stored as JSON and always
 * validated whole with this schema (a template that fails is refused with the
 * paths that failed, never half-loaded). Positions and sizes are millimetres
 * from the top-left corner of the page; font sizes are points.
 */
import { z } from 'zod'
import { colour } from './fields'

export const MM_PER_INCH = 25.4

/** Page presets (width × height in mm, portrait first where both exist). */
export const PAGE_PRESETS = {
  a6_portrait: { width: 105, height: 148 },
  a6_landscape: { width: 148, height: 105 },
  a7_portrait: { width: 74, height: 105 },
  a7_landscape: { width: 105, height: 74 },
  in4x3: { width: 4 * MM_PER_INCH, height: 3 * MM_PER_INCH },
  in4x6: { width: 4 * MM_PER_INCH, height: 6 * MM_PER_INCH },
  cr80: { width: 85.6, height: 54 },
  /** Brother's 62 mm continuous roll, cut at 100 mm. */
  label62: { width: 62, height: 100 },
  label100x50: { width: 100, height: 50 },
  card90x54: { width: 90, height: 54 },
  /** Fold-over: two 82 × 101.5 mm faces, the back below the fold. */
  foldover82x203: { width: 82, height: 203 }
} as const satisfies Record<string, { width: number; height: number }>

export type PagePreset = keyof typeof PAGE_PRESETS
export const PAGE_PRESET_NAMES = Object.keys(PAGE_PRESETS) as [PagePreset, ...PagePreset[]]

/** The attendee (and event) fields a text element can show. */
export const BADGE_FIELDS = ['fullName', 'firstName', 'lastName', 'company', 'jobTitle', 'ticketType', 'eventName', 'code'] as const
export type BadgeField = (typeof BADGE_FIELDS)[number]

/** Auto-shrink never goes below this (Indico's floor): smaller is unreadable on a badge. */
export const MIN_FONT_PT = 6

const mm = z.number().finite().min(0).max(1000)
const size = z.number().finite().positive().max(1000)
const box = { x: mm, y: mm, w: size, h: size }

const textElement = z
  .object({
    type: z.literal('text'),
    id: z.string().min(1).max(64),
    ...box,
    /** A field of the attendee, or fixed text. */
    field: z.enum(BADGE_FIELDS).optional(),
    text: z.string().max(500).optional(),
    size: z.number().min(MIN_FONT_PT).max(200),
    /** Auto-shrink stops here, then wraps to two lines, then ends with an ellipsis. */
    minSize: z.number().min(MIN_FONT_PT).max(200).default(MIN_FONT_PT),
    weight: z.enum(['regular', 'bold']).default('regular'),
    align: z.enum(['left', 'center', 'right']).default('center'),
    color: colour.default('#000000'),
    /** Wrapping to a second line is allowed when the floor size still does not fit. */
    wrap: z.boolean().default(true)
  })
  .strict()
  .refine((e) => (e.field === undefined) !== (e.text === undefined), { message: 'Give either a field or a text', path: ['field'] })
  .refine((e) => e.minSize <= e.size, { message: 'The smallest size must not exceed the size', path: ['minSize'] })

const qrElement = z.object({ type: z.literal('qr'), id: z.string().min(1).max(64), x: mm, y: mm, size: z.number().min(8).max(500) }).strict()
const barcodeElement = z.object({ type: z.literal('code128'), id: z.string().min(1).max(64), ...box }).strict()
const rectElement = z
  .object({
    type: z.literal('rect'),
    id: z.string().min(1).max(64),
    ...box,
    fill: colour.nullable().default(null),
    stroke: colour.nullable().default('#000000'),
    strokeWidth: z.number().min(0).max(20).default(0.3)
  })
  .strict()
const lineElement = z
  .object({ type: z.literal('line'), id: z.string().min(1).max(64), x1: mm, y1: mm, x2: mm, y2: mm, color: colour.default('#000000'), width: z.number().min(0.05).max(20).default(0.3) })
  .strict()
/** A band filled with the colour of the attendee's ticket type. */
const bandElement = z.object({ type: z.literal('band'), id: z.string().min(1).max(64), ...box }).strict()

export const badgeElement = z.discriminatedUnion('type', [textElement, qrElement, barcodeElement, rectElement, lineElement, bandElement])
export type BadgeElement = z.output<typeof badgeElement>
export type TextElement = Extract<BadgeElement, { type: 'text' }>

const page = z.union([
  z.object({ preset: z.enum(PAGE_PRESET_NAMES) }).strict(),
  z
    .object({
      preset: z.literal('custom'),
      unit: z.enum(['mm', 'in']),
      width: z.number().positive().max(1000),
      height: z.number().positive().max(1000)
    })
    .strict()
])

export const badgeTemplate = z
  .object({
    version: z.literal(1),
    page,
    elements: z.array(badgeElement).max(100)
  })
  .strict()
  .superRefine((t, ctx) => {
    const { width, height } = pageSize(t.page)
    t.elements.forEach((e, i) => {
      const right = e.type === 'line' ? Math.max(e.x1, e.x2) : e.type === 'qr' ? e.x + e.size : e.x + e.w
      const bottom = e.type === 'line' ? Math.max(e.y1, e.y2) : e.type === 'qr' ? e.y + e.size : e.y + e.h
      if (right > width + 0.01 || bottom > height + 0.01) {
        ctx.addIssue({ code: 'custom', path: ['elements', i], message: `Element ${e.id} lies outside the ${width.toFixed(1)} × ${height.toFixed(1)} mm page` })
      }
    })
    const ids = t.elements.map((e) => e.id)
    const twice = ids.find((v, i) => ids.indexOf(v) !== i)
    if (twice) ctx.addIssue({ code: 'custom', path: ['elements'], message: `Two elements are called ${twice}` })
  })

export type BadgeTemplate = z.output<typeof badgeTemplate>
export type BadgeTemplateInput = z.input<typeof badgeTemplate>

/** The page of a template in millimetres. */
export function pageSize(p: z.output<typeof page>): { width: number; height: number } {
  if (p.preset !== 'custom') return PAGE_PRESETS[p.preset]
  const k = p.unit === 'in' ? MM_PER_INCH : 1
  return { width: p.width * k, height: p.height * k }
}

/** A template the desk starts with: name, company, ticket band, QR. */
export function defaultTemplate(): BadgeTemplate {
  return badgeTemplate.parse({
    version: 1,
    page: { preset: 'a6_portrait' },
    elements: [
      { type: 'band', id: 'band', x: 0, y: 0, w: 105, h: 14 },
      { type: 'text', id: 'event', x: 5, y: 3, w: 95, h: 8, text: undefined, field: 'eventName', size: 12, weight: 'bold', color: '#ffffff' },
      { type: 'text', id: 'name', x: 5, y: 40, w: 95, h: 26, field: 'fullName', size: 30, minSize: 10, weight: 'bold' },
      { type: 'text', id: 'company', x: 5, y: 70, w: 95, h: 10, field: 'company', size: 16, minSize: 8 },
      { type: 'text', id: 'ticket', x: 5, y: 82, w: 95, h: 8, field: 'ticketType', size: 12, minSize: 8 },
      { type: 'qr', id: 'qr', x: 35, y: 100, size: 35 },
      { type: 'text', id: 'code', x: 5, y: 137, w: 95, h: 6, field: 'code', size: 10, wrap: false }
    ]
  })
}
