import type { TFunction } from 'i18next'

/** SQL column → field label key (fields.*), for history and audit summaries. */
const COLUMN_LABELS: Record<string, string> = {
  first_name: 'firstName',
  last_name: 'lastName',
  email: 'email',
  company: 'company',
  job_title: 'jobTitle',
  phone: 'phone',
  ticket_type_id: 'ticketType',
  status: 'status',
  preferred_language: 'language',
  notes: 'notes',
  payment_method: 'payment',
  amount_cents: 'amount',
  external_ref: 'externalRef',
  code: 'code',
  name: 'name',
  role: 'role',
  active: 'active',
  pin_hash: 'pin',
  type: 'eventType',
  start_date: 'startDate',
  end_date: 'endDate',
  timezone: 'timezone',
  venue: 'venue',
  capacity: 'capacity',
  price_cents: 'price',
  currency: 'currency',
  color: 'color',
  kind: 'kind',
  method: 'method'
}

/** Bookkeeping columns that say nothing to a person reading the history. */
const HIDDEN = new Set(['id', 'event_id', 'attendee_id', 'created_at', 'updated_at', 'seq', 'source', 'ref_id', 'desk_id', 'staff_id', 'at', 'search_text'])

export function columnLabel(t: TFunction, column: string): string {
  const key = COLUMN_LABELS[column]
  return key ? t(`fields.${key}`) : column
}

export function actionLabel(t: TFunction, action: string): string {
  const key = `actions.${action.replace(/\./g, '_')}`
  return t(key, { defaultValue: action })
}

export function visibleColumns(data: Record<string, unknown>): string[] {
  return Object.keys(data).filter((k) => !HIDDEN.has(k))
}

/** A written value as a person reads it: translated statuses and methods, names for ticket types. */
export function describeValue(t: TFunction, column: string, value: unknown, ticketTypeName?: (id: string) => string | undefined): string {
  if (typeof value === 'string') {
    if (column === 'status') return t(`status.${value}`, { defaultValue: value })
    if (column === 'method') return t(`checkinMethod.${value}`, { defaultValue: value })
    if (column === 'role') return t(`roles.${value}`, { defaultValue: value })
    if (column === 'ticket_type_id' && ticketTypeName) return ticketTypeName(value) ?? shortValue(value)
  }
  if (column === 'active' && (value === 0 || value === 1 || typeof value === 'boolean')) return value ? t('common.yes') : t('common.no')
  if ((column === 'amount_cents' || column === 'price_cents') && typeof value === 'number') return (value / 100).toFixed(2)
  return shortValue(value)
}

export function shortValue(value: unknown, max = 60): string {
  if (value === null || value === undefined || value === '') return '—'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > max ? text.slice(0, max - 1) + '…' : text
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
