/** Sync for one desk: listen for peers on the station's socket.io server and keep links to the peers it knows. */
import type { Server as SocketServer } from 'socket.io'
import type { Core } from '../core/core'
import { SyncEngine } from './engine'
import { loadFleet } from './fleet'
import { dialPeer, listenForPeers } from './link'

export interface DeskSync {
  engine: SyncEngine
  close(): void
}

export function startSync(core: Core, io: SocketServer, options: { peers: readonly string[]; deskName: () => string }): DeskSync {
  const engine = new SyncEngine(core, options.deskName)
  const fleet = () => loadFleet(core)
  const stops = [listenForPeers(io, engine, fleet), ...options.peers.map((url) => dialPeer(url, engine, fleet))]
  return {
    engine,
    close: () => {
      for (const stop of stops) stop()
      engine.close()
    }
  }
}
