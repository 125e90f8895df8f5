/**
 * Electron main: thin. It starts the same core and the same sync endpoint
 * (the HTTPS peer server, sync/start.ts) station mode runs, opens the window
 * (normal or locked kiosk with --kiosk) and routes the preload's single `rpc`
 * channel to Core.call. Everything a user can do is a core method.
 *
 * Switches: --kiosk, --sync-port=<n> (default 4801; 0 picks a free one),
 * --sync-host=<address> (default every interface), --mdns=on|off|<address>.
 */
import { app, BrowserWindow, ipcMain, shell } from 'electron'
import { join } from 'node:path'
import { ApiError } from '../shared/errors'
import { IPC } from '../shared/ipc'
import { startBackups } from './backup/start'
import { startPrinting } from './badges/runner'
import { Core } from './core/core'
import { modules } from './modules'
import { DEFAULT_PEER_PORT } from './sync/link'
import { startSync, type DeskSync } from './sync/start'
import { loadFleet } from './sync/fleet'

const kiosk = process.argv.includes('--kiosk')
let core: Core | null = null
let sync: DeskSync | null = null

/** `--name=value` from the command line. */
function switchValue(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    title: 'EventDesk',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true
    }
  })
  win.once('ready-to-show', () => win.show())
  // Links open in the system browser, never inside the app window.
  win.webContents.setWindowOpenHandler(({ url }) => {
    void shell.openExternal(url)
    return { action: 'deny' }
  })
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void win.loadFile(join(__dirname, '../renderer/index.html'))
  return win
}

void app.whenReady().then(() => {
  const dataDir = join(app.getPath('userData'), 'data')
  core = new Core({ dataDir, appRoot: app.getAppPath(), modules, appVersion: app.getVersion() })
  const desk = core
  // Peers reach this desk as they reach a station; if the port is taken the desk still works, alone.
  startSync(desk, {
    dataDir,
    host: switchValue('sync-host') ?? '0.0.0.0',
    port: Number(switchValue('sync-port') ?? DEFAULT_PEER_PORT),
    mdns: switchValue('mdns') ?? 'on',
    deskName: () => (desk.sqlite.prepare('SELECT name FROM desks WHERE id = ?').get(desk.id) as { name: string } | undefined)?.name ?? desk.id
  }).then(
    (started) => {
      sync = started
      console.log(`eventdesk: peers on ${started.url}, certificate SHA-256 ${started.identity.fingerprint}`)
    },
    (err: unknown) => console.error(`eventdesk: sync is off: ${(err as Error).message}`)
  )
  startBackups(desk, { fleet: () => loadFleet(desk) })
  void startPrinting(desk)
  ipcMain.handle(IPC.rpc, async (_event, method: unknown, input: unknown, token: unknown) => {
    try {
      // The desk's own window: 'local' to the sign-in throttle (a known desk, never a stranger's address).
      return { ok: true, result: await desk.call(String(method), input, typeof token === 'string' ? token : null, { client: 'local' }) }
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, ...err.toBody() }
      console.error(`eventdesk: ${String(method)} failed`, err)
      return { ok: false, ...new ApiError('internal', 'Something went wrong on the desk; nothing was saved', { key: 'internal' }).toBody() }
    }
  })
  desk.onChanged((event) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC.changed, event)
  })
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', () => {
  void sync?.close()
  sync = null
  core?.close()
  core = null
})
