import type { AttendeeFilter, AttendeeRow, ExportFile } from '../../shared/contract/attendees'
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
  input: AttendeeFilter & { format: 'xlsx' | 'csv'; delimiter?: ',' | ';' }
): Promise<ExportFile> {
  const { format, delimiter, ...filter } = input
  const event = getEvent(read, filter.eventId)
  const ticketNames = new Map(listTicketTypes(read, filter.eventId).map((t) => [t.id, t.name]))
  const columns: ExportColumn<AttendeeRow>[] = [
    { header: 'Code', width: 10, value: (a) => a.code },
    { header: 'First name', width: 18, value: (a) => a.firstName },
    { header: 'Last name', width: 20, value: (a) => a.lastName },
    { header: 'E-mail', width: 30, value: (a) => a.email },
    { header: 'Company', width: 24, value: (a) => a.company },
    { header: 'Job title', width: 20, value: (a) => a.jobTitle },
    { header: 'Phone', width: 16, value: (a) => a.phone },
    { header: 'Ticket type', width: 18, value: (a) => ticketNames.get(a.ticketTypeId) ?? '' },
    { header: 'Status', width: 12, value: (a) => a.status },
    { header: 'Checked in at', width: 18, value: (a) => (a.checkedInAt === null ? null : new Date(a.checkedInAt)) },
    { header: 'Payment', width: 14, value: (a) => a.paymentMethod },
    { header: 'Amount', width: 10, format: 'money', value: (a) => (a.amountCents == null ? null : a.amountCents / 100) },
    { header: 'Language', width: 10, value: (a) => a.preferredLanguage },
    { header: 'Notes', width: 30, value: (a) => a.notes }
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
