/**
 * Lead retrieval at the booth: exhibitors, the badge scans their staff make
 * (facts: real scan time, rating 0–5, tags, notes) and the leads folded from
 * them. An exhibitor sees its own leads only, and of each person only the
 * fields the organizer allows it (enforced in the core).
 */
import { z } from 'zod'
import type { exhibitors } from '../../main/booth/schema'
import { clientId, FIELD_MESSAGES, id, optionalLine, optionalLines, text } from '../fields'
import { STAFF_ROLES } from '../roles'
import { method } from './method'

export const BOOTH_FACT_KINDS = ['scan', 'edit'] as const
/** What of an attendee an exhibitor may be shown; the organizer picks per exhibitor. */
export const VISIBLE_FIELDS = ['name', 'company', 'jobTitle', 'email', 'phone'] as const
export type VisibleField = (typeof VISIBLE_FIELDS)[number]
export const DEFAULT_VISIBLE_FIELDS: VisibleField[] = ['name', 'company', 'jobTitle']

export type ExhibitorRow = Omit<typeof exhibitors.$inferSelect, 'fields'> & { fields: VisibleField[]; members: { id: string; name: string }[]; leads: number }

/** A booth lead as its exhibitor may see it: fields the organizer did not allow are absent. */
export interface BoothLead {
  attendeeId: string
  firstScanAt: string
  lastScanAt: string
  scans: number
  rating: number | null
  tags: string[]
  notes: string | null
  person: Partial<Record<'firstName' | 'lastName' | 'company' | 'jobTitle' | 'email' | 'phone', string | null>>
}

export type ScanResult = { outcome: 'recorded'; lead: BoothLead } | { outcome: 'unknown_code'; code: string }

const rating = z.number().int().min(0).max(5)
const tags = z.array(z.string().trim().min(1).max(40)).max(20)
/** A moment the device gives (its own clock, offset included). */
const moment = z.iso.datetime({ offset: true })
/** The organizer may work any exhibitor's booth and names it; an exhibitor's staff scan for their own. */
const exhibitorId = id.optional()

export const boothContract = {
  'exhibitor.list': method<ExhibitorRow[]>()({
    input: z.object({ eventId: id }).strict(),
    roles: STAFF_ROLES.organizer,
    reads: ['exhibitors', 'exhibitor_members', 'booth_scans', 'staff']
  }),
  'exhibitor.save': method<ExhibitorRow>()({
    input: z
      .object({
        id: z.uuid(),
        eventId: id,
        name: text().min(1, FIELD_MESSAGES.nameRequired),
        booth: optionalLine(40),
        fields: z.array(z.enum(VISIBLE_FIELDS)).max(VISIBLE_FIELDS.length)
      })
      .strict(),
    roles: STAFF_ROLES.organizer
  }),
  /** Lets a staff member with the exhibitor role scan for this exhibitor (null: for none). */
  'exhibitor.assign': method<ExhibitorRow>()({
    input: z.object({ staffId: id, exhibitorId: id.nullable() }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  /** The booth the caller scans for (an organizer names one). */
  'booth.me': method<{ id: string; eventId: string; name: string; booth: string | null; fields: VisibleField[] }>()({
    input: z.object({ exhibitorId }).strict(),
    roles: STAFF_ROLES.booth,
    reads: ['exhibitors', 'exhibitor_members']
  }),
  /** A badge scanned: a new lead, or the same lead again (never a second one). Retried with the same id, nothing changes. */
  'booth.scan': method<ScanResult>()({
    input: z
      .object({
        id: clientId,
        exhibitorId,
        code: z.string().max(512),
        scannedAt: moment,
        rating: rating.nullable().optional(),
        tags: tags.nullable().optional(),
        notes: optionalLines().optional()
      })
      .strict(),
    roles: STAFF_ROLES.booth
  }),
  /** Rates, tags or annotates a lead (a fact; fields left out keep their value). */
  'booth.note': method<BoothLead>()({
    input: z
      .object({
        id: clientId,
        exhibitorId,
        attendeeId: id,
        at: moment,
        rating: rating.nullable().optional(),
        tags: tags.nullable().optional(),
        notes: optionalLines().optional()
      })
      .strict(),
    roles: STAFF_ROLES.booth
  }),
  'booth.leads': method<BoothLead[]>()({
    input: z.object({ exhibitorId }).strict(),
    roles: STAFF_ROLES.booth,
    reads: ['booth_scans', 'exhibitors', 'exhibitor_members', 'attendees']
  })
}
