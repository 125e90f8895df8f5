/**
 * The print queue against a network printer played by a TCP listener on
 * 127.0.0.1: ESC/POS and ZPL bytes decoded (name, the QR command's code, the
 * raster image's QR); a printer off then on (retry → done, printed once); a
 * job that survives a restart; a job cut off by a crash (not resent, retried
 * by hand, reprints counted); cancel; two desks sharing the queue print each
 * job once.
 */
import iconv from 'iconv-lite'
import { afterEach, describe, expect, it } from 'vitest'
import type { PrintJobView, PrinterRow } from '../../src/shared/contract/badges'
import { startPrinting, type PrintRunner } from '../../src/main/badges/runner'
import { printJobSteps } from '../../src/main/badges/schema'
import { newId } from '../../src/main/core/ids'
import { escPosQrData, escPosRasterCodes, FakePrinter, offPort, zplFields } from '../support/fake-printer'
import { deskWithEvent, exchange, openDesk, peerOf, removeDir, walkUp, type TestDesk } from './helpers'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function desk() {
  const d = await deskWithEvent()
  cleanups.push(() => {
    d.close()
    removeDir(d.dir)
  })
  return d
}

async function printer(port?: number) {
  const p = await new FakePrinter().up(port)
  cleanups.push(() => p.down())
  return p
}

async function running(d: TestDesk): Promise<PrintRunner> {
  const r = await startPrinting(d.core, { backoff: () => 150 })
  cleanups.push(() => r.close())
  return r
}

const addPrinter = (d: TestDesk & { organizer: string }, kind: PrinterRow['kind'], address: string, extra: Partial<PrinterRow> = {}) =>
  d.call('printer.save', { printer: { name: `${kind} printer`, kind, transport: 'tcp', address, mediaWidth: 80, mediaHeight: 120, dpi: 203, ...extra } }, d.organizer)

