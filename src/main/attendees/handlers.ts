import { and, eq } from 'drizzle-orm'
import { ApiError } from '../../shared/errors'
import { mutation, sessionOf, type Handlers } from '../core/rpc'
import { attendees, changes } from '../db/schema'
import { checkInAttendee, checkinHistory } from '../checkin/service'
import { getEvent } from '../events/handlers'
import { queryChanges } from '../staff/audit'
import { exportAttendees } from './export'
import { importHandlers } from './import'
import { findByEmail, getAttendee, listAttendees, searchAttendees } from './queries'
import { assertTicketTypeHasRoom, assertTicketTypeOfEvent, insertAttendee } from './service'

type AttendeeMethods =
  | 'attendee.search'
  | 'attendee.list'
  | 'attendee.get'
  | 'attendee.update'
  | 'attendee.setStatus'
  | 'attendee.history'
  | 'attendee.registerWalkUp'
  | 'attendee.export'

export const attendeeHandlers = {
  'attendee.search': (input, { core }) => searchAttendees(core, input.eventId, input.query, input.limit),

  'attendee.list': (input, { core }) => {
    const { offset, limit, ...filter } = input
    return listAttendees(core, filter, offset, limit)
  },

  'attendee.get': (input, { core }) => getAttendee(core, input.id),

  'attendee.update': mutation((input, { core, write }) => {
    const current = getAttendee(core, input.id)
    assertTicketTypeOfEvent(core, input.fields.ticketTypeId, current.eventId)
    write.update(attendees, input.id, input.fields)
    return getAttendee(core, input.id)
  }),

  'attendee.setStatus': mutation((input, { core, write }) => {
    write.update(attendees, getAttendee(core, input.id).id, { status: input.status })
    return getAttendee(core, input.id)
  }),

  'attendee.history': (input, { core }) => {
    getAttendee(core, input.id)
    return {
      changes: queryChanges(core, and(eq(changes.tbl, 'attendees'), eq(changes.rowId, input.id))),
      checkins: checkinHistory(core, input.id)
    }
  },

  'attendee.registerWalkUp': mutation((input, ctx) => {
    const { core, write } = ctx
    const { checkIn, ...fields } = input
    getEvent(core, fields.eventId)
    assertTicketTypeOfEvent(core, fields.ticketTypeId, fields.eventId)
    if (fields.email) {
      const existing = findByEmail(core, fields.eventId, fields.email)
      if (existing) {
        const name = `${existing.firstName} ${existing.lastName}`.trim()
        throw new ApiError('conflict', `${name} (${existing.code}) is already registered with this e-mail`, {
          key: 'alreadyRegistered',
          params: { name, code: existing.code },
          issues: [{ path: 'email', message: 'Already registered', key: 'alreadyRegistered' }]
        })
      }
    }
    assertTicketTypeHasRoom(core, fields.ticketTypeId)
    const id = insertAttendee(core, write, { ...fields, source: 'walkup' })
    const attendee = getAttendee(core, id)
    if (!checkIn) return { attendee, checkin: null }
    const checkin = checkInAttendee(core, write, attendee, 'walkup', sessionOf(ctx).staff.id)
    return { attendee: getAttendee(core, id), checkin }
  }),

  'attendee.export': (input, { core }) => exportAttendees(core, input),

  ...importHandlers
} satisfies Pick<Handlers, AttendeeMethods | keyof typeof importHandlers>
