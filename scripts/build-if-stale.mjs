// Rebuilds with electron-vite when any source is newer than the last build, so
// `npm run station` / `npm start` never serve stale code.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const inputs = ['src', 'drizzle', 'electron.vite.config.ts', 'package.json']

function newest(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs)
}

export function buildIfStale() {
  const marker = join(root, 'out', 'main', 'station.js')
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0
  const changed = Math.max(...inputs.map((p) => newest(join(root, p))))
  if (built >= changed && existsSync(join(root, 'out', 'renderer', 'index.html'))) return
  console.log('eventdesk: building (electron-vite build)…')
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