async function until(d: TestDesk & { organizer: string; eventId: string }, jobId: string, test: (j: PrintJobView) => boolean, ms = 10_000): Promise<PrintJobView> {
  const end = Date.now() + ms
  for (;;) {
    const job = (await d.call('print.jobs', { eventId: d.eventId }, d.organizer)).find((j) => j.id === jobId)
    if (job && test(job)) return job
    if (Date.now() > end) throw new Error(`job ${jobId} never got there: ${JSON.stringify(job)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The runner counts a job done once every byte left; the listener sees the connection end a moment later. */
async function received(p: FakePrinter, count: number): Promise<void> {
  const end = Date.now() + 5_000
  while (p.jobs.length < count && Date.now() < end) await new Promise((r) => setTimeout(r, 20))
  expect(p.jobs).toHaveLength(count)
}

async function person(d: Awaited<ReturnType<typeof desk>>, firstName: string, lastName: string) {
  return (await walkUp(d, d.organizer, { eventId: d.eventId, firstName, lastName, email: null, company: 'ACME', ticketTypeId: d.gaId })).attendee
}

// Several print round trips each: 30 s, for machines shared with other work.
describe('ESC/POS and ZPL over raw TCP', { timeout: 30_000 }, () => {
  it('ESC/POS: a Latin name in the printer font with the native QR command; Cyrillic as a raster image whose QR reads back', async () => {
    const d = await desk()
    const p = await printer()
    const { id: printerId } = await addPrinter(d, 'escpos', p.address)
    await running(d)
    const zoe = await person(d, 'Zoë', 'Ñúñez-Łukasiewicz')
    const first = await d.call('print.badge', { attendeeId: zoe.id, printerId }, d.organizer)
    await until(d, first.id, (j) => j.status === 'done')
    await received(p, 1)
    // Code page 858 holds ë, Ñ, ú — but not Ł: this one goes as an image too.
    const dmitri = await person(d, 'Дмитрий', 'Иванов')
    const anna = await person(d, 'Anna', 'Müller')
    for (const a of [dmitri, anna]) {
      const job = await d.call('print.badge', { attendeeId: a.id, printerId }, d.organizer)
      await until(d, job.id, (j) => j.status === 'done')
    }
    await received(p, 3)
    const [zoeJob, dmitriJob, annaJob] = p.jobs as [Buffer, Buffer, Buffer]
    expect(escPosRasterCodes(zoeJob)).toEqual([zoe.code])
    expect(escPosRasterCodes(dmitriJob)).toEqual([dmitri.code])
    expect(escPosQrData(dmitriJob)).toEqual([])
    expect(annaJob.includes(iconv.encode('Anna Müller', 'cp858'))).toBe(true)
    expect(escPosQrData(annaJob)).toEqual([anna.code])
    expect(escPosRasterCodes(annaJob)).toEqual([])
  })

  it('ZPL: text fields, ^BQ with the code, and ^GF for a script the printer lacks', async () => {
    const d = await desk()
    const p = await printer()
    const { id: printerId } = await addPrinter(d, 'zpl', p.address, { mediaWidth: 102, mediaHeight: 152 })
    await running(d)
    const anna = await person(d, 'Anna', 'Müller')
    const theo = await person(d, 'Θεοδώρα', 'Παπαδοπούλου')
    for (const a of [anna, theo]) {
      const job = await d.call('print.badge', { attendeeId: a.id, printerId }, d.organizer)
      await until(d, job.id, (j) => j.status === 'done')
    }
    await received(p, 2)
    const [annaZpl, theoZpl] = p.jobs.map((j) => j.toString('utf8')) as [string, string]
    expect(annaZpl).toMatch(/^\^XA[\s\S]*\^XZ$/)
    expect(zplFields(annaZpl)).toEqual(expect.arrayContaining(['Anna Müller', 'ACME', `MA,${anna.code}`]))
    expect(annaZpl).toMatch(/\^BQN,2,\d+\^FDMA,/)
    expect(annaZpl).not.toContain('^GFA')
    expect(zplFields(theoZpl).join(' ')).not.toMatch(/Θ/)
    expect(theoZpl).toMatch(/\^GFA,\d+,\d+,\d+,[0-9A-F]+\^FS/)
    expect(zplFields(theoZpl)).toContain(`MA,${theo.code}`)
  })
})

describe('the print queue', { timeout: 30_000 }, () => {
  it('printer off, then on: failed with a retry time, then done — printed once', async () => {
    const d = await desk()
    const port = await offPort()
    const { id: printerId } = await addPrinter(d, 'zpl', `127.0.0.1:${port}`)
    await running(d)
    const a = await person(d, 'Off', 'Line')
    const job = await d.call('print.badge', { attendeeId: a.id, printerId }, d.organizer)
    const failed = await until(d, job.id, (j) => j.status === 'failed')
    expect(failed.reason).toMatch(/ECONNREFUSED/)
    expect(failed.retryAt).not.toBeNull()
    const p = await printer(port)
    const done = await until(d, job.id, (j) => j.status === 'done')
    expect(done.attempts).toBeGreaterThanOrEqual(2)
    await received(p, 1)
    await new Promise((r) => setTimeout(r, 400))
    expect(p.jobs).toHaveLength(1)
    expect(zplFields(p.jobs[0]!.toString())).toContain('Off Line')
  })

  it('a queued job survives a restart of the desk and prints afterwards', async () => {
    const d = await desk()
    const port = await offPort()
    const { id: printerId } = await addPrinter(d, 'zpl', `127.0.0.1:${port}`)
    const a = await person(d, 'Rest', 'Art')
    // No runner yet: the job waits in the queue when the desk stops.
    const job = await d.call('print.badge', { attendeeId: a.id, printerId }, d.organizer)
    d.close()
    const again = openDesk(d.dir)
    cleanups.push(() => again.close())
    const p = await printer(port)
    await running(again)
    // Sessions live in the database too: the organizer's token still holds.
    const reopened = { ...again, organizer: d.organizer, eventId: d.eventId }
    await until(reopened, job.id, (j) => j.status === 'done')
    await received(p, 1)
  })

  it('a job cut off while printing is not sent again by itself; a retry prints it; reprints are counted', async () => {
    const d = await desk()
    const p = await printer()
    const { id: printerId } = await addPrinter(d, 'zpl', p.address)
    const a = await person(d, 'Cut', 'Off')
    const job = await d.call('print.badge', { attendeeId: a.id, printerId }, d.organizer)
    // The desk wrote `printing` and then died before `done`, its clock a little ahead (set back on restart).
    await d.core.transact('print.run', ({ write }) =>
      write.insert(printJobSteps, { id: newId(), jobId: job.id, eventId: d.eventId, step: 'printing', at: new Date(Date.now() + 2_000).toISOString(), deskId: d.core.id, staffId: null, attempt: 1, reason: null, retryAt: null })
    )
    const runner = await running(d)
    await runner.idle()
    const failed = await until(d, job.id, (j) => j.status === 'failed')
    expect(failed).toMatchObject({ retryAt: null, reason: expect.stringMatching(/interrupted/) })
    expect(p.jobs).toHaveLength(0)
    await d.call('print.retry', { jobId: job.id }, d.organizer)
    expect(await until(d, job.id, (j) => j.status === 'done')).toMatchObject({ printedCount: 1, reprint: false })
    const reprint = await d.call('print.badge', { attendeeId: a.id, printerId }, d.organizer)
    expect(reprint.reprint).toBe(true)
    expect(await until(d, reprint.id, (j) => j.status === 'done')).toMatchObject({ printedCount: 2 })
    await received(p, 2)
    // The audit names the attendee on the reprint.
    const audit = await d.call('audit.list', { limit: 50 }, d.organizer)
    expect(JSON.stringify(audit)).toContain(`Cut Off (${a.code})`)
  })

  it('a cancelled job is never printed; a done job cannot be cancelled', async () => {
    const d = await desk()
    const port = await offPort()
    const { id: printerId } = await addPrinter(d, 'zpl', `127.0.0.1:${port}`)
    const runner = await running(d)
    const a = await person(d, 'Can', 'Cel')
    const job = await d.call('print.badge', { attendeeId: a.id, printerId }, d.organizer)
    await until(d, job.id, (j) => j.status === 'failed')
    expect((await d.call('print.cancel', { jobId: job.id }, d.organizer)).status).toBe('cancelled')
    const p = await printer(port)
    runner.kick()
    await new Promise((r) => setTimeout(r, 500))
    await runner.idle()
    expect(p.jobs).toHaveLength(0)
    const other = await d.call('print.badge', { attendeeId: a.id, printerId }, d.organizer)
    await until(d, other.id, (j) => j.status === 'done')
    await expect(d.call('print.cancel', { jobId: other.id }, d.organizer)).rejects.toMatchObject({ key: 'printJobNotCancellable' })
  })

  it('two desks sharing the queue print each job once: only the desk the job names prints it', async () => {
    const a = await desk()
    const b = await peerOf(a)
    cleanups.push(() => {
      b.close()
      removeDir(b.dir)
    })
    const port = await offPort()
    const { id: printerId } = await addPrinter(a, 'zpl', `127.0.0.1:${port}`)
    const printerB = await printer()
    // Desk B has a printer with the same id (as a copied set-up would): it still never prints A's job.
    await b.call('printer.save', { id: printerId, printer: { name: 'B', kind: 'zpl', transport: 'tcp', address: printerB.address, mediaWidth: 80, mediaHeight: 120 } }, b.organizer)
    await running(a)
    const runnerB = await running(b)
    const person1 = await person(a, 'Shared', 'Queue')
    const job = await a.call('print.badge', { attendeeId: person1.id, printerId }, a.organizer)
    await until(a, job.id, (j) => j.status === 'failed')
    await exchange(a, b)
    runnerB.kick()
    await runnerB.idle()
    const printerA = await printer(port)
    await until(a, job.id, (j) => j.status === 'done')
    await exchange(a, b)
    const onB = (await b.call('print.jobs', { eventId: a.eventId }, b.organizer)).find((j) => j.id === job.id)
    expect(onB).toMatchObject({ status: 'done', printDeskId: a.core.id })
    await received(printerA, 1)
    expect(printerB.jobs).toHaveLength(0)
  })
})
