/**
 * The EventDesk API contract: every method a user (or a device) can call, its
 * input schema, its result type and the roles allowed to call it. The Electron
 * IPC bridge, the station HTTP router and the renderer client all use this map,
 * so adding a feature is schema → service → screen.
 */
import { z } from 'zod'
import {
  attendeeFields,
  attendeeInput,
  ATTENDEE_STATUSES,
  eventInput,
  FIELD_MESSAGES,
  id,
  PAYMENT_METHODS,
  staffInput,
  ticketTypeInput,
  type AttendeeHistory,
  type AttendeeRow,
  type ChangeEntry,
  type ClockWarning,
  type CheckinResult,
  type Counters,
  type EventRow,
  type ExportFile,
  type SessionInfo,
  type StaffRow,
  type TicketTypeRow
} from './domain'
import type { ImportCheckResult, ImportCommitResult, ImportUploadResult } from './import'
import { columnMapping } from './import'
import { ROLES, STAFF_ROLES, type Role } from './roles'

export interface MethodSpec<I extends z.ZodType, R> {
  input: I
  /** 'public' methods run without a session (sign-in, first-run set-up). */
  roles: readonly Role[] | 'public'
  /** Type-only marker for the result. */
  readonly _result?: R
}

const method =
  <R>() =>
  <I extends z.ZodType>(spec: { input: I; roles: readonly Role[] | 'public' }): MethodSpec<I, R> =>
    spec

const none = z.object({}).strict()
const byId = z.object({ id }).strict()
const byEvent = z.object({ eventId: id }).strict()
const query = z.string().max(500)

export const attendeeFilter = z
  .object({
    eventId: id,
    query: query.optional(),
    status: z.enum(ATTENDEE_STATUSES).optional(),
    ticketTypeId: id.optional(),
    checkedIn: z.boolean().optional()
  })
  .strict()
export type AttendeeFilter = z.infer<typeof attendeeFilter>

const MAX_UPLOAD_BASE64 = 120 * 1024 * 1024 // ~90 MB file

