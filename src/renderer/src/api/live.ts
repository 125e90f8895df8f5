/**
 * "Data changed" pushes from the core. Electron: the preload bridge.
 * Browser: one socket.io connection per session token. After a reconnect we
 * tell every listener that anything may have changed (`tables: ['*']`),
 * because pushes sent while we were away are lost.
 */
import { useEffect, useRef } from 'react'
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

/** True if a push touches one of `tables` for `eventId` (pushes without event ids concern everyone). */
export function isRelevant(event: ChangedEvent, tables: readonly string[], eventId: string | null): boolean {
  if (event.tables.includes('*')) return true
  if (!event.tables.some((t) => tables.includes(t))) return false
  if (!eventId || event.eventIds.length === 0) return true
  return event.eventIds.includes(eventId)
}

/** Calls `refresh` (debounced) whenever one of `tables` changes for `eventId`. */
export function useLiveRefresh(
  tables: readonly string[],
  eventId: string | null,
  refresh: () => void,
  delayMs = 250
): void {
  const refreshRef = useRef(refresh)
  refreshRef.current = refresh
  const key = tables.join(',')
  useEffect(() => {
    const wanted = key.split(',')
    let timer: ReturnType<typeof setTimeout> | null = null
    const unsubscribe = subscribeChanged((event) => {
      if (!isRelevant(event, wanted, eventId)) return
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        refreshRef.current()
      }, delayMs)
    })
    return () => {
      if (timer) clearTimeout(timer)
      unsubscribe()
    }
  }, [key, eventId, delayMs])
}
