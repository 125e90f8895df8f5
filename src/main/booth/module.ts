/** Lead retrieval at the booth: exhibitors, badge scans as facts, leads folded from them. */
import { boothContract, type BoothLead } from '../../shared/contract/booth'
import { ApiError } from '../../shared/errors'
import { newId } from '../core/ids'
import { defineModule, mutation, query, sessionOf, type WriteCtx } from '../core/module'
import { boothLead, boothLeadsOf, boothOf, exhibitorRow, listExhibitors } from './queries'
import { boothLeads, boothLeadsTable } from './leads'
import { boothScans, exhibitorMembers, exhibitors } from './schema'
import { assignExhibitor, attendeeOfCode, recordBoothFact, saveExhibitor, type BoothFact } from './service'

type Booth = ReturnType<typeof boothOf>

function record(ctx: WriteCtx, exhibitor: Booth, fact: Omit<BoothFact, 'exhibitor' | 'deskId' | 'staffId'>): BoothLead {
  const session = sessionOf(ctx)
  // A retried request (the answer was lost on the venue Wi-Fi) finds its fact: nothing is written twice.
  if (!ctx.read.get('SELECT 1 FROM booth_scans WHERE id = ?', fact.id)) {
    recordBoothFact(ctx.write, { ...fact, exhibitor, deskId: ctx.desk.id, staffId: session.staff.id })
  }
  const lead = boothLead(ctx.read, exhibitor, fact.attendeeId)
  if (!lead) throw new ApiError('not_found', 'This person has not been scanned at this booth', { key: 'notFound' })
  return lead
}

export const boothModule = defineModule(boothContract, {
  name: 'booth',
  tables: [
    { table: exhibitors, kind: 'lww', scope: 'booth', describe: 'SELECT name AS subject FROM exhibitors WHERE id = ?' },
    { table: exhibitorMembers, kind: 'lww', scope: 'booth', describe: 'SELECT s.name AS subject FROM exhibitor_members m JOIN staff s ON s.id = m.id WHERE m.id = ?' },
    {
      table: boothScans,
      kind: 'fact',
      scope: 'booth',
      describe: `SELECT e.name || ': ' || trim(a.first_name || ' ' || a.last_name) AS subject
        FROM booth_scans b JOIN exhibitors e ON e.id = b.exhibitor_id LEFT JOIN attendees a ON a.id = b.attendee_id WHERE b.id = ?`
    }
  ],
  derived: [boothLeadsTable],
  projections: [{ follows: 'booth_scans', create: boothLeads }],
  handlers: {
    'exhibitor.list': query((input, { read }) => listExhibitors(read, input.eventId)),
    'exhibitor.save': mutation((input, { read, write }) => {
      saveExhibitor(read, write, input)
      return exhibitorRow(read, input.id)
    }),
    'exhibitor.assign': mutation((input, { read, write }) => {
      const before = read.get<{ exhibitorId: string }>('SELECT exhibitor_id AS exhibitorId FROM exhibitor_members WHERE id = ?', input.staffId)
      assignExhibitor(read, write, input.staffId, input.exhibitorId)
      const shown = input.exhibitorId ?? before?.exhibitorId
      if (!shown) throw new ApiError('not_found', 'This staff member scans for no exhibitor', { key: 'notFound' })
      return exhibitorRow(read, shown)
    }),
    'booth.me': query((input, ctx) => {
      const { id, eventId, name, booth, fields } = boothOf(ctx.read, sessionOf(ctx), input.exhibitorId)
      return { id, eventId, name, booth, fields }
    }),
    'booth.scan': mutation((input, ctx) => {
      const exhibitor = boothOf(ctx.read, sessionOf(ctx), input.exhibitorId)
      const attendeeId = attendeeOfCode(ctx.read, exhibitor.eventId, input.code)
      if (!attendeeId) return { outcome: 'unknown_code' as const, code: input.code.slice(0, 64) }
      const lead = record(ctx, exhibitor, {
        id: input.id ?? newId(),
        attendeeId,
        kind: 'scan',
        at: input.scannedAt,
        rating: input.rating,
        tags: input.tags,
        notes: input.notes
      })
      return { outcome: 'recorded' as const, lead }
    }),
    'booth.note': mutation((input, ctx) => {
      const exhibitor = boothOf(ctx.read, sessionOf(ctx), input.exhibitorId)
      if (!boothLead(ctx.read, exhibitor, input.attendeeId)) {
        throw new ApiError('not_found', 'This person has not been scanned at this booth', { key: 'notFound' })
      }
      return record(ctx, exhibitor, {
        id: input.id ?? newId(),
        attendeeId: input.attendeeId,
        kind: 'edit',
        at: input.at,
        rating: input.rating,
        tags: input.tags,
        notes: input.notes
      })
    }),
    'booth.leads': query((input, ctx) => boothLeadsOf(ctx.read, boothOf(ctx.read, sessionOf(ctx), input.exhibitorId)))
  }
})
