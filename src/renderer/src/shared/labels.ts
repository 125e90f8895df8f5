/**
 * Labels for what the core stores and logs: roles, tables, columns, values and
 * actions (method names), in the current language, per table (an event's
 * `status` is an event status, an attendee's an attendee status). Unknown names
 * (a newer desk's table or column) show as they are.
 */
import type { Role } from '../../../shared/roles'
import { VALUE_GROUPS } from '../../../shared/i18n'
import i18n from '../i18n'
import { formatAmount, formatMoney } from '../ui/format'

function sharedText(key: string): string | null {
  const full = `shared:${key}`
  return i18n.exists(full) ? i18n.t(full as never) : null
}

export function roleLabel(role: Role): string {
  return i18n.t(`shared:roles.${role}`)
}

export function tableLabel(table: string): string {
  return sharedText(`tables.${table}`) ?? table
}

export function columnLabel(table: string, column: string): string {
  return sharedText(`columns.${table}.${column}`) ?? column
}

/** What an audit action (a method name such as `attendee.update`, or a desk's own action) did. */
export function actionLabel(action: string): string {
  return sharedText(`actions.${action}`) ?? action
}

/** Bookkeeping columns that say nothing to a person reading the history. */
const HIDDEN = new Set(['id', 'event_id', 'attendee_id', 'created_at', 'updated_at', 'seq', 'source', 'ref_id', 'desk_id', 'staff_id', 'at', 'search_text'])

export function visibleColumns(data: Record<string, unknown>): string[] {
  return Object.keys(data).filter((k) => !HIDDEN.has(k) && !k.startsWith('_'))
}

export function shortValue(value: unknown, max = 60): string {
  if (value === null || value === undefined || value === '') return '—'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > max ? text.slice(0, max - 1) + '…' : text
}

/** What a value's column alone does not say: a ticket type's name for its id, the currency of an amount. */
export interface ValueContext {
  ticketTypeName?: (id: string) => string | undefined
  /** The currency of `amount_cents` / `price_cents` (ChangeEntry.currency). */
  currency?: string | null
}

/** Yes/no columns (SQLite keeps them as 0/1). */
const FLAGS = new Set(['active', 'attention'])

/** A written value as a person reads it: translated statuses and methods, amounts in their currency, names for ticket types. */
export function describeValue(table: string, column: string, value: unknown, context: ValueContext = {}): string {
  const group = (VALUE_GROUPS as Record<string, string>)[`${table}.${column}`]
  if (group && typeof value === 'string') return sharedText(`${group}.${value}`) ?? value
  if (column === 'ticket_type_id' && typeof value === 'string' && context.ticketTypeName) return context.ticketTypeName(value) ?? shortValue(value)
  if (FLAGS.has(column) && (value === 0 || value === 1 || typeof value === 'boolean')) return i18n.t(value ? 'common.yes' : 'common.no')
  if ((column === 'amount_cents' || column === 'price_cents') && typeof value === 'number') {
    return context.currency ? formatMoney(value, context.currency) : formatAmount(value)
  }
  return shortValue(value)
}

/** Who or what a change is about, from the written columns (a name, a code), if it says. */
export function subjectOf(data: Record<string, unknown>): string | null {
  const first = typeof data.first_name === 'string' ? data.first_name : ''
  const last = typeof data.last_name === 'string' ? data.last_name : ''
  const person = `${first} ${last}`.trim()
  if (person) return person
  if (typeof data.name === 'string' && data.name) return data.name
  if (typeof data.code === 'string' && data.code) return data.code
  return null
}
