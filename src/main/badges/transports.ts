/**
 * Getting bytes to a printer: raw TCP (JetDirect, port 9100) or the OS print
 * spool (CUPS `lp`). Each says whether the printer may have received anything:
 * a refusal before the first byte is safe to retry by itself; a failure after
 * bytes went out may have printed, so a person decides (retry or not).
 */
import { spawn } from 'node:child_process'
import { connect } from 'node:net'

export type SendResult = { ok: true } | { ok: false; reason: string; maybePrinted: boolean }

const CONNECT_TIMEOUT_MS = 5_000
const SEND_TIMEOUT_MS = 30_000

export function parseHostPort(address: string): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(address.trim())
  return { host: m?.[1] ?? address, port: m?.[2] ? Number(m[2]) : 9100 }
}

export function sendTcp(address: string, bytes: Uint8Array): Promise<SendResult> {
  const { host, port } = parseHostPort(address)
  return new Promise((resolve) => {
    let connected = false
    let settled = false
    const done = (r: SendResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(r)
    }
    const socket = connect({ host, port })
    const timer = setTimeout(
      () => done({ ok: false, reason: connected ? 'the printer stopped answering' : `no answer from ${host}:${port}`, maybePrinted: connected }),
      CONNECT_TIMEOUT_MS
    )
    socket.on('connect', () => {
      connected = true
      clearTimeout(timer)
      setTimeout(() => done({ ok: false, reason: 'the printer stopped answering', maybePrinted: true }), SEND_TIMEOUT_MS).unref()
      socket.end(bytes)
    })
    // Our side ended and every byte was handed over: the printer has the job.
    socket.on('finish', () => done({ ok: true }))
    socket.on('error', (err: NodeJS.ErrnoException) => done({ ok: false, reason: `${host}:${port}: ${err.code ?? err.message}`, maybePrinted: connected }))
  })
}

/** `lp -d queue`, the job on stdin; raw for printer languages (ESC/POS, ZPL), filtered for PDF. */
export function sendCups(queue: string, bytes: Uint8Array, options: { raw: boolean; title: string }): Promise<SendResult> {
  return new Promise((resolve) => {
    const args = ['-d', queue, '-t', options.title, ...(options.raw ? ['-o', 'raw'] : [])]
    let child: ReturnType<typeof spawn>
    try {
      child = spawn('lp', args, { stdio: ['pipe', 'ignore', 'pipe'] })
    } catch (err) {
      resolve({ ok: false, reason: `lp: ${(err as Error).message}`, maybePrinted: false })
      return
    }
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', (err) => resolve({ ok: false, reason: `lp: ${err.message}`, maybePrinted: false }))
    // lp only spools: a refusal (no such queue, no scheduler) means nothing was queued.
    child.on('close', (code) => {
      const said = stderr.trim() || `exit ${code}`
      resolve(code === 0 ? { ok: true } : { ok: false, reason: said.startsWith('lp:') ? said : `lp: ${said}`, maybePrinted: false })
    })
    child.stdin!.on('error', () => undefined)
    child.stdin!.end(Buffer.from(bytes))
  })
}
