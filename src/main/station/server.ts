/**
 * Station mode's HTTP(S) face: the built renderer, `GET /api/health`,
 * `POST /api/rpc/<method>` (JSON body, `Authorization: Bearer <token>`) and a
 * socket.io channel that pushes "data changed" to signed-in screens. Peers
 * never come here: they meet on the desk's peer server (sync/server.ts).
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { extname, join, normalize, sep } from 'node:path'
import { Server as SocketServer } from 'socket.io'
import { ApiError } from '../../shared/errors'
import type { Core } from '../core/core'
import { clientAddress, HostGuard, type HostGuardOptions } from './guard'

/** The largest request body of a method that declares no `maxBytes`: far above any form, far below harm. */
export const DEFAULT_BODY_BYTES = 256 * 1024
// A refused request may still be sending: at most this much of it is read (and dropped); a larger
// one gets its answer and a hang-up this long after (lingerAndHangUp).
const DRAIN_BYTES = 4 * 1024 * 1024
const LINGER_MS = 2_000
// Sessions also end by running out: connections are checked again this often.
const SOCKET_RECHECK_MS = 60_000

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
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; media-src 'self' blob:"
}

export interface StationServer {
  server: Server
  /** The socket.io server pushing "changed" to signed-in screens. */
  io: SocketServer
  close(): Promise<void>
}

export interface StationOptions extends HostGuardOptions {
  rendererDir: string
  /** Serve HTTPS with this key and certificate (the desk's own, sync/identity.ts). */
  tls?: { key: string; cert: string }
}

export function createStationServer(core: Core, options: StationOptions): StationServer {
  const guard = new HostGuard(options)
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(core, guard, options.rendererDir, req, res).catch((err: unknown) => {
      console.error('station: request failed', err)
      if (!res.headersSent) sendJson(res, 500, new ApiError('internal', 'Internal error', { key: 'internal' }).toBody())
      else res.destroy()
    })
  }
  const server: Server = options.tls ? createTlsServer({ ...options.tls, minVersion: 'TLSv1.2' }, onRequest) : createServer(onRequest)
  // Sockets obey the same Host/Origin rules as every other request.
  const io = new SocketServer(server, {
    serveClient: false,
    allowRequest: (req, done) => {
      const refused = guard.check(req)
      done(refused?.message, refused === null)
    }
  })
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token
    if (typeof token === 'string' && core.authenticate(token)) {
      socket.data.token = token
      next()
    } else next(new Error('unauthenticated'))
  })
  // A signed-out, deactivated or re-PINned member's screens stop receiving pushes at once.
  const endLapsedSockets = (): void => {
    for (const socket of io.sockets.sockets.values()) {
      if (!core.authenticate(socket.data.token as string)) socket.disconnect(true)
    }
  }
  const stopListening = [core.onChanged((event) => io.emit('changed', event)), core.onSessionsChanged(endLapsedSockets)]
  const recheck = setInterval(endLapsedSockets, SOCKET_RECHECK_MS).unref()
  return {
    server,
    io,
    close: async () => {
      for (const stop of stopListening) stop()
      clearInterval(recheck)
      await io.close() // also closes the HTTP server
    }
  }
}

async function handle(core: Core, guard: HostGuard, rendererDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const refused = guard.check(req)
  if (refused) return sendJson(res, refused.status, refused.toBody())
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
  const auth = req.headers.authorization
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null
  // The method, the session and the role first: a stranger's body is never read.
  let limit: number
  try {
    const { spec, session } = core.admit(method, token)
    if (!isJson(req.headers['content-type'])) {
      throw new ApiError('unsupported_media_type', 'Send the request as application/json', { key: 'jsonRequired' })
    }
    // Only signed-in callers of a method that declares more may send more than a form's worth.
    limit = spec.maxBytes && spec.roles !== 'public' && session ? spec.maxBytes : DEFAULT_BODY_BYTES
    if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge()
  } catch (err) {
    if (err instanceof ApiError) return sendJson(res, err.status, err.toBody())
    throw err
  }
  try {
    const input = await readJsonObject(req, limit)
    const result = await core.call(method, input, token, { client: clientAddress(req) })
    sendJson(res, 200, result ?? null)
  } catch (err) {
    if (err instanceof ApiError) return sendJson(res, err.status, err.toBody())
    console.error(`station: ${method} failed`, err)
    sendJson(res, 500, new ApiError('internal', 'Something went wrong on the desk; nothing was saved', { key: 'internal' }).toBody())
  }
}

const tooLarge = () => new ApiError('too_large', 'The request is too large', { key: 'requestTooLarge' })

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]!.trim().toLowerCase() === 'application/json'
}

/** The body as a JSON object (an empty body is `{}`). */
async function readJsonObject(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const data = await readBody(req, limit)
  if (data.length === 0) return {}
  let body: unknown
  try {
    body = JSON.parse(data.toString('utf8'))
  } catch {
    throw new ApiError('invalid_input', 'The request body is not valid JSON', { key: 'invalidJson' })
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('invalid_input', 'The request body must be a JSON object', { key: 'invalidJson' })
  }
  return body as Record<string, unknown>
}

/** Reads the body, refusing it as soon as it passes `limit` bytes (the rest is left unread). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = (): void => {
      req.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose)
      req.pause()
    }
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      stop()
      reject(tooLarge())
    }
    const onEnd = (): void => {
      stop()
      resolve(Buffer.concat(chunks, size))
    }
    const onClose = (): void => {
      stop()
      reject(new ApiError('invalid_input', 'The request ended before its body was complete'))
    }
    req.on('data', onData).on('end', onEnd).on('close', onClose).on('error', onClose)
  })
}

/**
 * Every JSON answer. A refusal may leave a body unread: up to DRAIN_BYTES of
 * it Node reads and drops as usual (the connection stays open for the next
 * request); a larger or open-ended one is never read in full (lingerAndHangUp).
 */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store'
  })
  if (largeBodyPending(res.req)) res.once('finish', () => lingerAndHangUp(res.req))
  res.end(data)
}

function largeBodyPending(req: IncomingMessage): boolean {
  if (req.readableEnded) return false
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > DRAIN_BYTES
}

/**
 * A client still sending when its answer went out must get to read that
 * answer: hanging up at once (as `Connection: close` would) resets the
 * connection, and a reset can throw away an answer the client has not read
 * yet. So: no more answers on this connection (FIN), a little of the rest read
 * and dropped, then reading stops (TCP holds the sender back at no cost to
 * us) until the hang-up.
 */
function lingerAndHangUp(req: IncomingMessage): void {
  const socket = req.socket
  socket.end()
  let budget = DRAIN_BYTES
  const timer = setTimeout(() => socket.destroy(), LINGER_MS).unref()
  socket.once('close', () => clearTimeout(timer))
  req.removeAllListeners('data')
  req.on('data', (chunk: Buffer) => {
    budget -= chunk.length
    if (budget <= 0) req.pause()
  })
  req.resume()
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
