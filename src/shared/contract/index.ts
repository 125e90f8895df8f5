/**
 * The EventDesk API contract: every method a user (or a device) can call, one
 * slice per domain. The Electron IPC bridge, the station HTTP router and the
 * renderer client all use this map, so adding a feature is schema → service →
 * screen. A method name declared in two slices stops the app at start-up.
 */
import type { z } from 'zod'
import { attendeesContract } from './attendees'
import { auditContract } from './audit'
import { backupContract } from './backup'
import { badgesContract } from './badges'
import { boothContract } from './booth'
import { checkinContract } from './checkin'
import { checkinListsContract } from './checkin-lists'
import { conflictsContract } from './conflicts'
import { contractsContract } from './contracts'
import { crmContract } from './crm'
import { deskContract } from './desk'
import { eventsContract } from './events'
import { procurementContract } from './procurement'
import { mergeSlices, type ResultOfSpec } from './method'
import { pipelineContract } from './pipeline'
import { salesteamContract } from './salesteam'
import { staffContract } from './staff'
import { syncContract } from './sync'
import { vendorsContract } from './vendors'

export const contract = mergeSlices(
  deskContract,
  staffContract,
  auditContract,
  eventsContract,
  attendeesContract,
  checkinContract,
  checkinListsContract,
  vendorsContract,
  contractsContract,
  procurementContract,
  conflictsContract,
  syncContract,
  backupContract,
  badgesContract,
  salesteamContract,
  crmContract,
  pipelineContract,
  boothContract
)

export type Contract = typeof contract
export type MethodName = keyof Contract
/** What a caller sends (before defaults and transforms). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>
/** What a handler receives (after validation). */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>
export type ResultOf<M extends MethodName> = ResultOfSpec<Contract[M]>

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

/** Push notifications from the core: which tables changed (for which events), so screens refresh without reload. */
export interface ChangedEvent {
  tables: string[]
  eventIds: string[]
}
