/**
 * Which cached answers a change makes stale. Every contract method declares the
 * topics (table names) it reads; the core pushes `{ tables, eventIds }` after
 * each write. An answer is stale when its method reads one of the tables and,
 * if it was asked about one event, that event is among the changed ones (a push
 * without event ids concerns every event). `*` (after a reconnect) is everything.
 */
import { contract, isMethodName, type ChangedEvent } from '../../../shared/contract'

function eventIdOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || !('eventId' in input)) return null
  const { eventId } = input as { eventId: unknown }
  return typeof eventId === 'string' ? eventId : null
}

export function isStaleAfter(key: readonly unknown[], change: ChangedEvent): boolean {
  const [method, input] = key
  if (typeof method !== 'string' || !isMethodName(method)) return false
  if (change.tables.includes('*')) return true
  if (!contract[method].reads.some((topic) => change.tables.includes(topic))) return false
  const eventId = eventIdOf(input)
  return eventId === null || change.eventIds.length === 0 || change.eventIds.includes(eventId)
}
