// Third step of an attendee import: the organizer's plan for the file's
// ticket types and statuses, applied to the mapped rows, and the rows that
// are already in the event. Pure functions; what the event holds comes in
// as arguments.
import type { FileStatus, FileTicketType, ImportStatusCategory, RowIssue, StatusPlan, TicketTypePlan } from '../../shared/contract/attendees'
import type { TicketTypeRow } from '../../shared/contract/events'
import { foldText } from '../../shared/text'
import type { ImportRow } from './import-mapping'
import { classifyStatus } from './import-values'

/** A row as the commit writes it: its ticket type resolved to an id, or to one the import creates. */
export interface CheckedRow extends ImportRow {
  ticketTypeId: string | null
  /** The folded file value of a ticket type the plan creates (ticketTypeId is then null). */
  createTicketType: string | null
  /** Who the row already is in the event, as of the check (a duplicate to skip or merge). */
  existing: ExistingPerson | null
}

/** Who in the event already has a ticket code or an e-mail: what makes a row a duplicate. */
export interface ExistingPeople {
  /** external_ref → the attendee's current ticket type and status. */
  byCode: Map<string, ExistingPerson>
  /** e-mail → the first such attendee. */
  byEmail: Map<string, ExistingPerson & { hasCode: boolean }>
}

export interface ExistingPerson {
  id: string
  ticketTypeId: string
  status: string
}

/**
 * The person a row is already in the event as: by the other system's code;
 * else by e-mail — for a row with a code, only someone registered without one
 * (a walk-up the file now brings the ticket of), since one e-mail may hold
 * several tickets.
 */
export function existingOf(existing: ExistingPeople, row: { code: string | null; email: string | null }): ExistingPerson | null {
  if (row.code !== null) {
    const byCode = existing.byCode.get(row.code)
    if (byCode) return byCode
    const byEmail = row.email === null ? undefined : existing.byEmail.get(row.email)
    return byEmail && !byEmail.hasCode ? byEmail : null
  }
  return (row.email === null ? undefined : existing.byEmail.get(row.email)) ?? null
}

const CODE_MAX = 16

/** The key ticket type names and codes are compared by. */
export function ticketTypeKey(value: string): string {
  return foldText(value).replace(/\s+/g, ' ').trim()
}

/**
 * A ticket type code for a name: its words in capitals joined by '-' when that
 * fits ("VIP", "SPEAKER-PASS"), else their initials ("General Admission" → "GA");
 * names in scripts without Latin letters get "TT". Made unique in the event
 * with a number ("GA-2").
 */
export function suggestCode(name: string, taken: Set<string>): string {
  const words = foldText(name)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '')
  const joined = words.join('-')
  const initials = words.map((w) => w[0]).join('')
  const base = (joined.length <= CODE_MAX ? joined : initials.slice(0, CODE_MAX)) || 'TT'
  let code = base
  for (let n = 2; taken.has(code.toLowerCase()); n++) code = `${base.slice(0, CODE_MAX - String(n).length - 1)}-${n}`
  taken.add(code.toLowerCase())
  return code
}

/** The ticket types a file names, most rows first, with the event's match and what creating each would make. */
export function fileTicketTypes(rows: readonly ImportRow[], event: readonly TicketTypeRow[]): FileTicketType[] {
  const counts = new Map<string, { value: string; rows: number }>()
  for (const row of rows) {
    const value = row.ticketType ?? ''
    const key = ticketTypeKey(value)
    const entry = counts.get(key)
    if (entry) entry.rows++
    else counts.set(key, { value, rows: 1 })
  }
  const match = eventMatcher(event)
  const taken = new Set(event.map((t) => t.code.toLowerCase()))
  return [...counts.values()]
    .sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value))
    .map(({ value, rows }) => {
      const matchId = value === '' ? null : (match(value) ?? null)
      return { value, rows, matchId, suggested: { name: value, code: value === '' || matchId ? '' : suggestCode(value, taken) } }
    })
}

/** The status values a file uses, with what each means here. */
export function fileStatuses(rows: readonly ImportRow[]): FileStatus[] {
  const counts = new Map<string, FileStatus>()
  for (const row of rows) {
    const entry = counts.get(row.statusValue)
    if (entry) entry.rows++
    else counts.set(row.statusValue, { value: row.statusValue, category: statusCategory(row), rows: 1 })
  }
  return [...counts.values()].sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value))
}

