/**
 * Station mode: the EventDesk core as a headless Node process serving the
 * renderer and the API over HTTP(S), and syncing with the other desks of its
 * fleet over its peer port. Kiosk tablets, browser desks, badge print
 * stations and the end-to-end tests reach a desk this way.
 *
 *   node out/main/station.js --data <dir> [--port 4800] [--host 127.0.0.1] [--name <desk name>]
 *                            [--public-name <host name>]... [--https | --insecure-http]
 *                            [--sync-port <n>] [--peer <host:port>]... [--peers-only] [--fleet-key <key>]
 *                            [--mdns on|off|<interface address>] [--demo]
 *
 * The station answers only requests that name it by its own addresses or
 * names (see station/guard.ts); `--public-name` adds a name, e.g. a DNS name
 * the venue network gives this machine. Bound to anything but loopback it
 * serves HTTPS with the desk's own certificate (browsers give cameras only to
 * secure contexts, and PINs must not cross the venue Wi-Fi in clear);
 * `--https` asks for it on loopback too, `--insecure-http` refuses it.
 *
 * Peers always meet over TLS on the sync port (default: the port + 1; 0 picks
 * a free one), pinning each other's certificates. Desks are paired with an
 * invitation code (sync.invite / sync.join); `--peer` names a desk to dial
 * (as often as needed), `--peers-only` dials nothing else (no addresses from
 * the fleet table or mDNS), and `--fleet-key` (base64url, for desks set up by
 * script) gives a fleet key that admits any desk proving it.
 *
 * `--restore-from <folder | s3://bucket/prefix?endpoint=<url>&region=<r>&path-style=1>`
 * fills a new desk (an empty data folder) from a backup — the newest there —
 * before it starts serving: the passphrase comes from EVENTDESK_BACKUP_PASSPHRASE,
 * or the backup was sealed with the fleet key given by `--fleet-key`; S3 keys
 * from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. The desk keeps its own new
 * identity and catches up from its peers. On a desk that already holds data it
 * is skipped (a restart with the same arguments).
 */
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { restoreSourceOf } from './backup/source'
import { startBackups } from './backup/start'
import { startPrinting } from './badges/runner'
import { targetOf } from './backup/targets'
import { Core } from './core/core'
import { ApiError } from '../shared/errors'
import { DEMO_STAFF, seedDemo } from './demo/seed'
import { modules } from './modules'
import { createStationServer } from './station/server'
import { fleetFromScript, loadFleet } from './sync/fleet'
import { loadIdentity } from './sync/identity'
import { startSync } from './sync/start'
import { version } from '../../package.json'

const USAGE =
  'Usage: npm run station -- --data <dir> [--port <n>] [--host <addr>] [--name <desk name>] [--public-name <host name>]... [--https | --insecure-http] ' +
  '[--sync-port <n>] [--peer <host:port>]... [--peers-only] [--fleet-key <key>] [--mdns on|off|<interface address>] [--demo] ' +
  '[--restore-from <folder | s3://bucket/prefix?endpoint=…>]'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

