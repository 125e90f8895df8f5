/**
 * The Electron main process, built (out/main/index.js), run under Node with a
 * stand-in for the `electron` module — the one part that cannot exist here
 * (no Electron binary can be downloaded on our machines). Checks the thin
 * shell's wiring: secure window options, files it loads, the rpc channel to the
 * real core, and "changed" pushes to windows.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IPC } from '../../src/shared/ipc'
import { probeCertificate } from '../../src/main/sync/link'
import { APP_ROOT, removeDir, tempDir } from './helpers'

type Handler = (...args: unknown[]) => unknown

const requireFromOut = createRequire(join(APP_ROOT, 'out', 'main', 'index.js'))
const userData = tempDir('eventdesk-electron-')
const ipcHandlers = new Map<string, Handler>()
const appHandlers = new Map<string, Handler>()
const sent: unknown[][] = []

class FakeWindow {
  static all: FakeWindow[] = []
  loaded: string | null = null
  readonly webContents = {
    setWindowOpenHandler: () => undefined,
    send: (...args: unknown[]) => sent.push(args)
  }
  constructor(readonly options: { webPreferences: Record<string, unknown>; kiosk: boolean }) {
    FakeWindow.all.push(this)
  }
  static getAllWindows(): FakeWindow[] {
    return FakeWindow.all
  }
  once(): void {}
  show(): void {}
  async loadFile(path: string): Promise<void> {
    this.loaded = path
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = url
  }
}

const fakeElectron = {
  app: {
    whenReady: () => Promise.resolve(),
    getPath: () => userData,
    getAppPath: () => APP_ROOT,
    getVersion: () => '0.0.0-test',
    on: (event: string, handler: Handler) => appHandlers.set(event, handler),
    quit: () => undefined
  },
  BrowserWindow: FakeWindow,
  ipcMain: { handle: (channel: string, handler: Handler) => ipcHandlers.set(channel, handler) },
  shell: { openExternal: () => undefined }
}

const rpc = (method: string, input: unknown, token: string | null = null) =>
  ipcHandlers.get(IPC.rpc)!({}, method, input, token) as Promise<{ ok: boolean; result?: any; error?: { code: string } }> // eslint-disable-line @typescript-eslint/no-explicit-any -- results of any method

beforeAll(async () => {
  const electronPath = requireFromOut.resolve('electron')
  requireFromOut.cache[electronPath] = { exports: fakeElectron } as NodeJS.Module
  // The peer server on loopback and a free port, no mDNS: the test's own switches.
  process.argv.push('--sync-host=127.0.0.1', '--sync-port=0', '--mdns=off')
  requireFromOut(join(APP_ROOT, 'out', 'main', 'index.js'))
  await new Promise((resolve) => setTimeout(resolve, 50)) // app.whenReady().then(...)
})

afterAll(async () => {
  appHandlers.get('will-quit')?.()
  await new Promise((resolve) => setTimeout(resolve, 100)) // the peer server closing
  removeDir(userData)
})

describe('the Electron shell (built main, stand-in electron module)', () => {
  it('opens one window with isolation, a sandboxed preload that exists, and the built renderer', () => {
    expect(FakeWindow.all).toHaveLength(1)
    const { webPreferences, kiosk } = FakeWindow.all[0]!.options
    expect(webPreferences).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true })
    expect(existsSync(String(webPreferences.preload))).toBe(true)
    expect(kiosk).toBe(false)
    expect(FakeWindow.all[0]!.loaded).toBe(join(APP_ROOT, 'out', 'renderer', 'index.html'))
    expect(existsSync(FakeWindow.all[0]!.loaded!)).toBe(true)
  })

  it('keeps the desk database in the user data folder and answers over the rpc channel', async () => {
    const status = await rpc('system.status', {})
    expect(status).toMatchObject({ ok: true, result: { firstRun: true, appVersion: '0.0.0-test' } })
    expect(existsSync(join(userData, 'data', 'eventdesk.db'))).toBe(true)
    expect(await rpc('nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    expect(await rpc('event.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
  })

  it('pushes "changed" to its windows after a write', async () => {
    const { result: session } = await rpc('staff.setupFirstOrganizer', { name: 'Eve Electron', pin: '2468' })
    sent.length = 0
    const created = await rpc('event.create', { name: 'Shell Fest', type: 'festival', startDate: '2026-12-01', endDate: '2026-12-02', timezone: 'Europe/Paris', venue: null, capacity: null, status: 'draft' }, session.token)
    expect(created.ok).toBe(true)
    expect(sent).toEqual([[IPC.changed, { tables: ['events', 'changes'], eventIds: [] }]])
  })

  it('runs the same sync endpoint as a station: an HTTPS peer server with the desk’s own certificate', async () => {
    const { result: session } = await rpc('staff.signIn', { staffId: (await rpc('staff.signInOptions', {})).result[0].id, pin: '2468' })
    let status = (await rpc('sync.status', {}, session.token)).result
    for (let i = 0; i < 50 && !status.detail; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      status = (await rpc('sync.status', {}, session.token)).result
    }
    expect(status).toMatchObject({ summary: 'alone', detail: { addresses: ['127.0.0.1'] } })
    expect(existsSync(join(userData, 'data', 'identity', 'desk-cert.pem'))).toBe(true)
    const presented = await probeCertificate('127.0.0.1', status.detail.port)
    expect(presented.fingerprint).toBe(status.detail.fingerprint)
    sent.length = 0
    const invitation = (await rpc('sync.invite', {}, session.token)).result
    expect(invitation.code).toMatch(/^\w{4}-\w{4}-\w{4}$/)
    // Screens showing sync state refresh on the "sync" topic (no write behind it).
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(sent).toContainEqual([IPC.changed, { tables: ['sync'], eventIds: [] }])
  })
})
