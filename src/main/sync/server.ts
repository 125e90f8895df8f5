/**
 * The desk's peer server: HTTPS (TLS 1.3) with this desk's certificate, asking
 * every client for its own certificate (mutual TLS: the listener pins the
 * dialer), serving only socket.io — /sync for peer links, /pair for desks
 * joining with an invitation. Browsers never come here (a request carrying an
 * Origin is refused); screens talk to the station's own server.
 */
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { Server as SocketServer } from 'socket.io'
import type { DeskIdentity } from './identity'

/** Records travel in batches of up to 1,000 (engine.ts); a frame may be that large, not larger. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024

export interface PeerServer {
  server: Server
  io: SocketServer
  listen(port: number, host: string): Promise<AddressInfo>
  close(): Promise<void>
}

export function createPeerServer(identity: DeskIdentity): PeerServer {
  const server = createServer(
    {
      key: identity.key,
      cert: identity.cert,
      requestCert: true,
      // Self-signed certificates chain to nothing: the link pins fingerprints itself (link.ts).
      rejectUnauthorized: false,
      minVersion: 'TLSv1.3'
    },
    (_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('EventDesk peer endpoint\n')
    }
  )
  // A probe (link.ts) only looks at the certificate and hangs up: not worth a log line.
  server.on('tlsClientError', () => undefined)
  const io = new SocketServer(server, {
    serveClient: false,
    transports: ['websocket'],
    maxHttpBufferSize: MAX_FRAME_BYTES,
    allowRequest: (req, done) => done(req.headers.origin === undefined ? null : 'browsers are not peers', req.headers.origin === undefined)
  })
  return {
    server,
    io,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => {
          server.off('error', reject)
          resolve(server.address() as AddressInfo)
        })
      }),
    close: async () => {
      await new Promise<void>((resolve) => io.close(() => resolve()))
    }
  }
}
