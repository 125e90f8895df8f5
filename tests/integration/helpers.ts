import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InputOf, MethodName, ResultOf } from '../../src/shared/contract'
import type { Role } from '../../src/shared/roles'
import { Core } from '../../src/main/core/core'
import { modules } from '../../src/main/modules'

export const APP_ROOT = join(__dirname, '..', '..')

export interface TestDesk {
  core: Core
  dir: string
  /** Calls a method as the given token holder (null = anonymous). */
  call<M extends MethodName>(method: M, input: InputOf<M>, token?: string | null): Promise<ResultOf<M>>
  close(): void
}

export function tempDir(prefix = 'eventdesk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function openDesk(dir = tempDir()): TestDesk {
  const core = new Core({ dataDir: dir, appRoot: APP_ROOT, modules, appVersion: 'test' })
  return {
    core,
    dir,
    call: (method, input, token = null) => core.call(method, input, token) as never,
    close: () => core.close()
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** A desk with an organizer signed in, one event and two ticket types. */
export async function deskWithEvent(): Promise<
  TestDesk & { organizer: string; eventId: string; gaId: string; vipId: string; tokenFor(role: Role): Promise<string> }
> {
  const desk = openDesk()
  const { token: organizer } = await desk.call('staff.setupFirstOrganizer', { name: 'Olga Organizer', pin: '1234' })
  const event = await desk.call(
    'event.create',
    {
      name: 'Test Summit',
      type: 'conference',
      startDate: '2026-11-23',
      endDate: '2026-11-24',
      timezone: 'Europe/Berlin',
      venue: 'Hall 1',
      capacity: 1000,
      status: 'live'
    },
    organizer
  )
  const ga = await desk.call(
    'ticketType.create',
    { eventId: event.id, code: 'GA', name: 'General Admission', priceCents: 10000, currency: 'EUR', capacity: null, color: '#1e88e5' },
    organizer
  )
  const vip = await desk.call(
    'ticketType.create',
    { eventId: event.id, code: 'VIP', name: 'VIP', priceCents: 50000, currency: 'EUR', capacity: 50, color: '#8e24aa' },
    organizer
  )
  let pinCounter = 5000
  return {
    ...desk,
    organizer,
    eventId: event.id,
    gaId: ga.id,
    vipId: vip.id,
    async tokenFor(role: Role) {
      const pin = String(pinCounter++)
      const member = await desk.call('staff.create', { name: `Test ${role} ${pin}`, role, pin }, organizer)
      return (await desk.call('staff.signIn', { staffId: member.id, pin })).token
    }
  }
}

export async function rejects(
  promise: Promise<unknown>
): Promise<{ code: string; message: string; key?: string; issues?: { path: string; key?: string; params?: unknown }[] }> {
  try {
    await promise
  } catch (err) {
    return err as { code: string; message: string; issues?: { path: string }[] }
  }
  throw new Error('expected the call to fail')
}

type Registration = Omit<InputOf<'attendee.register'>, 'paymentMethod' | 'amountCents'> &
  Partial<Pick<InputOf<'attendee.register'>, 'paymentMethod' | 'amountCents'>>

/** A walk-up at the desk: registered, and let in at once when `checkIn` (as the walk-up form does). */
export async function walkUp(
  desk: TestDesk,
  token: string,
  fields: Registration,
  checkIn = false
): Promise<{ attendee: ResultOf<'attendee.register'>; checkin: ResultOf<'checkin.walkUp'>['checkin'] | null }> {
  // Free unless the test says otherwise: a paid amount other than the ticket's price needs a reason at a walk-up.
  const input = { paymentMethod: 'complimentary' as const, amountCents: 0, ...fields }
  if (checkIn) return desk.call('checkin.walkUp', input, token)
  return { attendee: await desk.call('attendee.register', input, token), checkin: null }
}

/** Delivers every change record each desk lacks to the other desks (as sync will), both ways, until all agree. */
export async function exchange(...desks: TestDesk[]): Promise<void> {
  for (const to of desks) {
    for (const from of desks) if (from !== to) await to.core.applyRemoteChanges(from.core.changesSince('', 1_000_000))
  }
}

/** A second desk holding a copy of `desk`'s event, staff and attendees, with its own desk id and a signed-in organizer. */
export async function peerOf(desk: Awaited<ReturnType<typeof deskWithEvent>>): Promise<TestDesk & { organizer: string }> {
  const peer = openDesk()
  await exchange(desk, peer)
  const organizerId = (await desk.call('staff.me', {}, desk.organizer)).staff.id
  const { token } = await peer.call('staff.signIn', { staffId: organizerId, pin: '1234' })
  return { ...peer, organizer: token }
}

/** Per synced table, a hash of its rows (this desk's local columns left out): equal on desks holding the same data. */
export function syncedTableHashes(core: Core): Record<string, string> {
  const hashes: Record<string, string> = {}
  for (const [table, info] of core.changeLog.tables) {
    const rows = core.sqlite.prepare(`SELECT ${[...info.sqlColumns].join(', ')} FROM ${table} ORDER BY id`).raw().all()
    hashes[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)
  }
  return hashes
}
