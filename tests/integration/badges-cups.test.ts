/**
 * A badge through the OS print spool: a real CUPS with the cups-pdf printer.
 * The test starts the scheduler when it is not running and adds its own queue
 * with lpadmin; the badge must arrive as a PDF in cups-pdf's output folder and
 * its QR must read back. Missing CUPS fails the test (.ci/run installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, readFileSync, statSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPrinting } from '../../src/main/badges/runner'
import { decodePdf } from '../support/badge-tools'
import { deskWithEvent, removeDir, walkUp } from './helpers'

const QUEUE = `eventdesk-badges-${process.pid}`
const PPD = 'lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd'
// cups-pdf writes to ${HOME}/PDF of the job's user (Out in /etc/cups/cups-pdf.conf).
const OUT = join(userInfo().homedir, 'PDF')

function schedulerRunning(): boolean {
  return spawnSync('lpstat', ['-r'], { encoding: 'utf8' }).stdout?.includes('is running') ?? false
}

beforeAll(async () => {
  if (!existsSync('/usr/sbin/cupsd') || !existsSync('/usr/lib/cups/backend/cups-pdf')) {
    throw new Error('CUPS with cups-pdf is missing: apt-get install cups printer-driver-cups-pdf')
  }
  if (!schedulerRunning()) {
    execFileSync('/usr/sbin/cupsd')
    for (let i = 0; i < 50 && !schedulerRunning(); i++) await new Promise((r) => setTimeout(r, 100))
  }
  execFileSync('lpadmin', ['-p', QUEUE, '-E', '-v', 'cups-pdf:/', '-m', PPD], { stdio: 'ignore' })
}, 30_000)

afterAll(() => {
  spawnSync('lpadmin', ['-x', QUEUE])
})

describe('printing through CUPS', () => {
  it('a badge sent with lp arrives as a PDF from cups-pdf and its QR decodes', async () => {
    const d = await deskWithEvent()
    try {
      const runner = await startPrinting(d.core)
      const { attendee } = await walkUp(d, d.organizer, { eventId: d.eventId, firstName: 'Cups', lastName: 'Spool', email: null, company: null, ticketTypeId: d.gaId })
      const printer = await d.call(
        'printer.save',
        { printer: { name: 'Office (CUPS)', kind: 'pdf', transport: 'cups', address: QUEUE, mediaWidth: 105, mediaHeight: 148 } },
        d.organizer
      )
      const started = Date.now()
      const job = await d.call('print.badge', { attendeeId: attendee.id, printerId: printer.id }, d.organizer)
      let state = job
      for (let i = 0; i < 200 && state.status !== 'done' && state.status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 50))
        state = (await d.call('print.jobs', { eventId: d.eventId }, d.organizer)).find((j) => j.id === job.id)!
      }
      expect(state).toMatchObject({ status: 'done' })
      // The spool has the job; cups-pdf has written the file once the queue is empty again.
      for (let i = 0; i < 300 && spawnSync('lpstat', ['-o', QUEUE], { encoding: 'utf8' }).stdout.trim() !== ''; i++) await new Promise((r) => setTimeout(r, 100))
      // cups-pdf names the file after the job title ("Badge <code>").
      let file: string | undefined
      for (let i = 0; i < 300 && !file; i++) {
        file = existsSync(OUT)
          ? readdirSync(OUT)
              .map((f) => join(OUT, f))
              .find((f) => f.includes(attendee.code) && f.endsWith('.pdf') && statSync(f).mtimeMs >= started - 1000 && statSync(f).size > 0)
          : undefined
        if (!file) await new Promise((r) => setTimeout(r, 100))
      }
      expect(file, `no PDF for ${attendee.code} in ${OUT}`).toBeDefined()
      expect(decodePdf(new Uint8Array(readFileSync(file!)))).toEqual([[attendee.code]])
      rmSync(file!)
      runner.close()
    } finally {
      d.close()
      removeDir(d.dir)
    }
  }, 60_000)
})
