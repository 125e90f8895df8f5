import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ChangedEvent } from '../shared/contract'
import { IPC, type DesktopBridge, type IpcRpcReply } from '../shared/ipc'

const bridge = {
  rpc: (method, input, token) => ipcRenderer.invoke(IPC.rpc, method, input, token) as Promise<IpcRpcReply>,
  onChanged: (listener) => {
    const handler = (_event: IpcRendererEvent, payload: ChangedEvent): void => listener(payload)
    ipcRenderer.on(IPC.changed, handler)
    return () => ipcRenderer.off(IPC.changed, handler)
  }
} satisfies DesktopBridge

contextBridge.exposeInMainWorld('eventdesk', bridge)
