import type { MethodName } from '../../../../shared/contract'

/** What the attendee drawer calls: a route that opens it needs these too. */
export const ATTENDEE_DRAWER_NEEDS = [
  'attendee.get',
  'attendee.update',
  'attendee.setStatus',
  'attendee.history',
  'checkin.history',
  'checkin.current',
  'checkin.byAttendee',
  'checkin.undo',
  'ticketType.list'
] as const satisfies readonly MethodName[]
