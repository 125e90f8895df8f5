/** Reads of exhibitors and booth leads; a lead shows only the attendee fields its exhibitor is allowed. */
import { VISIBLE_FIELDS, type BoothLead, type ExhibitorRow, type VisibleField } from '../../shared/contract/booth'
import { ApiError } from '../../shared/errors'
import type { Session } from '../core/module'
import type { GuardedSql } from '../core/sql'

interface StoredExhibitor {
  id: string
  eventId: string
  name: string
  booth: string | null
  fields: string
  createdAt: string
}

const EXHIBITOR = 'SELECT id, event_id AS eventId, name, booth, fields, created_at AS createdAt FROM exhibitors'

const fieldsOf = (json: string): VisibleField[] => {
  const wanted = new Set(JSON.parse(json) as string[])
  return VISIBLE_FIELDS.filter((f) => wanted.has(f))
}

export function getExhibitor(read: GuardedSql, id: string): Omit<ExhibitorRow, 'members' | 'leads'> {
  const row = read.get<StoredExhibitor>(`${EXHIBITOR} WHERE id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such exhibitor', { key: 'notFound' })
  return { ...row, fields: fieldsOf(row.fields) }
}

function withDetails(read: GuardedSql, row: StoredExhibitor): ExhibitorRow {
  return {
    ...row,
    fields: fieldsOf(row.fields),
    members: read.all<{ id: string; name: string }>(
      'SELECT s.id, s.name FROM exhibitor_members m JOIN staff s ON s.id = m.id WHERE m.exhibitor_id = ? ORDER BY s.name, s.id',
      row.id
    ),
    leads: read.get<{ n: number }>('SELECT COUNT(*) AS n FROM booth_leads WHERE exhibitor_id = ?', row.id)!.n
  }
}

export function exhibitorRow(read: GuardedSql, id: string): ExhibitorRow {
  const row = read.get<StoredExhibitor>(`${EXHIBITOR} WHERE id = ?`, id)
  if (!row) throw new ApiError('not_found', 'No such exhibitor', { key: 'notFound' })
  return withDetails(read, row)
}

export function listExhibitors(read: GuardedSql, eventId: string): ExhibitorRow[] {
  return read.all<StoredExhibitor>(`${EXHIBITOR} WHERE event_id = ? ORDER BY name, id`, eventId).map((r) => withDetails(read, r))
}

/**
 * The exhibitor the caller scans for: an exhibitor's staff their own (and no
 * other, whatever they ask for), an organizer the one named.
 */
export function boothOf(read: GuardedSql, session: Session, asked: string | undefined): Omit<ExhibitorRow, 'members' | 'leads'> {
  if (session.staff.role === 'exhibitor') {
    const member = read.get<{ exhibitorId: string }>('SELECT exhibitor_id AS exhibitorId FROM exhibitor_members WHERE id = ?', session.staff.id)
    if (!member || (asked !== undefined && asked !== member.exhibitorId)) {
      throw new ApiError('forbidden', 'You do not scan for this exhibitor', { key: 'notYourBooth' })
    }
    return getExhibitor(read, member.exhibitorId)
  }
  if (!asked) throw new ApiError('invalid_input', 'Name the exhibitor', { key: 'exhibitorRequired' })
  return getExhibitor(read, asked)
}

interface StoredLead {
  attendeeId: string
  firstScanAt: string
  lastScanAt: string
  scans: number
  rating: number | null
  tags: string | null
  notes: string | null
  firstName: string
  lastName: string
  company: string | null
  jobTitle: string | null
  email: string | null
  phone: string | null
}

const LEAD = `SELECT l.attendee_id AS attendeeId, l.first_scan_at AS firstScanAt, l.last_scan_at AS lastScanAt, l.scans, l.rating, l.tags, l.notes,
  a.first_name AS firstName, a.last_name AS lastName, a.company, a.job_title AS jobTitle, a.email, a.phone
  FROM booth_leads l LEFT JOIN attendees a ON a.id = l.attendee_id WHERE l.exhibitor_id = ?`

/** The person as the exhibitor may see them: only the allowed fields are copied. */
function visible(row: StoredLead, fields: readonly VisibleField[]): BoothLead['person'] {
  const person: BoothLead['person'] = {}
  for (const field of fields) {
    if (field === 'name') Object.assign(person, { firstName: row.firstName, lastName: row.lastName })
    else person[field] = row[field]
  }
  return person
}

function toLead(row: StoredLead, fields: readonly VisibleField[]): BoothLead {
  return {
    attendeeId: row.attendeeId,
    firstScanAt: row.firstScanAt,
    lastScanAt: row.lastScanAt,
    scans: row.scans,
    rating: row.rating,
    tags: row.tags ? (JSON.parse(row.tags) as string[]) : [],
    notes: row.notes,
    person: visible(row, fields)
  }
}

export function boothLeadsOf(read: GuardedSql, exhibitor: { id: string; fields: readonly VisibleField[] }): BoothLead[] {
  return read.all<StoredLead>(`${LEAD} ORDER BY l.first_scan_at DESC, l.attendee_id`, exhibitor.id).map((r) => toLead(r, exhibitor.fields))
}

export function boothLead(read: GuardedSql, exhibitor: { id: string; fields: readonly VisibleField[] }, attendeeId: string): BoothLead | null {
  const row = read.get<StoredLead>(`${LEAD} AND l.attendee_id = ?`, exhibitor.id, attendeeId)
  return row ? toLead(row, exhibitor.fields) : null
}
