import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { PRINT_JOB_STEPS, PRINT_JOB_STATUSES, PRINTER_KINDS, PRINTER_TRANSPORTS } from '../../shared/contract/badges'

/** Badge templates of an event: the validated template JSON (shared/badge-template.ts), merged per column. */
export const badgeTemplates = sqliteTable(
  'badge_templates',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    name: text('name').notNull(),
    /** The template as JSON; every read validates it again, so a bad one from anywhere is refused, not drawn. */
    template: text('template').notNull(),
    createdAt: text('created_at').notNull()
  },
  (t) => [index('badge_templates_event_idx').on(t.eventId)]
)

/**
 * Which template a ticket type prints with. The row id is the ticket type's id
 * (or `default:<event id>` for the event's default), so two desks assigning
 * the same ticket type edit one row and the later edit wins.
 */
export const badgeAssignments = sqliteTable(
  'badge_assignments',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    /** Null: the event's default. */
    ticketTypeId: text('ticket_type_id'),
    templateId: text('template_id').notNull()
  },
  (t) => [index('badge_assignments_event_idx').on(t.eventId)]
)

/**
 * A badge to print (append-only fact): who, with which template, and the one
 * desk that prints it (`print_desk_id`, the desk holding the printer), so desks
 * that share the queue never both print it.
 */
export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    attendeeId: text('attendee_id').notNull(),
    templateId: text('template_id').notNull(),
    printDeskId: text('print_desk_id').notNull(),
    /** The printer on that desk (its local table). */
    printerId: text('printer_id').notNull(),
    /** Set for a reprint: the attendee had a badge printed before. */
    reprint: integer('reprint', { mode: 'boolean' }).notNull().default(false),
    at: text('at').notNull(),
    deskId: text('desk_id').notNull(),
    staffId: text('staff_id')
  },
  (t) => [index('print_jobs_attendee_idx').on(t.attendeeId), index('print_jobs_event_idx').on(t.eventId, t.at)]
)

/** What happened to a job (append-only facts): printing, done, failed (with the reason), cancelled, retried by hand. */
export const printJobSteps = sqliteTable(
  'print_job_steps',
  {
    id: text('id').primaryKey(),
    jobId: text('job_id').notNull(),
    eventId: text('event_id').notNull(),
    step: text('step', { enum: PRINT_JOB_STEPS }).notNull(),
    at: text('at').notNull(),
    deskId: text('desk_id').notNull(),
    staffId: text('staff_id'),
    attempt: integer('attempt').notNull().default(0),
    /** failed: an English reason; `retry_at` set when the desk will try again by itself. */
    reason: text('reason'),
    retryAt: text('retry_at')
  },
  (t) => [index('print_job_steps_job_idx').on(t.jobId)]
)

/** Derived from the two fact tables (queue.ts): each job's state, identical on every desk with the same facts. */
export const printJobState = sqliteTable(
  'print_job_state',
  {
    jobId: text('job_id').primaryKey(),
    eventId: text('event_id').notNull(),
    attendeeId: text('attendee_id').notNull(),
    printDeskId: text('print_desk_id').notNull(),
    printerId: text('printer_id').notNull(),
    status: text('status', { enum: PRINT_JOB_STATUSES }).notNull(),
    attempts: integer('attempts').notNull(),
    reason: text('reason'),
    retryAt: text('retry_at'),
    queuedAt: text('queued_at').notNull(),
    updatedAt: text('updated_at').notNull()
  },
  (t) => [index('print_job_state_desk_idx').on(t.printDeskId, t.status)]
)

/** This desk's printers (local: a printer is reached from the desk it stands by). */
export const printers = sqliteTable('printers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: PRINTER_KINDS }).notNull(),
  transport: text('transport', { enum: PRINTER_TRANSPORTS }).notNull(),
  /** host:port for raw TCP, the CUPS queue name for lp. */
  address: text('address').notNull(),
  /** Media width and height, mm (thermal rolls: the paper width). */
  mediaWidth: integer('media_width').notNull(),
  mediaHeight: integer('media_height').notNull(),
  dpi: integer('dpi').notNull().default(203),
  /** ESC/POS: 'auto' (native text when code page 858 holds it), 'native' or 'raster'. */
  mode: text('mode').notNull().default('auto'),
  templateId: text('template_id'),
  createdAt: text('created_at').notNull()
})
