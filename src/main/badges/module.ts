/**
 * Badges and printing: templates per event (synced), their assignment to
 * ticket types, previews and batches as PDF, this desk's printers (local) and
 * the print queue (facts + a derived state, printed by the runner of the desk
 * each job names).
 */
import { defaultTemplate, pageSize, type BadgeTemplate } from '../../shared/badge-template'
import { badgesContract, type PreviewShape } from '../../shared/contract/badges'
import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import { defineModule, inSteps, mutation, query, sessionOf, type Ctx, type WriteCtx } from '../core/module'
import type { GuardedSql } from '../core/sql'
import { missingCharacters } from './fonts'
import { layoutBadge, type BadgeData, type Drawn } from './layout'
import { badgePdf, batchPdf } from './pdf'
import { getPrinter, jobBytes, listPrinters, savePrinter, send } from './printers'
import { getJob, listJobs } from './queries'
import { followJobs, followSteps, nextStepAt, printJobStateTable } from './queue'
import { badgeAssignments, badgeTemplates, printers, printJobs, printJobSteps } from './schema'
import { queueBadge } from './service'
import { badgeData, defaultAssignmentId, getTemplate, listTemplates, longestNameAttendee, parseTemplate, templateById, templateIdFor } from './templates'

const SAMPLE: BadgeData = {
  fullName: 'Zoë Ñúñez-Łukasiewicz',
  firstName: 'Zoë',
  lastName: 'Ñúñez-Łukasiewicz',
  company: 'Example Ltd',
  jobTitle: 'Speaker',
  ticketType: 'Speaker',
  eventName: '',
  code: 'K7PX3M',
  ticketColor: '#1c7ed6'
}