async function main(): Promise<void> {
  let args
  try {
    args = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string', default: '4800' },
        host: { type: 'string', default: '127.0.0.1' },
        name: { type: 'string' },
        'public-name': { type: 'string', multiple: true, default: [] },
        https: { type: 'boolean', default: false },
        'insecure-http': { type: 'boolean', default: false },
        'sync-port': { type: 'string' },
        peer: { type: 'string', multiple: true, default: [] },
        'peers-only': { type: 'boolean', default: false },
        'fleet-key': { type: 'string' },
        mdns: { type: 'string', default: 'on' },
        demo: { type: 'boolean', default: false },
        'restore-from': { type: 'string' },
        help: { type: 'boolean', default: false }
      }
    }).values
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`)
    process.exit(2)
  }
  if (args.help) {
    console.log(USAGE)
    return
  }
  const port = Number(args.port)
  const syncPort = args['sync-port'] === undefined ? (port === 0 ? 0 : port + 1) : Number(args['sync-port'])
  const deskName = args.name?.trim()
  const validPort = (p: number) => Number.isInteger(p) && p >= 0 && p <= 65535
  if (!args.data || !validPort(port) || !validPort(syncPort) || deskName === '' || (deskName?.length ?? 0) > 60 || (args.https && args['insecure-http'])) {
    console.error(USAGE)
    process.exit(2)
  }

  if (args.demo && args['restore-from']) {
    console.error('station: --demo and --restore-from exclude each other')
    process.exit(2)
  }

  const fleetKey = args['fleet-key'] === undefined ? null : Buffer.from(args['fleet-key'], 'base64url')
  if (fleetKey && fleetKey.length < 16) {
    console.error('station: --fleet-key must be at least 16 bytes, base64url')
    process.exit(2)
  }

  const appRoot = resolve(__dirname, '../..')
  const core = new Core({ dataDir: resolve(args.data), appRoot, modules, appVersion: version, deskName })
  if (args.demo && isEmpty(core)) {
    const started = Date.now()
    await seedDemo(core)
    console.log(`station: demo event created in ${Date.now() - started} ms`)
    console.log(`station: demo staff — ${DEMO_STAFF.map((s) => `${s.name} (${s.role}) PIN ${s.pin}`).join(', ')}`)
  }

  const backups = startBackups(core, { fleet: () => loadFleet(core) })
  // A restore needs a desk that holds nothing yet: before anything else is written.
  if (args['restore-from']) await restore(backups, args['restore-from'], fleetKey)
  if (fleetKey) await fleetFromScript(core, fleetKey)
  // Jobs queued for this desk (before a restart too) are printed from here on.
  const printing = await startPrinting(core)
  const dataDir = resolve(args.data)
  const identity = await loadIdentity(dataDir, core.id)
  const https = args.https || (!LOOPBACK.has(args.host) && !args['insecure-http'])
  const station = createStationServer(core, {
    rendererDir: join(appRoot, 'out', 'renderer'),
    bindAddress: args.host,
    publicNames: args['public-name'],
    tls: https ? { key: identity.key, cert: identity.cert } : undefined
  })
  let sync: Awaited<ReturnType<typeof startSync>>
  try {
    sync = await startSync(core, { dataDir, host: args.host, port: syncPort, peers: args.peer, peersOnly: args['peers-only'], mdns: args.mdns, deskName: () => deskLabel(core) })
  } catch (err) {
    console.error(`station: cannot listen for peers on ${args.host}:${syncPort}: ${(err as Error).message}`)
    process.exit(1)
  }
  station.server.on('error', (err) => {
    console.error(`station: cannot listen on ${args.host}:${port}: ${err.message}`)
    process.exit(1)
  })
  station.server.listen(port, args.host, () => {
    const address = station.server.address()
    const actualPort = typeof address === 'object' && address ? address.port : port
    console.log(`station: EventDesk ${version}, desk ${deskLabel(core)} (${core.id})`)
    console.log(`station: certificate SHA-256 ${identity.fingerprint}`)
    console.log(`station: peers on ${sync.url}`)
    console.log(`station: listening on ${https ? 'https' : 'http'}://${args.host}:${actualPort}`)
  })

  let closing = false
  const shutdown = (): void => {
    if (closing) return
    closing = true
    backups.close()
    printing.close()
    // Links and sockets get a moment to say goodbye; the database is safe either way (WAL).
    setTimeout(() => process.exit(0), 3_000).unref()
    void Promise.allSettled([sync.close(), station.close()]).finally(() => {
      core.close()
      process.exit(0)
    })
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

async function restore(backups: ReturnType<typeof startBackups>, from: string, fleetKey: Buffer | null): Promise<void> {
  const passphrase = process.env.EVENTDESK_BACKUP_PASSPHRASE
  try {
    if (!passphrase && !fleetKey) throw new Error('set EVENTDESK_BACKUP_PASSPHRASE (or give the --fleet-key the backup was sealed with)')
    const target = targetOf(restoreSourceOf(from, process.env))
    const started = Date.now()
    const result = await backups.restore(target, passphrase ? { passphrase } : { fleetKey: fleetKey! })
    console.log(
      `station: restored ${result.name} (made by ${result.sourceDeskName} at ${result.createdAt}): ${result.records} records in ${Date.now() - started} ms`
    )
  } catch (err) {
    if (err instanceof ApiError && err.key === 'backupRestoreNeedsFreshDesk') {
      console.log('station: --restore-from skipped: this desk already holds data')
      return
    }
    console.error(`station: cannot restore from ${from}: ${(err as Error).message}`)
    process.exit(1)
  }
}

function deskLabel(core: Core): string {
  return (core.sqlite.prepare('SELECT name FROM desks WHERE id = ?').get(core.id) as { name: string } | undefined)?.name ?? core.id
}

/** --demo only fills a desk that has no events and no staff yet. */
function isEmpty(core: Core): boolean {
  const count = (table: string) => (core.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
  return count('events') === 0 && count('staff') === 0
}

void main()
