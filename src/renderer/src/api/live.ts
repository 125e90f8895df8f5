/**
 * "Data changed" pushes from the core. Electron: the preload bridge.
 * Browser: one socket.io connection per session token. After a reconnect we
 * tell every listener that anything may have changed (`tables: ['*']`),
 * because pushes sent while we were away are lost. The query cache (query.ts)
 * is the listener; screens never subscribe themselves.
 */
import { io, type Socket } from 'socket.io-client'
import type { ChangedEvent } from '../../../shared/contract'
import { desktopBridge } from './client'
import { currentToken, useSession } from './session'

type Listener = (event: ChangedEvent) => void

const listeners = new Set<Listener>()
let socket: Socket | null = null
let socketToken: string | null = null
let bridgeUnsubscribe: (() => void) | null = null

function emit(event: ChangedEvent): void {
  for (const listener of [...listeners]) listener(event)
}

function connect(): void {
  const bridge = desktopBridge()
  if (bridge) {
    if (!bridgeUnsubscribe && listeners.size > 0) bridgeUnsubscribe = bridge.onChanged(emit)
    return
  }
  const token = currentToken()
  if (socket && (socketToken !== token || listeners.size === 0)) {
    socket.disconnect()
    socket = null
    socketToken = null
  }
  if (socket || !token || listeners.size === 0) return
  let connectedBefore = false
  socketToken = token
  socket = io({ auth: { token }, transports: ['websocket', 'polling'] })
  socket.on('connect', () => {
    if (connectedBefore) emit({ tables: ['*'], eventIds: [] })
    connectedBefore = true
  })
  socket.on('changed', (payload: ChangedEvent) => {
    if (payload && Array.isArray(payload.tables)) emit(payload)
  })
}

useSession.subscribe((state, previous) => {
  if (state.session?.token !== previous.session?.token) connect()
})

export function subscribeChanged(listener: Listener): () => void {
  listeners.add(listener)
  connect()
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      bridgeUnsubscribe?.()
      bridgeUnsubscribe = null
      connect()
    }
  }
}
