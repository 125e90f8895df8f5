/// <reference types="vite/client" />
import type { DesktopBridge } from '../../shared/ipc'

declare global {
  interface Window {
    /** The Electron preload bridge; absent when the renderer is served by a station over HTTP. */
    eventdesk?: DesktopBridge
  }
}

export {}
