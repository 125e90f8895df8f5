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
  input: AttendeeFilter & { format: 'xlsx' | 'csv'; language?: Language }
): Promise<ExportFile> {
  const { format, language, ...filter } = input
  // Headers and statuses in the language asked for, from the vocabulary the screens use.
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
    { header: text('fields.checkedInAt'), width: 22, value: (a) => a.checkedInAt },
    { header: header('payment_method'), width: 14, value: (a) => a.paymentMethod },
    { header: header('amount_cents'), width: 10, value: (a) => (a.amountCents == null ? null : a.amountCents / 100) },
    { header: header('preferred_language'), width: 10, value: (a) => a.preferredLanguage },
    { header: header('notes'), width: 30, value: (a) => a.notes }
  ]
  const rows = [...iterateAttendees(read, filter)]
  const data = format === 'xlsx' ? await writeXlsx(rows, columns, 'Attendees') : writeCsv(rows, columns)
  const safeName = event.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 60) || 'event'
  return {
    fileName: `${safeName} attendees ${new Date().toISOString().slice(0, 10)}.${format}`,
    mimeType: MIME[format],
    base64: data.toString('base64'),
    rows: rows.length
  }
}
