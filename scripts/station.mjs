// npm run station -- --data <dir> [--port <n>] [--host <addr>] [--demo]
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { buildIfStale } from './build-if-stale.mjs'

const root = new URL('..', import.meta.url).pathname
buildIfStale()
const child = spawn(process.execPath, [join(root, 'out', 'main', 'station.js'), ...process.argv.slice(2)], {
  stdio: 'inherit'
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
