/**
 * Badges and printing: templates per event (validated JSON, assigned per ticket
 * type with a default), previews and batches as PDF, this desk's printers, and
 * the print queue (facts and a deterministic state, so desks sharing the queue
 * never both print a job).
 */
import { z } from 'zod'
import type { BadgeTemplate } from '../badge-template'
import { clientId, id, LIMITS } from '../fields'
import { STAFF_ROLES } from '../roles'
import { method } from './method'

export const PRINTER_KINDS = ['pdf', 'escpos', 'zpl'] as const
export const PRINTER_TRANSPORTS = ['tcp', 'cups'] as const
export const PRINT_JOB_STATUSES = ['queued', 'printing', 'done', 'failed', 'cancelled'] as const
export const PRINT_JOB_STEPS = ['printing', 'done', 'failed', 'cancelled', 'retry'] as const
export const THERMAL_MODES = ['auto', 'native', 'raster'] as const
export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number]
export type PrintJobStep = (typeof PRINT_JOB_STEPS)[number]

export interface BadgeTemplateRow {
  id: string
  eventId: string
  name: string
  template: BadgeTemplate
  /** The ticket types printed with it. */
  ticketTypeIds: string[]
  isDefault: boolean
}

export interface PrinterRow {
  id: string
  name: string
  kind: (typeof PRINTER_KINDS)[number]
  transport: (typeof PRINTER_TRANSPORTS)[number]
  address: string
  mediaWidth: number
  mediaHeight: number
  dpi: number
  mode: (typeof THERMAL_MODES)[number]
  templateId: string | null
}

export interface PrintJobView {
  id: string
  eventId: string
  attendeeId: string
  attendeeName: string
  attendeeCode: string
  printDeskId: string
  printerId: string
  reprint: boolean
  status: PrintJobStatus
  attempts: number
  reason: string | null
  retryAt: string | null
  queuedAt: string
  updatedAt: string
  /** Badges of this attendee printed so far (done jobs), this one included. */
  printedCount: number
}

/** What a badge draws, in mm from its top-left corner: enough for a screen to draw it as SVG. */
export type PreviewShape =
  | { kind: 'text'; id: string; size: number; color: string; bold: boolean; lines: { x: number; baseline: number; width: number; text: string }[] }
  | { kind: 'rect'; id: string; x: number; y: number; w: number; h: number; fill: string | null; stroke: string | null; strokeWidth: number }
  | { kind: 'line'; id: string; x1: number; y1: number; x2: number; y2: number; color: string; width: number }
  /** rows of '1' (dark) and '0' */
  | { kind: 'qr'; id: string; x: number; y: number; size: number; modules: string[] }
  | { kind: 'bars'; id: string; x: number; y: number; h: number; bars: [number, number][] }

export interface BadgePreview {
  /** base64 PDF */
  pdf: string
  width: number
  height: number
  shapes: PreviewShape[]
  attendeeId: string | null
  /** How each text element fitted: one line, two lines, or cut with an ellipsis. */
  fits: { id: string; fit: 'one_line' | 'two_lines' | 'ellipsis'; size: number }[]
  /** Characters none of the shipped fonts has (CJK, emoji): they print as empty boxes. */
  missing: string[]
}

const READS_TEMPLATES = ['badge_templates', 'badge_assignments']
const READS_JOBS = ['print_jobs', 'print_job_steps', 'attendees']

const printerInput = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.text),
    kind: z.enum(PRINTER_KINDS),
    transport: z.enum(PRINTER_TRANSPORTS),
    // host:port (raw TCP) or a CUPS queue name.
    address: z.string().trim().min(1).max(300),
    mediaWidth: z.number().int().min(20).max(500),
    mediaHeight: z.number().int().min(20).max(1000),
    dpi: z.number().int().min(100).max(600).default(203),
    mode: z.enum(THERMAL_MODES).default('auto'),
    templateId: id.nullish().transform((v) => v ?? null)
  })
  .strict()
export type PrinterInput = z.output<typeof printerInput>