function previewShape(d: Drawn): PreviewShape {
  switch (d.kind) {
    case 'text':
      return {
        kind: 'text',
        id: d.id,
        size: d.size,
        color: d.color,
        bold: d.lines[0]?.runs[0]?.font.endsWith('bold') ?? false,
        lines: d.lines.map((l) => ({ x: l.x, baseline: l.baseline, width: l.width, text: l.runs.map((r) => r.text).join('') }))
      }
    case 'qr':
      return { kind: 'qr', id: d.id, x: d.x, y: d.y, size: d.size, modules: d.modules.map((row) => row.map((m) => (m ? '1' : '0')).join('')) }
    case 'bars':
      return { kind: 'bars', id: d.id, x: d.x, y: d.y, h: d.h, bars: d.bars.map((b) => [b.x, b.w]) }
    default:
      return d
  }
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

function sampleFor(read: GuardedSql, eventId: string): BadgeData {
  const event = read.get<{ name: string }>('SELECT name FROM events WHERE id = ?', eventId)
  return { ...SAMPLE, eventName: event?.name ?? '' }
}

function templateOfEvent(read: GuardedSql, id: string, eventId: string) {
  const t = getTemplate(read, id)
  if (t.eventId !== eventId) throw new ApiError('not_found', 'No such badge template', { key: 'badgeTemplateNotFound' })
  return t
}

const staffOf = (ctx: Ctx) => ctx.session?.staff.id ?? null

function stepJob(ctx: WriteCtx, jobId: string, step: 'cancelled' | 'retry') {
  const job = getJob(ctx.read, jobId)
  const allowed = step === 'cancelled' ? job.status === 'queued' || job.status === 'failed' : job.status === 'failed' || job.status === 'cancelled'
  if (!allowed) {
    throw new ApiError('conflict', `A ${job.status} print job cannot be ${step === 'cancelled' ? 'cancelled' : 'retried'}`, {
      key: step === 'cancelled' ? 'printJobNotCancellable' : 'printJobNotRetryable',
      params: { status: job.status }
    })
  }
  ctx.write.insert(printJobSteps, {
    id: newId(),
    jobId,
    eventId: job.eventId,
    step,
    at: new Date(nextStepAt(job.updatedAt)).toISOString(),
    deskId: ctx.desk.id,
    staffId: staffOf(ctx),
    attempt: job.attempts,
    reason: null,
    retryAt: null
  })
  return getJob(ctx.read, jobId)
}

export const badgesModule = defineModule(badgesContract, {
  name: 'badges',
  tables: [
    { table: badgeTemplates, kind: 'lww', scope: 'fleet', describe: 'SELECT name AS subject FROM badge_templates WHERE id = ?' },
    { table: badgeAssignments, kind: 'lww', scope: 'fleet' },
    {
      table: printJobs,
      kind: 'fact',
      scope: 'fleet',
      describe: `SELECT trim(a.first_name || ' ' || a.last_name) || ' (' || a.code || ')' AS subject
        FROM print_jobs j JOIN attendees a ON a.id = j.attendee_id WHERE j.id = ?`
    },
    {
      table: printJobSteps,
      kind: 'fact',
      scope: 'fleet',
      describe: `SELECT trim(a.first_name || ' ' || a.last_name) || ' (' || a.code || ')' AS subject
        FROM print_job_steps s JOIN print_jobs j ON j.id = s.job_id JOIN attendees a ON a.id = j.attendee_id WHERE s.id = ?`
    },
    { table: printers, kind: 'local' }
  ],
  derived: [printJobStateTable],
  projections: [
    { follows: 'print_jobs', create: followJobs },
    { follows: 'print_job_steps', create: followSteps }
  ],
  handlers: {
    'badge.templates': query((input, { read }) => listTemplates(read, input.eventId)),

    'badge.saveTemplate': mutation((input, { read, write }) => {
      const template = parseTemplate(input.template)
      const id = input.id ?? newId()
      const json = JSON.stringify(template)
      if (read.get('SELECT 1 FROM badge_templates WHERE id = ?', id)) write.update(badgeTemplates, id, { name: input.name, template: json })
      else write.insert(badgeTemplates, { id, eventId: input.eventId, name: input.name, template: json, createdAt: new Date().toISOString() })
      return getTemplate(read, id)
    }),

    'badge.duplicateTemplate': mutation((input, { read, write }) => {
      const source = getTemplate(read, input.id)
      const id = input.newId ?? newId()
      if (read.get('SELECT 1 FROM badge_templates WHERE id = ?', id)) return getTemplate(read, id)
      write.insert(badgeTemplates, { id, eventId: source.eventId, name: `${source.name} (2)`, template: JSON.stringify(source.template), createdAt: new Date().toISOString() })
      return getTemplate(read, id)
    }),

    'badge.removeTemplate': mutation((input, { read, write }) => {
      if (!read.get('SELECT 1 FROM badge_templates WHERE id = ?', input.id)) return { removed: false }
      for (const a of read.all<{ id: string }>('SELECT id FROM badge_assignments WHERE template_id = ?', input.id)) write.delete(badgeAssignments, a.id)
      write.delete(badgeTemplates, input.id)
      return { removed: true }
    }),

    'badge.exportTemplate': query((input, { read }) => {
      const t = getTemplate(read, input.id)
      const slug = t.name.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'badge'
      return { fileName: `${slug}.badge.json`, json: JSON.stringify({ name: t.name, template: t.template }, null, 2) }
    }),

    'badge.importTemplate': mutation((input, { read, write }) => {
      const template = parseTemplate(input.json)
      let name = 'Imported badge'
      try {
        const parsed = JSON.parse(input.json) as { name?: unknown }
        if (typeof parsed.name === 'string' && parsed.name.trim()) name = parsed.name.trim().slice(0, 200)
      } catch {
        // parseTemplate has refused anything that is not JSON.
      }
      const id = input.id ?? newId()
      if (!read.get('SELECT 1 FROM badge_templates WHERE id = ?', id)) {
        write.insert(badgeTemplates, { id, eventId: input.eventId, name, template: JSON.stringify(template), createdAt: new Date().toISOString() })
      }
      return getTemplate(read, id)
    }),

    'badge.assign': mutation((input, { read, write }) => {
      templateOfEvent(read, input.templateId, input.eventId)
      const id = input.ticketTypeId ?? defaultAssignmentId(input.eventId)
      if (read.get('SELECT 1 FROM badge_assignments WHERE id = ?', id)) write.update(badgeAssignments, id, { templateId: input.templateId })
      else write.insert(badgeAssignments, { id, eventId: input.eventId, ticketTypeId: input.ticketTypeId, templateId: input.templateId })
      return listTemplates(read, input.eventId)
    }),

    'badge.preview': inSteps(async (input, { read }) => {
      const attendeeId = input.attendeeId ?? (input.longest ? longestNameAttendee(read, input.eventId) : null)
      const data = attendeeId ? badgeData(read, attendeeId) : null
      let template: BadgeTemplate
      if (input.template !== undefined) template = parseTemplate(input.template)
      else if (input.templateId) template = templateOfEvent(read, input.templateId, input.eventId).template
      else template = templateById(read, data ? templateIdFor(read, input.eventId, data.ticketTypeId) : templateIdFor(read, input.eventId, ''))
      const layout = layoutBadge(template, data ?? sampleFor(read, input.eventId))
      const texts = layout.drawn.flatMap((d) => (d.kind === 'text' ? [d] : []))
      return {
        pdf: base64(await badgePdf(layout)),
        width: layout.width,
        height: layout.height,
        shapes: layout.drawn.map(previewShape),
        attendeeId,
        fits: texts.map((d) => ({ id: d.id, fit: d.fit, size: Math.round(d.size * 10) / 10 })),
        missing: missingCharacters(texts.map((d) => d.text).join(''))
      }
    }),

    'badge.batch': inSteps(async (input, { read }) => {
      const ids = read
        .all<{ id: string }>(
          `SELECT a.id FROM attendee_sort_keys k JOIN attendees a ON a.seq = k.seq
           WHERE k.event_id = ? AND a.status = 'registered' AND (? IS NULL OR a.ticket_type_id = ?)
             AND (? = 0 OR NOT EXISTS (SELECT 1 FROM print_job_state s WHERE s.attendee_id = a.id AND s.status = 'done'))
           ORDER BY k.sort_key`,
          input.eventId,
          input.ticketTypeId ?? null,
          input.ticketTypeId ?? null,
          input.notPrinted ? 1 : 0
        )
        .map((r) => r.id)
      if (ids.length === 0) throw new ApiError('not_found', 'No badges to print for this choice', { key: 'badgeBatchEmpty' })
      // One template per ticket type, read once; the sheet is imposed for the first badge's page size.
      const templates = new Map<string, BadgeTemplate>()
      const templateOf = (ticketTypeId: string) => {
        let t = templates.get(ticketTypeId)
        if (!t) templates.set(ticketTypeId, (t = templateById(read, templateIdFor(read, input.eventId, ticketTypeId))))
        return t
      }
      const first = badgeData(read, ids[0]!)
      const size = pageSize(templateOf(first.ticketTypeId).page)
      const pdf = await batchPdf(
        ids.length,
        (i) => {
          const data = badgeData(read, ids[i]!)
          return layoutBadge(templateOf(data.ticketTypeId), data)
        },
        size,
        input.sheet
      )
      return { pdf: base64(pdf), count: ids.length }
    }),

    'printer.list': query((_input, { read }) => listPrinters(read)),

    'printer.save': mutation((input, { read, write }) => {
      const id = input.id ?? newId()
      savePrinter(write.local, id, input.printer, new Date().toISOString())
      return getPrinter(read, id)
    }),

    'printer.remove': mutation((input, { write }) => ({ removed: write.local.run('DELETE FROM printers WHERE id = ?', input.id) > 0 })),

    'printer.test': inSteps(async (input, { read }) => {
      const printer = getPrinter(read, input.id)
      const template = printer.templateId ? templateById(read, printer.templateId) : templateById(read, templateIdFor(read, input.eventId, ''))
      const bytes = await jobBytes(printer, layoutBadge(template ?? defaultTemplate(), sampleFor(read, input.eventId)))
      const sent = await send(printer, bytes, 'EventDesk test badge')
      return { ok: sent.ok, reason: sent.ok ? null : sent.reason, bytes: bytes.length }
    }),

    'print.badge': mutation((input, ctx) => {
      // The desk's runner hears of the job once it has committed (Core.onChanged).
      return queueBadge(ctx.read, ctx.write, { id: input.id, attendeeId: input.attendeeId, printerId: input.printerId, deskId: ctx.desk.id, staffId: sessionOf(ctx).staff.id })
    }),

    'print.jobs': query((input, { read }) => listJobs(read, input.eventId, input)),

    'print.retry': mutation((input, ctx) => stepJob(ctx, input.jobId, 'retry')),

    'print.cancel': mutation((input, ctx) => stepJob(ctx, input.jobId, 'cancelled'))
  }
})
