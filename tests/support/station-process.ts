import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { join } from 'node:path'

const APP_ROOT = join(__dirname, '..', '..')

export interface RunningStation {
  /** The screens' URL (http on loopback unless --https, https beyond). */
  url: string
  /** The peer server ("https://host:port"), where other desks link. */
  syncUrl: string
  /** "host:port" of the peer server, as --peer and sync.addAddress take it. */
  peerAddress: string
  /** SHA-256 of the desk's certificate, hex. */
  fingerprint: string
  proc: ChildProcess
  output(): string
  /** POST /api/rpc/<method>; resolves with status and parsed body. */
  rpc(method: string, body: unknown, token?: string): Promise<{ status: number; body: any }> // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON
  stop(): Promise<void>
  kill(): Promise<void>
}

/**
 * Starts `node out/main/station.js` on a free port and waits for it to listen.
 * mDNS stays on loopback (nothing multicast leaves this machine in tests).
 */
export function startStation(dataDir: string, extraArgs: string[] = [], options: { env?: NodeJS.ProcessEnv } = {}): Promise<RunningStation> {
  const proc = spawn(process.execPath, [join(APP_ROOT, 'out', 'main', 'station.js'), '--data', dataDir, '--port', '0', '--mdns', '127.0.0.1', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env
  })
  let output = ''
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /listening on (https?:\/\/[\d.]+:\d+)/.exec(output)
      if (!match) return
      clearTimeout(timer)
      const url = match[1]!
      const syncUrl = /peers on (https:\/\/[\d.]+:\d+)/.exec(output)![1]!
      resolve({
        url,
        syncUrl,
        peerAddress: new URL(syncUrl).host,
        fingerprint: /certificate SHA-256 ([0-9a-f]{64})/.exec(output)![1]!,
        proc,
        output: () => output,
        async rpc(method, body, token) {
          const res = await fetch(`${url}/api/rpc/${method}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
            body: typeof body === 'string' ? body : JSON.stringify(body)
          })
          return { status: res.status, body: await res.json() }
        },
        async stop() {
          proc.kill('SIGTERM')
          await exited
        },
        async kill() {
          proc.kill('SIGKILL')
          await exited
        }
      })
    }
    proc.stdout!.on('data', onData)
    proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    proc.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`station exited with ${code}:\n${output}`))
    })
  })
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  ms: number
}

/**
 * One HTTP request with exactly the headers given (Host and Origin included,
 * which fetch will not forge). `bodyMiB` streams that many MiB of spaces
 * without holding them: the station may answer (and hang up) long before the end.
 */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string; bodyMiB?: number }
): Promise<RawResponse> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const request = url.startsWith('https:') ? httpsRequest : httpRequest
    // A station's certificate is its own (self-signed): tests check its fingerprint where it matters.
    const req = request(url + options.path, { method: options.method ?? 'POST', headers: options.headers, setHost: !options.headers?.Host, rejectUnauthorized: false })
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, ms: Date.now() - started }))
    })
    // The station hangs up on a body it refused: that is expected once its answer is in.
    req.on('error', (err) => setTimeout(() => reject(err), 100))
    if (options.bodyMiB === undefined) {
      req.end(options.body)
      return
    }
    const chunk = Buffer.alloc(1024 * 1024, 0x20)
    let sent = 0
    const pump = (): void => {
      while (sent < options.bodyMiB! && !req.destroyed) {
        sent++
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!req.destroyed) req.end()
    }
    pump()
  })
}

/** A process's resident memory in KiB: now, and the highest it has been. */
export function memoryOf(pid: number): { rssKiB: number; peakKiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1])
  return { rssKiB: field('VmRSS'), peakKiB: field('VmHWM') }
}

/** A TCP port free right now on 127.0.0.1 (for a station that must come back on the same address after a restart). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net')
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
