/**
 * Every message on a peer link after the handshake, records and control alike,
 * travels as one binary frame: a sequence number, an HMAC-SHA256 and the JSON
 * payload. Each direction has its own key, derived from the fleet key and both
 * sides' fresh nonces and certificates, and its own counter starting at 0. TLS
 * already guards the wire; this guards the application against a frame that
 * was altered (its MAC fails), replayed or held back and reordered (its number
 * is not the next one) — whoever injects it. Such a frame is refused, logged,
 * counted, and the link is closed: the next handshake starts clean.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { PeerLink } from './engine'

const HEADER = 4 + 32
export const FRAME_EVENT = 'm'

/** The socket.io side of a link (server or client socket alike). */
export interface FrameSocket {
  emit(event: string, ...args: unknown[]): unknown
  on(event: string, listener: (...args: unknown[]) => void): unknown
  disconnect(close?: boolean): unknown
}

export interface ChannelKeys {
  send: Buffer
  receive: Buffer
}

type Message =
  | { t: 'req'; id: number; ev: string; body: unknown }
  | { t: 'res'; id: number; ok: boolean; body: unknown }
  | { t: 'ready' }

export type Rejection = 'altered' | 'replayed' | 'out_of_order' | 'malformed'

export function frameMac(key: Buffer, seq: number, payload: Buffer): Buffer {
  const counter = Buffer.alloc(4)
  counter.writeUInt32BE(seq)
  return createHmac('sha256', key).update(counter).update(payload).digest()
}

/** Why a frame is refused, or null when it is the next genuine one. */
export function checkFrame(key: Buffer, expectedSeq: number, frame: unknown): { rejection: Rejection; seq?: number } | { payload: Buffer } {
  if (!Buffer.isBuffer(frame) || frame.length < HEADER) return { rejection: 'malformed' }
  const seq = frame.readUInt32BE(0)
  const payload = frame.subarray(HEADER)
  if (!timingSafeEqual(frame.subarray(4, HEADER), frameMac(key, seq, payload))) return { rejection: 'altered', seq }
  if (seq < expectedSeq) return { rejection: 'replayed', seq }
  if (seq > expectedSeq) return { rejection: 'out_of_order', seq }
  return { payload }
}

export interface ChannelOptions {
  address: string
  /** The desk that opened the link. */
  dialer: string
  /** Who is at the other end, for the log. */
  peerName: () => string
  onRejected: (rejection: Rejection, detail: string) => void
}

/** A PeerLink over framed, numbered, authenticated messages. */
export class SecureChannel implements PeerLink {
  readonly address: string
  readonly dialer: string
  readonly peerReady: Promise<void>
  private sendSeq = 0
  private receiveSeq = 0
  private nextId = 1
  private closed = false
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>()
  private readonly handlers = new Map<string, (payload: unknown) => Promise<unknown>>()
  private readonly closeHandlers: (() => void)[] = []
  private markReady!: () => void
  /** Frames as sent, for tests that replay or alter one (null unless asked for). */
  sentFrames: Buffer[] | null = null

  constructor(
    private readonly socket: FrameSocket,
    private readonly keys: ChannelKeys,
    private readonly options: ChannelOptions
  ) {
    this.address = options.address
    this.dialer = options.dialer
    this.peerReady = new Promise((resolve) => (this.markReady = resolve))
    socket.on(FRAME_EVENT, (frame: unknown) => this.receive(frame))
    socket.on('disconnect', () => this.shutDown())
  }

  signalReady(): void {
    this.send({ t: 'ready' })
  }

  request<T>(event: string, payload: unknown, timeoutMs: number): Promise<T> {
    if (this.closed) return Promise.reject(new Error('link closed'))
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`${event}: no answer in ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer })
      this.send({ t: 'req', id, ev: event, body: payload })
    })
  }

  handle(event: string, handler: (payload: unknown) => Promise<unknown>): void {
    this.handlers.set(event, handler)
  }

  onClose(handler: () => void): void {
    if (this.closed) handler()
    else this.closeHandlers.push(handler)
  }

  close(): void {
    this.socket.disconnect(true)
    this.shutDown()
  }

  /** Builds the next frame (taking its sequence number) without sending it. */
  frame(message: Message): Buffer {
    const payload = Buffer.from(JSON.stringify(message), 'utf8')
    const seq = this.sendSeq++
    const header = Buffer.alloc(HEADER)
    header.writeUInt32BE(seq, 0)
    frameMac(this.keys.send, seq, payload).copy(header, 4)
    return Buffer.concat([header, payload])
  }

  /** Sends bytes as they are (tests: a replayed or altered frame). */
  sendRaw(frame: Buffer): void {
    this.socket.emit(FRAME_EVENT, frame)
  }

  private send(message: Message): void {
    if (this.closed) return
    const frame = this.frame(message)
    this.sentFrames?.push(frame)
    this.socket.emit(FRAME_EVENT, frame)
  }

  private receive(frame: unknown): void {
    if (this.closed) return
    const checked = checkFrame(this.keys.receive, this.receiveSeq, frame)
    if ('rejection' in checked) {
      const detail =
        checked.rejection === 'altered'
          ? 'its authentication code does not match (altered on the way)'
          : checked.rejection === 'malformed'
            ? 'it is not a frame'
            : `sequence ${checked.seq}, expected ${this.receiveSeq}`
      const what = { altered: 'an altered', replayed: 'a replayed', out_of_order: 'an out-of-order', malformed: 'a malformed' }[checked.rejection]
      console.warn(`sync: refused ${what} message from ${this.options.peerName()} at ${this.address}: ${detail}; link closed`)
      this.options.onRejected(checked.rejection, detail)
      this.close()
      return
    }
    this.receiveSeq++
    let message: Message
    try {
      message = JSON.parse(checked.payload.toString('utf8')) as Message
    } catch {
      this.options.onRejected('malformed', 'not JSON')
      this.close()
      return
    }
    this.dispatch(message)
  }

  private dispatch(message: Message): void {
    if (message.t === 'ready') return this.markReady()
    if (message.t === 'res') {
      const waiting = this.pending.get(message.id)
      if (!waiting) return
      this.pending.delete(message.id)
      clearTimeout(waiting.timer)
      if (message.ok) waiting.resolve(message.body)
      else waiting.reject(new Error(String(message.body)))
      return
    }
    const handler = this.handlers.get(message.ev)
    if (!handler) return this.send({ t: 'res', id: message.id, ok: false, body: `no handler for ${message.ev}` })
    handler(message.body).then(
      (answer) => this.send({ t: 'res', id: message.id, ok: true, body: answer ?? null }),
      (err: unknown) => {
        console.error(`sync: ${message.ev} from ${this.options.peerName()} at ${this.address} failed`, err)
        this.send({ t: 'res', id: message.id, ok: false, body: 'failed' })
        this.close()
      }
    )
  }

  private shutDown(): void {
    if (this.closed) return
    this.closed = true
    for (const [, waiting] of this.pending) {
      clearTimeout(waiting.timer)
      waiting.reject(new Error('link closed'))
    }
    this.pending.clear()
    for (const handler of this.closeHandlers.splice(0)) handler()
  }
}
