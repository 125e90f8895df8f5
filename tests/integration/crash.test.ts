/**
 * Crash safety with real processes: SIGKILL the station in the middle of a
 * large import and of a stream of check-ins, restart it, and check the
 * database is intact, the import is all-or-nothing and every acknowledged
 * check-in survived.
 */
import Database from 'better-sqlite3'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, tempDir } from './helpers'
import { startStation } from '../support/station-process'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

function inspect(dataDir: string): { integrity: string; attendees: number; checkinIds: Set<string> } {
  const db = new Database(join(dataDir, 'eventdesk.db'), { readonly: true })
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? ''
    const attendees = (db.prepare('SELECT COUNT(*) AS n FROM attendees').get() as { n: number }).n
    const checkinIds = new Set((db.prepare("SELECT id FROM checkins WHERE kind = 'in'").all() as { id: string }[]).map((r) => r.id))
    return { integrity, attendees, checkinIds }
  } finally {
    db.close()
  }
}

async function signInDemo(station: Awaited<ReturnType<typeof startStation>>): Promise<string> {
  const options = (await station.rpc('staff.signInOptions', {})).body as { id: string; name: string }[]
  const organizer = options.find((s) => s.name === 'Demo Organizer')!
  return (await station.rpc('staff.signIn', { staffId: organizer.id, pin: '1234' })).body.token
}

