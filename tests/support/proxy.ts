/**
 * A TCP proxy on 127.0.0.1 between two desks: it forwards bytes until `cut()`
 * drops every connection and refuses new ones, and `heal()` lets them through
 * again — a network cable pulled and plugged back, for tests and benchmarks.
 * It can also keep a copy of every byte that passed (to check what a listener
 * on the venue Wi-Fi would see).
 */
import { connect, createServer, type Server, type Socket } from 'node:net'

export interface Proxy {
  /** The address peers dial instead of the target. */
  url: string
  cut(): void
  heal(): void
  /** Everything that crossed, both ways (when recording). */
  captured(): Buffer
  close(): Promise<void>
}

export async function startProxy(targetPort: number, options: { record?: boolean } = {}): Promise<Proxy> {
  let open = true
  const sockets = new Set<Socket>()
  const chunks: Buffer[] = []
  const server: Server = createServer((client) => {
    if (!open) return void client.destroy()
    const upstream = connect(targetPort, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => s.destroy())
    }
    const keep = (chunk: Buffer) => void (options.record && chunks.push(Buffer.from(chunk)))
    client.on('data', keep)
    upstream.on('data', keep)
    client.pipe(upstream)
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      open = false
      for (const s of sockets) s.destroy()
    },
    heal() {
      open = true
    },
    captured: () => Buffer.concat(chunks),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
