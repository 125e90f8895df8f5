import type { ChangedEvent } from './contract'
import type { ApiErrorBody } from './errors'

/** The two channels between preload and main; nothing else crosses. */
export const IPC = { rpc: 'eventdesk:rpc', changed: 'eventdesk:changed' } as const

export type IpcRpcReply = { ok: true; result: unknown } | ({ ok: false } & ApiErrorBody)

/** What the preload exposes as `window.eventdesk`. */
export interface DesktopBridge {
  rpc(method: string, input: unknown, token: string | null): Promise<IpcRpcReply>
  onChanged(listener: (event: ChangedEvent) => void): () => void
}
