// npm start: the Electron desktop app when its binary is installed; otherwise
// station mode on 127.0.0.1:4800 with the demo data, and the URL to open.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'

const root = new URL('..', import.meta.url).pathname
const electronDir = join(root, 'node_modules', 'electron')
const pathFile = join(electronDir, 'path.txt')
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null

buildIfStale()
let child
if (binary && existsSync(binary)) {
  child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' })
} else {
  const dataDir = join(root, '.data', 'station')
  console.log('eventdesk: the Electron binary is not installed (README: node node_modules/electron/install.js).')
  console.log('eventdesk: starting station mode instead — open the URL below in a browser.')
  console.log(`eventdesk: data in ${dataDir}; demo PINs are in the README.`)
  // --kiosk is a window mode of the desktop app; in a browser use its full-screen mode.
  const args = process.argv.slice(2).filter((arg) => arg !== '--kiosk')
  child = spawn(process.execPath, [join(root, 'out', 'main', 'station.js'), '--data', dataDir, '--demo', ...args], {
    stdio: 'inherit'
  })
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
