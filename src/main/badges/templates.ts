/** Reading templates back: every read validates the stored JSON whole. */
import { badgeTemplate, defaultTemplate, type BadgeTemplate } from '../../shared/badge-template'
import type { BadgeTemplateRow } from '../../shared/contract/badges'
import { ApiError } from '../../shared/errors'
import type { GuardedSql } from '../core/sql'
import type { BadgeData } from './layout'

/**
 * A template from JSON text or a parsed value, checked whole: a broken one is
 * refused with every problem and its path (elements.3.size: …), never used in part.
 */
export function parseTemplate(value: unknown): BadgeTemplate {
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch (err) {
      const detail = `not JSON (${(err as Error).message})`
      throw new ApiError('invalid_input', `The badge template is not valid: ${detail}`, { key: 'badgeTemplateInvalid', params: { detail } })
    }
  }
  // An exported file carries the template under `template` beside its name.
  if (parsed && typeof parsed === 'object' && 'template' in parsed && !('version' in parsed)) parsed = (parsed as { template: unknown }).template
  const result = badgeTemplate.safeParse(parsed)
  if (result.success) return result.data
  const issues = result.error.issues.map((i) => ({ path: ['template', ...i.path].join('.'), message: i.message }))
  const detail = issues.slice(0, 5).map((i) => `${i.path.slice('template.'.length) || 'template'}: ${i.message}`).join('; ')
  throw new ApiError('invalid_input', `The badge template is not valid: ${detail}`, { key: 'badgeTemplateInvalid', params: { detail }, issues })
}

interface StoredTemplate {
  id: string
  eventId: string
  name: string
  template: string
}

const TEMPLATE_ROW = 'SELECT id, event_id AS eventId, name, template FROM badge_templates'

function toRow(read: GuardedSql, t: StoredTemplate): BadgeTemplateRow {
  const assigned = read.all<{ ticketTypeId: string | null }>('SELECT ticket_type_id AS ticketTypeId FROM badge_assignments WHERE template_id = ?', t.id)
  return {
    id: t.id,
    eventId: t.eventId,
    name: t.name,
    template: parseTemplate(t.template),
    ticketTypeIds: assigned.flatMap((a) => (a.ticketTypeId ? [a.ticketTypeId] : [])).sort(),
    isDefault: assigned.some((a) => a.ticketTypeId === null)
  }
}

export function listTemplates(read: GuardedSql, eventId: string): BadgeTemplateRow[] {
  return read.all<StoredTemplate>(`${TEMPLATE_ROW} WHERE event_id = ? ORDER BY created_at, id`, eventId).map((t) => toRow(read, t))
}

export function getTemplate(read: GuardedSql, id: string): BadgeTemplateRow {
  const t = read.get<StoredTemplate>(`${TEMPLATE_ROW} WHERE id = ?`, id)
  if (!t) throw new ApiError('not_found', 'No such badge template', { key: 'badgeTemplateNotFound' })
  return toRow(read, t)
}

export const defaultAssignmentId = (eventId: string) => `default:${eventId}`

/**
 * The template an attendee's badge prints with: their ticket type's, else the
 * event's default, else the event's first template, else the built-in one.
 */
export function templateIdFor(read: GuardedSql, eventId: string, ticketTypeId: string): string | null {
  const assigned = read.get<{ templateId: string }>(
    `SELECT a.template_id AS templateId FROM badge_assignments a JOIN badge_templates t ON t.id = a.template_id
     WHERE a.id IN (?, ?) ORDER BY a.ticket_type_id IS NULL LIMIT 1`,
    ticketTypeId,
    defaultAssignmentId(eventId)
  )
  if (assigned) return assigned.templateId
  return read.get<{ id: string }>('SELECT id FROM badge_templates WHERE event_id = ? ORDER BY created_at, id LIMIT 1', eventId)?.id ?? null
}

export function templateById(read: GuardedSql, id: string | null): BadgeTemplate {
  return id ? getTemplate(read, id).template : defaultTemplate()
}

/** What an attendee's badge shows. */
export function badgeData(read: GuardedSql, attendeeId: string): BadgeData & { attendeeId: string; eventId: string; ticketTypeId: string } {
  const row = read.get<{
    attendeeId: string
    eventId: string
    ticketTypeId: string
    firstName: string
    lastName: string
    company: string | null
    jobTitle: string | null
    code: string
    ticketType: string | null
    ticketColor: string | null
    eventName: string | null
  }>(
    `SELECT a.id AS attendeeId, a.event_id AS eventId, a.ticket_type_id AS ticketTypeId, a.first_name AS firstName, a.last_name AS lastName,
       a.company, a.job_title AS jobTitle, a.code, t.name AS ticketType, t.color AS ticketColor, e.name AS eventName
     FROM attendees a LEFT JOIN ticket_types t ON t.id = a.ticket_type_id LEFT JOIN events e ON e.id = a.event_id WHERE a.id = ?`,
    attendeeId
  )
  if (!row) throw new ApiError('not_found', 'No such attendee', { key: 'notFound' })
  return {
    ...row,
    fullName: `${row.firstName} ${row.lastName}`.trim(),
    company: row.company ?? '',
    jobTitle: row.jobTitle ?? '',
    ticketType: row.ticketType ?? '',
    ticketColor: row.ticketColor ?? '#000000',
    eventName: row.eventName ?? ''
  }
}

/** The attendee of an event whose full name is longest (the one to check a layout with). */
export function longestNameAttendee(read: GuardedSql, eventId: string): string | null {
  return (
    read.get<{ id: string }>(
      `SELECT id FROM attendees WHERE event_id = ? AND status != 'merged' ORDER BY length(first_name) + length(last_name) DESC, id LIMIT 1`,
      eventId
    )?.id ?? null
  )
}
