import type { AttendeeFilter, AttendeeRow, ExportFile } from '../../shared/contract/attendees'
import type { Language } from '../../shared/fields'
import { vocabulary } from '../../shared/i18n/all'
import type { GuardedSql } from '../core/sql'
import { getEvent, listTicketTypes } from '../events/queries'
import { writeCsv, writeXlsx, type ExportColumn } from '../tabular/write'
import { iterateAttendees } from './queries'

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8'
} as const

/** The attendee list as the current filter shows it, as XLSX or CSV. */
export async function exportAttendees(
  read: GuardedSql,
  input: AttendeeFilter & { format: 'xlsx' | 'csv'; delimiter?: ',' | ';'; language?: Language }
): Promise<ExportFile> {
  const { format, delimiter, language, ...filter } = input
  // Headers and values in the language asked for, from the vocabulary the screens use.
  const text = vocabulary(language)
  const header = (column: string) => text(`columns.attendees.${column}`)
  const event = getEvent(read, filter.eventId)
  const ticketNames = new Map(listTicketTypes(read, filter.eventId).map((t) => [t.id, t.name]))
  const columns: ExportColumn<AttendeeRow>[] = [
    { header: header('code'), width: 10, value: (a) => a.code },
    { header: header('first_name'), width: 18, value: (a) => a.firstName },
    { header: header('last_name'), width: 20, value: (a) => a.lastName },
    { header: header('email'), width: 30, value: (a) => a.email },
    { header: header('company'), width: 24, value: (a) => a.company },
    { header: header('job_title'), width: 20, value: (a) => a.jobTitle },
    { header: header('phone'), width: 16, value: (a) => a.phone },
    { header: header('ticket_type_id'), width: 18, value: (a) => ticketNames.get(a.ticketTypeId) ?? '' },
    { header: header('status'), width: 12, value: (a) => text(`status.${a.status}`) },
    { header: text('fields.checkedInAt'), width: 18, value: (a) => (a.checkedInAt === null ? null : new Date(a.checkedInAt)) },
    { header: header('payment_method'), width: 14, value: (a) => (a.paymentMethod === null ? null : text(`payment.${a.paymentMethod}`)) },
    { header: header('amount_cents'), width: 10, format: 'money', value: (a) => (a.amountCents == null ? null : a.amountCents / 100) },
    { header: header('preferred_language'), width: 10, value: (a) => a.preferredLanguage },
    { header: header('notes'), width: 30, value: (a) => a.notes }
  ]
  const rows = [...iterateAttendees(read, filter)]
  // Check-in times as the clocks at the venue showed them.
  const timeZone = event.timezone
  const data = format === 'xlsx' ? await writeXlsx(rows, columns, 'Attendees', { timeZone }) : writeCsv(rows, columns, { timeZone, delimiter })
  const safeName = event.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 60) || 'event'
  return {
    fileName: `${safeName} attendees ${new Date().toISOString().slice(0, 10)}.${format}`,
    mimeType: MIME[format],
    base64: data.toString('base64'),
    rows: rows.length
  }
}
