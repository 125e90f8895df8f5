/**
 * Badge benchmarks (`npm run bench`, or alone: `npx tsx bench/badges.ts`):
 * - badge_pdf_ms: one badge (layout with auto-shrink + PDF with subset fonts), median of 100 names.
 * - badge_batch_1000_s: 1,000 badges 4-up on A4 with crop marks, one PDF.
 * - escpos_job_ms / zpl_job_ms: one job built for a Latin name (native text + QR command), median of 200.
 * - badge_pdf_bytes: size of one badge PDF (kB).
 * The raster fallbacks (a Cyrillic name as GS v 0 / ^GF) are printed for information.
 */
import { defaultTemplate } from '../src/shared/badge-template'
import { people } from '../src/main/demo/people'
import { escPosJob } from '../src/main/badges/escpos'
import { layoutBadge, type BadgeData } from '../src/main/badges/layout'
import { badgePdf, batchPdf } from '../src/main/badges/pdf'
import { zplJob } from '../src/main/badges/zpl'

type Record = (key: string, value: number, unit: string, target: number | null, better?: 'lower' | 'higher') => void

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!

function badgeData(count: number): BadgeData[] {
  return [...people(count, 8)].map((p, i) => ({
    fullName: `${p.firstName} ${p.lastName}`,
    firstName: p.firstName,
    lastName: p.lastName,
    company: p.company ?? '',
    jobTitle: p.jobTitle ?? '',
    ticketType: 'General Admission',
    eventName: 'Bench Con 2026',
    code: `B${String(i).padStart(5, '0')}`,
    ticketColor: '#1e88e5'
  }))
}

async function timed<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const started = performance.now()
  const result = await work()
  return [performance.now() - started, result]
}

export async function badgeBenchmarks(record: Record): Promise<void> {
  const template = defaultTemplate()
  const data = badgeData(1000)
  // Warm-up: fonts read and parsed, shaping tables loaded (once per process in the app too).
  for (const d of data.slice(0, 20)) await badgePdf(layoutBadge(template, d))

  const pdfTimes: number[] = []
  let bytes = 0
  for (const d of data.slice(100, 200)) {
    const [ms, pdf] = await timed(() => badgePdf(layoutBadge(template, d)))
    pdfTimes.push(ms)
    bytes = Math.max(bytes, pdf.length)
  }
  record('badge_pdf_ms', median(pdfTimes), 'ms', 20)
  record('badge_pdf_bytes', bytes / 1000, 'kB', 60)

  const [batchMs, batch] = await timed(() => batchPdf(data.length, (i) => layoutBadge(template, data[i]!), { width: 105, height: 148 }, 'a4'))
  record('badge_batch_1000_s', batchMs / 1000, 's', 5)
  console.log(`(1,000 badges: ${Math.ceil(data.length / 4)} pages, ${(batch.length / 1e6).toFixed(2)} MB)`)

  const latin = { ...data[0]!, fullName: 'Anna Müller', company: 'Café Zürich' }
  const cyrillic = { ...data[0]!, fullName: 'Дмитрий Иванов' }
  const escpos: number[] = []
  const zpl: number[] = []
  for (let i = 0; i < 200; i++) {
    escpos.push((await timed(() => escPosJob(layoutBadge(template, { ...latin, code: `E${i}` }), { widthDots: 576, dpi: 203, mode: 'auto' })))[0])
    zpl.push((await timed(() => zplJob(layoutBadge(template, { ...latin, code: `Z${i}` }), { dpi: 203 })))[0])
  }
  record('escpos_job_ms', median(escpos), 'ms', 5)
  record('zpl_job_ms', median(zpl), 'ms', 5)
  const rasterEscPos = median(await Promise.all(Array.from({ length: 10 }, async () => (await timed(() => escPosJob(layoutBadge(template, cyrillic), { widthDots: 576, dpi: 203, mode: 'auto' })))[0])))
  const rasterZpl = median(await Promise.all(Array.from({ length: 10 }, async () => (await timed(() => zplJob(layoutBadge(template, cyrillic), { dpi: 203 })))[0])))
  record('escpos_raster_job_ms', rasterEscPos, 'ms', null)
  record('zpl_raster_text_job_ms', rasterZpl, 'ms', null)
}

if (require.main === module) {
  void badgeBenchmarks((key, value, unit, target) => console.log(`${key.padEnd(28)} ${value.toFixed(3).padStart(10)} ${unit.padEnd(3)} target ${target ?? '-'}`))
}
