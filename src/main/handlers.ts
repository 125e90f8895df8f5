/** Every API method, with the wrappers attached where it is registered. */
import type { Handlers } from './core/rpc'
import { attendeeHandlers } from './attendees/handlers'
import { checkinHandlers } from './checkin/handlers'
import { eventHandlers } from './events/handlers'
import { staffHandlers } from './staff/handlers'

export const handlers: Handlers = {
  ...staffHandlers,
  ...eventHandlers,
  ...attendeeHandlers,
  ...checkinHandlers
}