export const contract = {
  // ---- desk & session ----
  'system.status': method<{
    firstRun: boolean
    deskId: string
    deskName: string
    appVersion: string
    schemaVersion: string
    clockWarning: ClockWarning | null
  }>()({ input: none, roles: 'public' }),
  'staff.setupFirstOrganizer': method<SessionInfo>()({
    input: staffInput.omit({ role: true }).strict(),
    roles: 'public'
  }),
  'staff.signInOptions': method<Pick<StaffRow, 'id' | 'name' | 'role'>[]>()({ input: none, roles: 'public' }),
  'staff.signIn': method<SessionInfo>()({
    input: z.object({ staffId: id, pin: z.string().min(1).max(32) }).strict(),
    roles: 'public'
  }),
  'desk.rename': method<{ deskId: string; deskName: string }>()({
    input: z.object({ name: z.string().trim().min(1, FIELD_MESSAGES.nameRequired).max(60) }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'staff.me': method<Omit<SessionInfo, 'token'>>()({ input: none, roles: ROLES }),
  'staff.signOut': method<{ ok: true }>()({ input: none, roles: ROLES }),
  'staff.list': method<StaffRow[]>()({ input: none, roles: STAFF_ROLES.organizer }),
  'staff.create': method<StaffRow>()({ input: staffInput.strict(), roles: STAFF_ROLES.organizer }),
  'staff.update': method<StaffRow>()({
    input: staffInput.partial().extend({ id, active: z.boolean().optional() }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'audit.list': method<ChangeEntry[]>()({
    input: z
      .object({ before: z.string().max(64).optional(), limit: z.number().int().min(1).max(500).default(100) })
      .strict(),
    roles: STAFF_ROLES.organizer
  }),

  // ---- events & ticket types ----
  'event.list': method<EventRow[]>()({ input: none, roles: ROLES }),
  'event.create': method<EventRow>()({ input: eventInput, roles: STAFF_ROLES.organizer }),
  'event.update': method<EventRow>()({
    input: z.object({ id, event: eventInput }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'ticketType.list': method<TicketTypeRow[]>()({ input: byEvent, roles: ROLES }),
  'ticketType.create': method<TicketTypeRow>()({
    input: ticketTypeInput.extend({ eventId: id }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'ticketType.update': method<TicketTypeRow>()({
    input: ticketTypeInput.extend({ id }).strict(),
    roles: STAFF_ROLES.organizer
  }),

  // ---- attendees ----
  'attendee.search': method<AttendeeRow[]>()({
    input: z.object({ eventId: id, query, limit: z.number().int().min(1).max(100).default(25) }).strict(),
    roles: STAFF_ROLES.desk
  }),
  'attendee.list': method<{ total: number; rows: AttendeeRow[] }>()({
    input: attendeeFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200)
    }),
    roles: STAFF_ROLES.desk
  }),
  'attendee.get': method<AttendeeRow>()({ input: byId, roles: STAFF_ROLES.desk }),
  'attendee.update': method<AttendeeRow>()({
    input: z.object({ id, fields: attendeeInput }).strict(),
    roles: STAFF_ROLES.desk
  }),
  'attendee.setStatus': method<AttendeeRow>()({
    input: z.object({ id, status: z.enum(ATTENDEE_STATUSES) }).strict(),
    roles: STAFF_ROLES.desk
  }),
  'attendee.history': method<AttendeeHistory>()({ input: byId, roles: STAFF_ROLES.desk }),
  'attendee.registerWalkUp': method<{ attendee: AttendeeRow; checkin: CheckinResult | null }>()({
    input: attendeeFields
      .extend({
        eventId: id,
        paymentMethod: z.enum(PAYMENT_METHODS),
        amountCents: z.number().int().min(0).max(100_000_000),
        checkIn: z.boolean().default(true)
      })
      .strict()
      .refine((a) => a.firstName !== '' || a.lastName !== '', {
        path: ['lastName'],
        message: FIELD_MESSAGES.firstOrLastName
      }),
    roles: STAFF_ROLES.desk
  }),
  'attendee.export': method<ExportFile>()({
    input: attendeeFilter.extend({ format: z.enum(['xlsx', 'csv']) }),
    roles: STAFF_ROLES.desk
  }),

  // ---- import ----
  'import.upload': method<ImportUploadResult>()({
    input: z
      .object({
        eventId: id,
        fileName: z.string().min(1).max(255),
        base64: z.string().min(1, FIELD_MESSAGES.fileEmpty).max(MAX_UPLOAD_BASE64, FIELD_MESSAGES.fileTooLarge)
      })
      .strict(),
    roles: STAFF_ROLES.organizer
  }),
  'import.check': method<ImportCheckResult>()({
    input: z.object({ importId: id, mapping: columnMapping, defaultTicketTypeId: id }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'import.progress': method<{ done: number; total: number }>()({
    input: z.object({ importId: id }).strict(),
    roles: STAFF_ROLES.organizer
  }),
  'import.commit': method<ImportCommitResult>()({
    input: z
      .object({
        importId: id,
        mapping: columnMapping,
        defaultTicketTypeId: id,
        duplicates: z.enum(['skip', 'merge'])
      })
      .strict(),
    roles: STAFF_ROLES.organizer
  }),

  // ---- check-in ----
  'checkin.byCode': method<CheckinResult>()({
    input: z.object({ eventId: id, code: z.string().max(512), method: z.enum(['code', 'scan']).default('code') }).strict(),
    roles: STAFF_ROLES.checkin
  }),
  'checkin.byAttendee': method<CheckinResult>()({
    input: z.object({ attendeeId: id }).strict(),
    roles: STAFF_ROLES.desk
  }),
  'checkin.undo': method<AttendeeRow>()({ input: z.object({ checkinId: id }).strict(), roles: STAFF_ROLES.checkin }),
  'checkin.counters': method<Counters>()({ input: byEvent, roles: STAFF_ROLES.checkin })
} as const

export type Contract = typeof contract
export type MethodName = keyof Contract
/** What a caller sends (before defaults and transforms). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>
/** What a handler receives (after validation). */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>
export type ResultOf<M extends MethodName> = Contract[M] extends MethodSpec<z.ZodType, infer R> ? R : never

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

/** Push notifications from the core: which data changed, so screens refresh without reload. */
export interface ChangedEvent {
  tables: string[]
  eventIds: string[]
}
