/** The demo desk: staff with known PINs, a live event, ticket types and generated attendees. */
import { getAttendee } from '../attendees/queries'
import { insertAttendee } from '../attendees/service'
import { checkInAttendee } from '../checkin/service'
import type { Core } from '../core/core'
import { newId } from '../core/ids'
import { events, ticketTypes } from '../events/schema'
import { hashPin } from '../staff/pin'
import { staff } from '../staff/schema'
import { people, seededRandom } from './people'

export const DEMO_STAFF = [
  { name: 'Demo Organizer', role: 'organizer', pin: '1234' },
  { name: 'Demo Desk', role: 'desk', pin: '2222' },
  { name: 'Demo Scanner', role: 'scanner', pin: '3333' }
] as const

const DEMO_TICKETS = [
  { code: 'VIP', name: 'VIP', priceCents: 59900, color: '#8e24aa' },
  { code: 'GA', name: 'General Admission', priceCents: 29900, color: '#1e88e5' },
  { code: 'EARLY', name: 'Early Bird', priceCents: 19900, color: '#43a047' },
  { code: 'STUDENT', name: 'Student', priceCents: 4900, color: '#fb8c00' },
  { code: 'SPEAKER', name: 'Speaker', priceCents: 0, color: '#e53935' },
  { code: 'STAFF', name: 'Staff', priceCents: 0, color: '#546e7a' }
] as const

export interface DemoOptions {
  attendees?: number
  /** Share of attendees already checked in, so the counters show something. */
  checkedInShare?: number
}

export function seedDemo(core: Core, options: DemoOptions = {}): Promise<{ eventId: string }> {
  const count = options.attendees ?? 2000
  const share = options.checkedInShare ?? 0.15
  const rnd = seededRandom(7)
  return core.transact('demo.seed', (ctx) => {
    const { read, write } = ctx
    const staffIds = DEMO_STAFF.map((s) => {
      const id = newId()
      write.insert(staff, { id, name: s.name, role: s.role, pinHash: hashPin(s.pin), active: true, createdAt: new Date().toISOString() })
      return id
    })
    const eventId = newId()
    const today = new Date()
    const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10)
    write.insert(events, {
      id: eventId,
      name: 'EventDesk Demo Conference',
      type: 'conference',
      startDate: day(0),
      endDate: day(2),
      timezone: 'Europe/Amsterdam',
      venue: 'RAI Amsterdam',
      capacity: Math.max(count, 2500),
      status: 'live',
      createdAt: new Date().toISOString()
    })
    const ticketIds = DEMO_TICKETS.map((t) => {
      const id = newId()
      write.insert(ticketTypes, { id, eventId, ...t, currency: 'EUR', capacity: null, createdAt: new Date().toISOString() })
      return id
    })
    const atTheDesk = { ...ctx, staffId: staffIds[1]! }
    for (const person of people(count)) {
      // Mostly general admission, a few of everything else.
      const r = rnd()
      const ticketTypeId = ticketIds[r < 0.08 ? 0 : r < 0.6 ? 1 : r < 0.8 ? 2 : r < 0.9 ? 3 : r < 0.96 ? 4 : 5]!
      const id = insertAttendee(read, write, { eventId, ...person, phone: null, notes: null, ticketTypeId, source: 'demo' })
      if (rnd() < share) checkInAttendee(atTheDesk, getAttendee(read, id), 'search')
    }
    return { eventId }
  })
}
