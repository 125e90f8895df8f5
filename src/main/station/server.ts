/**
 * Station mode's HTTP face: the built renderer, `GET /api/health`,
 * `POST /api/rpc/<method>` (JSON body, `Authorization: Bearer <token>`) and a
 * socket.io channel that pushes "data changed" to signed-in screens.
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { Server as SocketServer } from 'socket.io'
import { ApiError } from '../../shared/errors'
import type { Core } from '../core/core'

const MAX_BODY_BYTES = 128 * 1024 * 1024

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; media-src 'self' blob:"
}

export interface StationServer {
  server: Server
  close(): Promise<void>
}

export function createStationServer(core: Core, rendererDir: string): StationServer {
  const server = createServer((req, res) => {
    handle(core, rendererDir, req, res).catch((err: unknown) => {
      console.error('station: request failed', err)
      if (!res.headersSent) sendJson(res, 500, new ApiError('internal', 'Internal error', { key: 'internal' }).toBody())
      else res.destroy()
    })
  })
  const io = new SocketServer(server, { serveClient: false })
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token
    if (typeof token === 'string' && core.authenticate(token)) next()
    else next(new Error('unauthenticated'))
  })
  const stopListening = core.onChanged((event) => io.emit('changed', event))
  return {
    server,
    close: async () => {
      stopListening()
      await io.close() // also closes the HTTP server
    }
  }
}

async function handle(core: Core, rendererDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://station')
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return sendJson(res, 400, new ApiError('invalid_input', 'Malformed URL').toBody())
  }
  if (pathname === '/api/health') {
    return sendJson(res, 200, {
      ok: true,
      app: 'eventdesk',
      appVersion: core.appVersion,
      schemaVersion: core.schemaVersion,
      deskId: core.id
    })
  }
  if (pathname.startsWith('/api/rpc/')) {
    if (req.method !== 'POST') return sendJson(res, 405, new ApiError('invalid_input', 'Use POST').toBody())
    return handleRpc(core, pathname.slice('/api/rpc/'.length), req, res)
  }
  if (pathname.startsWith('/api/')) {
    return sendJson(res, 404, new ApiError('unknown_method', `No such endpoint ${pathname}`).toBody())
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, new ApiError('invalid_input', 'Method not allowed').toBody())
  serveStatic(rendererDir, pathname, res)
}

async function handleRpc(core: Core, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const input = await readJson(req)
    const auth = req.headers.authorization
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null
    const result = await core.call(method, input, token)
    sendJson(res, 200, result ?? null)
  } catch (err) {
    if (err instanceof ApiError) return sendJson(res, err.status, err.toBody())
    console.error(`station: ${method} failed`, err)
    sendJson(res, 500, new ApiError('internal', 'Something went wrong on the desk; nothing was saved', { key: 'internal' }).toBody())
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new ApiError('too_large', 'The request is too large', { key: 'requestTooLarge' })
    chunks.push(chunk)
  }
  if (size === 0) return {}
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    throw new ApiError('invalid_input', 'The request body is not valid JSON')
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store'
  })
  res.end(data)
}

function serveStatic(rendererDir: string, pathname: string, res: ServerResponse): void {
  const root = normalize(rendererDir)
  let file = normalize(join(root, pathname))
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(400).end()
    return
  }
  // Unknown paths are screens of the single-page app.
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  if (!existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('The renderer is not built. Run `npm run build` first.')
    return
  }
  const immutable = file.includes(`${sep}assets${sep}`)
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
  })
  createReadStream(file).pipe(res)
}
