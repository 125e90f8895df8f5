/**
 * Reading printed badges back with the tools a person would use: poppler
 * (pdftoppm, pdftotext) and zbar (zbarimg). Missing tools fail the test that
 * needs them with the package to install (.ci/run installs them), never skip it.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function run(tool: string, args: string[], pkg: string): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { status?: number; stdout?: string }
    if (e.code === 'ENOENT') throw new Error(`${tool} is missing: apt-get install ${pkg}`)
    // zbarimg exits 4 when it found no code: an answer, not a failure of the tool.
    if (tool === 'zbarimg' && e.status === 4) return ''
    throw err
  }
}

/** The QR and barcode contents zbarimg reads in an image file (PNG, PBM…). */
export function decodeImage(file: string): string[] {
  return run('zbarimg', ['-q', '--raw', file], 'zbar-tools')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
}

/** Each page of a PDF rasterised at `dpi`, then decoded: the codes found per page. */
export function decodePdf(pdf: Uint8Array, dpi = 150): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'badge-'))
  try {
    writeFileSync(join(dir, 'badge.pdf'), pdf)
    run('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'badge.pdf'), join(dir, 'page')], 'poppler-utils')
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => decodeImage(join(dir, f)))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text of a PDF as pdftotext extracts it, without bidi embedding marks. */
export function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'badge-'))
  try {
    writeFileSync(join(dir, 'badge.pdf'), pdf)
    return run('pdftotext', [join(dir, 'badge.pdf'), '-'], 'poppler-utils').replace(/[\u202A-\u202E\u200E\u200F]/g, '').normalize('NFC')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Number of pages of a PDF (pdfinfo). */
export function pdfPages(pdf: Uint8Array): number {
  const dir = mkdtempSync(join(tmpdir(), 'badge-'))
  try {
    writeFileSync(join(dir, 'badge.pdf'), pdf)
    return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [join(dir, 'badge.pdf')], 'poppler-utils'))?.[1])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