export const badgesContract = {
  'badge.templates': method<BadgeTemplateRow[]>()({ input: z.object({ eventId: id }).strict(), roles: STAFF_ROLES.desk, reads: READS_TEMPLATES }),
  /** Creates or replaces a template; `template` is checked whole (badgeTemplateInvalid names what is wrong). */
  'badge.saveTemplate': method<BadgeTemplateRow>()({
    input: z.object({ id: clientId, eventId: id, name: z.string().trim().min(1).max(LIMITS.text), template: z.unknown() }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'badge.duplicateTemplate': method<BadgeTemplateRow>()({ input: z.object({ id, newId: clientId }).strict(), roles: STAFF_ROLES.organizer }),
  'badge.removeTemplate': method<{ removed: boolean }>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.organizer }),
  'badge.exportTemplate': method<{ fileName: string; json: string }>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.organizer }),
  'badge.importTemplate': method<BadgeTemplateRow>()({
    input: z.object({ id: clientId, eventId: id, json: z.string().max(200_000) }).strict(),
    roles: STAFF_ROLES.organizer,
    maxBytes: 400_000
  }),
  /** Which template a ticket type prints with (null ticket type: the event's default). */
  'badge.assign': method<BadgeTemplateRow[]>()({
    input: z.object({ eventId: id, ticketTypeId: id.nullable(), templateId: id }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  /** A badge as PDF: of an attendee, the event's longest name, or a sample; with a template being edited, or the saved one. */
  'badge.preview': method<BadgePreview>()({
    input: z
      .object({ eventId: id, attendeeId: id.optional(), longest: z.boolean().default(false), templateId: id.optional(), template: z.unknown().optional() })
      .strict(),
    roles: STAFF_ROLES.desk,
    reads: [...READS_TEMPLATES, 'attendees', 'ticket_types', 'events'],
    maxBytes: 400_000
  }),
  /** Many badges N-up on A4 or Letter with crop marks: a ticket type's, or those not printed yet. */
  'badge.batch': method<{ pdf: string; count: number }>()({
    input: z
      .object({ eventId: id, ticketTypeId: id.optional(), notPrinted: z.boolean().default(false), sheet: z.enum(['a4', 'letter']).default('a4') })
      .strict(),
    roles: STAFF_ROLES.desk
  }),

  'printer.list': method<PrinterRow[]>()({ input: z.object({}).strict(), roles: [...STAFF_ROLES.desk, 'badge_station'] }),
  'printer.save': method<PrinterRow>()({ input: z.object({ id: clientId, printer: printerInput }).strict(), roles: STAFF_ROLES.organizer }),
  'printer.remove': method<{ removed: boolean }>()({ input: z.object({ id }).strict(), roles: STAFF_ROLES.organizer }),
  /** Sends a sample badge straight to the printer (not queued): whether it arrived. */
  'printer.test': method<{ ok: boolean; reason: string | null; bytes: number }>()({
    input: z.object({ id, eventId: id }).strict(),
    roles: [...STAFF_ROLES.desk, 'badge_station']
  }),

  /** Queues an attendee's badge on a printer of this desk (a reprint when one was printed before). */
  'print.badge': method<PrintJobView>()({
    input: z.object({ id: clientId, attendeeId: id, printerId: id.optional() }).strict(),
    roles: [...STAFF_ROLES.desk, 'badge_station', 'kiosk']
  }),
  'print.jobs': method<PrintJobView[]>()({
    input: z.object({ eventId: id, attendeeId: id.optional(), status: z.enum(PRINT_JOB_STATUSES).optional() }).strict(),
    roles: [...STAFF_ROLES.desk, 'badge_station'],
    reads: READS_JOBS
  }),
  'print.retry': method<PrintJobView>()({ input: z.object({ jobId: id }).strict(), roles: [...STAFF_ROLES.desk, 'badge_station'] }),
  'print.cancel': method<PrintJobView>()({ input: z.object({ jobId: id }).strict(), roles: [...STAFF_ROLES.desk, 'badge_station'] })
}
