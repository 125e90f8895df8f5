/** Booth writes: exhibitors and their staff, and the scan and note facts leads are folded from. */
import type { VisibleField } from '../../shared/contract/booth'
import { ApiError } from '../../shared/errors'
import { findByCode } from '../attendees/queries'
import { normaliseCode } from '../core/ids'
import type { GuardedSql } from '../core/sql'
import type { Writer } from '../core/writer'
import { getEvent } from '../events/queries'
import { getStaff } from '../staff/queries'
import { getExhibitor } from './queries'
import { boothScans, exhibitorMembers, exhibitors } from './schema'

export function saveExhibitor(
  read: GuardedSql,
  write: Writer,
  input: { id: string; eventId: string; name: string; booth: string | null; fields: VisibleField[] }
): void {
  const { id, ...fields } = input
  const values = { ...fields, fields: JSON.stringify([...new Set(fields.fields)]) }
  if (read.get('SELECT 1 FROM exhibitors WHERE id = ?', id)) {
    if (getExhibitor(read, id).eventId !== input.eventId) throw new ApiError('invalid_input', 'An exhibitor stays at its event', { key: 'exhibitorOtherEvent' })
    write.update(exhibitors, id, values)
  } else {
    getEvent(read, input.eventId)
    write.insert(exhibitors, { id, ...values, createdAt: new Date().toISOString() })
  }
}

export function assignExhibitor(read: GuardedSql, write: Writer, staffId: string, exhibitorId: string | null): void {
  const member = getStaff(read, staffId)
  if (member.role !== 'exhibitor') {
    throw new ApiError('invalid_input', `${member.name} does not have the exhibitor role`, { key: 'notAnExhibitor', params: { name: member.name } })
  }
  const assigned = read.get('SELECT 1 FROM exhibitor_members WHERE id = ?', staffId) !== undefined
  if (exhibitorId === null) {
    if (assigned) write.delete(exhibitorMembers, staffId)
    return
  }
  getExhibitor(read, exhibitorId)
  if (assigned) write.update(exhibitorMembers, staffId, { exhibitorId })
  else write.insert(exhibitorMembers, { id: staffId, exhibitorId })
}

export interface BoothFact {
  id: string
  exhibitor: { id: string; eventId: string }
  attendeeId: string
  kind: 'scan' | 'edit'
  /** The device's moment, kept in UTC so facts from devices in any offset order alike. */
  at: string
  rating?: number | null
  tags?: string[] | null
  notes?: string | null
  deskId: string
  staffId: string
}

export function recordBoothFact(write: Writer, fact: BoothFact): void {
  write.insert(boothScans, {
    id: fact.id,
    eventId: fact.exhibitor.eventId,
    exhibitorId: fact.exhibitor.id,
    attendeeId: fact.attendeeId,
    kind: fact.kind,
    at: new Date(fact.at).toISOString(),
    recordedAt: new Date().toISOString(),
    rating: fact.rating ?? null,
    tags: fact.tags ? JSON.stringify([...new Set(fact.tags)]) : null,
    notes: fact.notes ?? null,
    deskId: fact.deskId,
    staffId: fact.staffId
  })
}

/** The attendee a scanned code stands for at the exhibitor's event; null when none (or two: a code minted twice). */
export function attendeeOfCode(read: GuardedSql, eventId: string, raw: string): string | null {
  const code = normaliseCode(raw)
  const found = code ? findByCode(read, eventId, code) : []
  return found.length === 1 ? found[0]!.id : null
}
