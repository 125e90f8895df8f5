/**
 * A network printer on 127.0.0.1 (raw TCP, like port 9100): it keeps each
 * connection's bytes as one job. And decoders for what it receives: ESC/POS
 * (text, the QR of GS ( k, GS v 0 raster images) and ZPL fields.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeImage } from './badge-tools'

export class FakePrinter {
  readonly jobs: Buffer[] = []
  private server: Server | null = null
  private readonly sockets = new Set<Socket>()
  port = 0

  /** Starts listening (on `port`, or a free one). */
  async up(port = this.port): Promise<this> {
    const server = createServer((socket) => {
      this.sockets.add(socket)
      const chunks: Buffer[] = []
      socket.on('data', (d: Buffer) => chunks.push(d))
      socket.on('end', () => {
        this.jobs.push(Buffer.concat(chunks))
        socket.end()
      })
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    this.server = server
    const address = server.address()
    this.port = typeof address === 'object' && address ? address.port : port
    return this
  }

  /** Unplugged: connections are refused. */
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
    this.server = null
  }

  get address(): string {
    return `127.0.0.1:${this.port}`
  }
}

/** A free port nobody listens on (a printer that is switched off). */
export async function offPort(): Promise<number> {
  const p = await new FakePrinter().up(0)
  await p.down()
  return p.port
}

/** The data of every GS ( k "store QR data" command (fn 80). */
export function escPosQrData(job: Buffer): string[] {
  const found: string[] = []
  for (let i = 0; i + 8 < job.length; i++) {
    if (job[i] === 0x1d && job[i + 1] === 0x28 && job[i + 2] === 0x6b && job[i + 5] === 49 && job[i + 6] === 80) {
      const length = job[i + 3]! + job[i + 4]! * 256 - 3
      found.push(job.subarray(i + 8, i + 8 + length).toString('utf8'))
    }
  }
  return found
}

/** The GS v 0 images of a job stacked into one bitmap, read by zbarimg. */
export function escPosRasterCodes(job: Buffer): string[] {
  const rows: Buffer[] = []
  let width = 0
  for (let i = 0; i + 8 < job.length; i++) {
    if (job[i] === 0x1d && job[i + 1] === 0x76 && job[i + 2] === 0x30) {
      const bytesPerRow = job[i + 4]! + job[i + 5]! * 256
      const height = job[i + 6]! + job[i + 7]! * 256
      width = bytesPerRow
      rows.push(job.subarray(i + 8, i + 8 + bytesPerRow * height))
      i += 7 + bytesPerRow * height
    }
  }
  if (rows.length === 0) return []
  const data = Buffer.concat(rows)
  const dir = mkdtempSync(join(tmpdir(), 'escpos-'))
  try {
    writeFileSync(join(dir, 'job.pbm'), Buffer.concat([Buffer.from(`P4\n${width * 8} ${data.length / width}\n`), data]))
    return decodeImage(join(dir, 'job.pbm'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** ZPL field data (^FD … ^FS), with ^FH hex escapes undone. */
export function zplFields(zpl: string): string[] {
  return [...zpl.matchAll(/\^FD(.*?)\^FS/gs)].map((m) => m[1]!.replace(/_([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))))
}
