/** Live check-in counters of an event: one cached answer for the header and the Desk. */
import { useApi } from '../../api/query'

export function useCounters(eventId: string | null, enabled = true) {
  return useApi('checkin.counters', enabled && eventId ? { eventId } : null)
}