describe('crash safety (kill -9)', () => {
  it('an import killed mid-commit leaves all of it or none of it once the desk is back, and an intact database', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const station = await startStation(dir, ['--demo'])
    const token = await signInDemo(station)
    const eventId = (await station.rpc('event.list', {}, token)).body[0].id
    const ticketTypeId = (await station.rpc('ticketType.list', { eventId }, token)).body[0].id
    const rows = 50_000
    const csv = ['First name,Last name,Email,Company']
    for (let i = 0; i < rows; i++) csv.push(`Crash${i},Tester${i},crash${i}@example.com,Kill Corp`)
    const upload = await station.rpc('import.upload', { eventId, fileName: 'big.csv', base64: Buffer.from(csv.join('\n')).toString('base64') }, token)
    expect(upload.status).toBe(200)
    const before = inspect(dir).attendees

    let acknowledged = false
    const commit = station
      .rpc('import.commit', { importId: upload.body.importId, mapping: upload.body.mapping, defaultTicketTypeId: ticketTypeId, duplicates: 'skip' }, token)
      .then(() => (acknowledged = true), () => undefined)
    // Kill once the transaction is spilling uncommitted pages into the WAL: mid-commit for sure.
    const wal = join(dir, 'eventdesk.db-wal')
    const walBefore = existsSync(wal) ? statSync(wal).size : 0
    while (!acknowledged && (existsSync(wal) ? statSync(wal).size : 0) < walBefore + 1024 * 1024) {
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    await station.kill()
    await commit
    const killed = inspect(dir)
    expect(killed.integrity).toBe('ok')
    console.log(`killed with ${killed.attendees - before} of the import's rows committed`)

    // Nobody else wrote, so the import was one transaction; had it committed chunks, the desk would undo them when it starts again (next test).
    const again = await startStation(dir)
    const after = inspect(dir)
    expect(after.integrity).toBe('ok')
    if (!acknowledged) console.log(`import killed before acknowledgement; ${after.attendees - before} rows present after restart`)
    expect([before, before + rows]).toContain(after.attendees)
    if (acknowledged) expect(after.attendees).toBe(before + rows)

    // The desk works on the same data.
    const token2 = await signInDemo(again)
    const counters = (await again.rpc('checkin.counters', { eventId }, token2)).body
    expect(counters.expected).toBe(after.attendees)
    await again.stop()
  })

  it('an import killed after committing chunks for check-ins is undone at start-up; the check-ins made meanwhile stay', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const station = await startStation(dir, ['--demo'])
    const token = await signInDemo(station)
    const eventId = (await station.rpc('event.list', {}, token)).body[0].id
    const ticketTypeId = (await station.rpc('ticketType.list', { eventId }, token)).body[0].id
    const waiting = (await station.rpc('attendee.list', { eventId, checkedIn: false, limit: 1000 }, token)).body.rows as { code: string }[]
    const rows = 50_000
    const csv = ['First name,Last name,Email,Company']
    for (let i = 0; i < rows; i++) csv.push(`Chunk${i},Tester${i},chunk${i}@example.com,Kill Corp`)
    const upload = await station.rpc('import.upload', { eventId, fileName: 'big.csv', base64: Buffer.from(csv.join('\n')).toString('base64') }, token)
    const before = inspect(dir).attendees

    const commit = station
      .rpc('import.commit', { importId: upload.body.importId, mapping: upload.body.mapping, defaultTicketTypeId: ticketTypeId, duplicates: 'skip' }, token)
      .catch(() => undefined)
    // A scanner at work: each check-in makes the import commit the chunk it has first.
    const acknowledged: string[] = []
    let stop = false
    const scanner = (async () => {
      for (let i = 0; !stop && i < waiting.length; i++) {
        try {
          const res = await station.rpc('checkin.byCode', { eventId, code: waiting[i]!.code }, token)
          if (res.status === 200 && res.body.outcome === 'admitted') acknowledged.push(res.body.checkin.checkinId)
        } catch {
          return // the station died
        }
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    })()
    while (inspect(dir).attendees < before + 2000) await new Promise((resolve) => setTimeout(resolve, 20))
    stop = true
    await station.kill()
    await Promise.all([commit, scanner])
    const killed = inspect(dir)
    expect(killed.integrity).toBe('ok')
    expect(killed.attendees).toBeGreaterThan(before) // chunks of the import were committed
    console.log(`killed with ${killed.attendees - before} of the import's rows committed, ${acknowledged.length} check-ins acknowledged`)

    const again = await startStation(dir)
    const after = inspect(dir)
    expect(after.integrity).toBe('ok')
    expect(after.attendees).toBe(before)
    expect(acknowledged.filter((id) => !after.checkinIds.has(id))).toEqual([])
    const token2 = await signInDemo(again)
    expect((await again.rpc('attendee.search', { eventId, query: 'chunk1' }, token2)).body).toEqual([])
    await again.stop()
  })

  it('every acknowledged check-in survives a kill during a stream of check-ins', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const station = await startStation(dir, ['--demo'])
    const token = await signInDemo(station)
    const eventId = (await station.rpc('event.list', {}, token)).body[0].id
    const waiting = (await station.rpc('attendee.list', { eventId, checkedIn: false, limit: 1000 }, token)).body.rows as { code: string }[]

    const acknowledged: string[] = []
    let killed = false
    // Four desks' worth of check-ins in flight at once until the kill.
    const lanes = [0, 1, 2, 3].map(async (lane) => {
      for (let i = lane; i < waiting.length && !killed; i += 4) {
        try {
          const res = await station.rpc('checkin.byCode', { eventId, code: waiting[i]!.code }, token)
          if (res.status === 200 && res.body.outcome === 'admitted') acknowledged.push(res.body.checkin.checkinId)
        } catch {
          return // connection died with the process
        }
      }
    })
    while (acknowledged.length < 100) await new Promise((resolve) => setTimeout(resolve, 5))
    killed = true
    await station.kill()
    await Promise.all(lanes)

    const after = inspect(dir)
    expect(after.integrity).toBe('ok')
    const missing = acknowledged.filter((id) => !after.checkinIds.has(id))
    expect(missing).toEqual([])
    console.log(`${acknowledged.length} acknowledged check-ins, all present after kill -9`)

    const again = await startStation(dir)
    const token2 = await signInDemo(again)
    const res = await again.rpc('checkin.byCode', { eventId, code: waiting[0]!.code }, token2)
    expect(res.body.outcome).toBe('already_checked_in')
    await again.stop()
  })
})
