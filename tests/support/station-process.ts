import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

const APP_ROOT = join(__dirname, '..', '..')

export interface RunningStation {
  url: string
  proc: ChildProcess
  output(): string
  /** POST /api/rpc/<method>; resolves with status and parsed body. */
  rpc(method: string, body: unknown, token?: string): Promise<{ status: number; body: any }> // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON
  stop(): Promise<void>
  kill(): Promise<void>
}

/** Starts `node out/main/station.js` on a free port and waits for it to listen. */
export function startStation(dataDir: string, extraArgs: string[] = []): Promise<RunningStation> {
  const proc = spawn(process.execPath, [join(APP_ROOT, 'out', 'main', 'station.js'), '--data', dataDir, '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)
      if (!match) return
      clearTimeout(timer)
      const url = match[1]!
      resolve({
        url,
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