function statusCategory(row: ImportRow): ImportStatusCategory {
  return row.statusValue === '' ? 'registered' : classifyStatus(row.statusValue)
}

/** Finds the event's ticket type for a file value, by name or by code, accents and case aside. */
export function eventMatcher(event: readonly TicketTypeRow[]): (value: string) => string | undefined {
  const byKey = new Map<string, string>()
  // Names win over codes: "VIP" the name of one type beats "VIP" the code of another.
  for (const t of event) if (!byKey.has(ticketTypeKey(t.code))) byKey.set(ticketTypeKey(t.code), t.id)
  for (const t of event) byKey.set(ticketTypeKey(t.name), t.id)
  return (value) => byKey.get(ticketTypeKey(value))
}

export interface PlanInput {
  defaultTicketTypeId: string | undefined
  ticketTypes: readonly TicketTypePlan[]
  statuses: StatusPlan
}

export interface PlannedRows {
  rows: CheckedRow[]
  issues: RowIssue[]
  skippedByStatus: number
}

/**
 * Applies the organizer's plan: skipped statuses out, each row's ticket type
 * resolved or to be created, and who of them is in the event already.
 */
export function applyPlan(mapped: readonly ImportRow[], plan: PlanInput, event: readonly TicketTypeRow[], existing: ExistingPeople): PlannedRows {
  const planned = new Map(plan.ticketTypes.map((p) => [ticketTypeKey(p.value), p]))
  const match = eventMatcher(event)
  const rows: CheckedRow[] = []
  const issues: RowIssue[] = []
  let skippedByStatus = 0
  for (const row of mapped) {
    if ((row.status === 'cancelled' && plan.statuses.cancelled === 'skip') || (row.status === 'pending' && plan.statuses.pending === 'skip')) {
      skippedByStatus++
      continue
    }
    if (row.ticketType === null) {
      if (plan.defaultTicketTypeId === undefined) {
        issues.push({
          line: row.line,
          field: 'ticketType',
          code: 'no_ticket_type',
          severity: 'error',
          message: `Line ${row.line}: the row has no ticket type and no default ticket type is chosen`
        })
        continue
      }
      rows.push({ ...row, ticketTypeId: plan.defaultTicketTypeId, createTicketType: null, existing: existingOf(existing, row) })
      continue
    }
    const key = ticketTypeKey(row.ticketType)
    const choice = planned.get(key)
    const already = existingOf(existing, row)
    if (choice?.action === 'map') rows.push({ ...row, ticketTypeId: choice.ticketTypeId, createTicketType: null, existing: already })
    else if (choice?.action === 'create') rows.push({ ...row, ticketTypeId: null, createTicketType: key, existing: already })
    else {
      const ticketTypeId = match(row.ticketType)
      if (ticketTypeId) rows.push({ ...row, ticketTypeId, createTicketType: null, existing: already })
      else {
        issues.push({
          line: row.line,
          field: 'ticketType',
          code: 'unknown_ticket_type',
          severity: 'error',
          message: `Line ${row.line}: the ticket type "${row.ticketType}" does not exist in this event`,
          params: { value: row.ticketType }
        })
      }
    }
  }
  return { rows, issues, skippedByStatus }
}

/**
 * Registrations the import adds to each ticket type (new people and merged ones
 * moving in; cancelled rows add none), for the capacity check. Ticket types the
 * import creates have no capacity and are left out.
 */
export function addedPerTicketType(rows: readonly CheckedRow[], duplicates: 'skip' | 'merge'): Map<string, number> {
  const adding = new Map<string, number>()
  for (const row of rows) {
    if (row.ticketTypeId === null || row.status === 'cancelled') continue
    const person = row.existing
    if (person) {
      if (duplicates === 'skip') continue
      // A merge moves them only when the file names a ticket type; one already counted there adds nothing.
      const target = row.ticketType === null ? person.ticketTypeId : row.ticketTypeId
      if (person.status !== 'cancelled' && person.ticketTypeId === target) continue
      adding.set(target, (adding.get(target) ?? 0) + 1)
      continue
    }
    adding.set(row.ticketTypeId, (adding.get(row.ticketTypeId) ?? 0) + 1)
  }
  return adding
}
