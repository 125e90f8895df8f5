/**
 * Station mode: the EventDesk core as a headless Node process serving the
 * renderer and the API over HTTP. Kiosk tablets, browser desks, badge print
 * stations and the end-to-end tests reach a desk this way.
 *
 *   node out/main/station.js --data <dir> [--port 4800] [--host 127.0.0.1] [--name <desk name>]
 *                            [--public-name <host name>]... [--peer <url>]... [--fleet-key <key>] [--demo]
 *                            [--restore-from <folder | s3://bucket/prefix?endpoint=<url>&region=<r>&path-style=1>]
 *
 * The station answers only requests that name it by its own addresses or
 * names (see station/guard.ts); `--public-name` adds a name, e.g. a DNS name
 * the venue network gives this machine. `--peer` names another desk to sync
 * with (as often as needed); desks sync only with desks holding the same
 * fleet key (`--fleet-key`, base64url, for desks set up by script; pairing
 * gives it otherwise).
 *
 * `--restore-from` fills a new desk (an empty data folder) from a backup —
 * the newest there — before it starts serving: the passphrase comes from
 * EVENTDESK_BACKUP_PASSPHRASE, or the backup was sealed with the fleet key
 * given by `--fleet-key`; S3 keys from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
 * The desk keeps its own new identity and catches up from its peers. On a desk
 * that already holds data it is skipped (a restart with the same arguments).
 */
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { restoreSourceOf } from './backup/source'
import { startBackups } from './backup/start'
import { targetOf } from './backup/targets'
import { Core } from './core/core'
import { ApiError } from '../shared/errors'
import { DEMO_STAFF, seedDemo } from './demo/seed'
import { modules } from './modules'
import { createStationServer } from './station/server'
import { loadFleet, saveFleetKey } from './sync/fleet'
import { startSync } from './sync/start'
import { version } from '../../package.json'

const USAGE =
  'Usage: npm run station -- --data <dir> [--port <n>] [--host <addr>] [--name <desk name>] [--public-name <host name>]... [--peer <url>]... [--fleet-key <key>] [--demo] [--restore-from <folder | s3://bucket/prefix?endpoint=…>]'

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
        peer: { type: 'string', multiple: true, default: [] },
        'fleet-key': { type: 'string' },
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
  const deskName = args.name?.trim()
  if (!args.data || !Number.isInteger(port) || port < 0 || port > 65535 || deskName === '' || (deskName?.length ?? 0) > 60) {
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

  if (fleetKey) saveFleetKey(core, fleetKey)
  const backups = startBackups(core, { fleet: () => loadFleet(core) })
  if (args['restore-from']) await restore(backups, args['restore-from'], fleetKey)
  const station = createStationServer(core, {
    rendererDir: join(appRoot, 'out', 'renderer'),
    bindAddress: args.host,
    publicNames: args['public-name']
  })
  const sync = startSync(core, station.io, { peers: args.peer, deskName: () => deskLabel(core) })
  station.server.on('error', (err) => {
    console.error(`station: cannot listen on ${args.host}:${port}: ${err.message}`)
    process.exit(1)
  })
  station.server.listen(port, args.host, () => {
    const address = station.server.address()
    const actualPort = typeof address === 'object' && address ? address.port : port
    console.log(`station: EventDesk ${version}, desk ${deskLabel(core)} (${core.id})`)
    console.log(`station: listening on http://${args.host}:${actualPort}`)
  })

  let closing = false
  const shutdown = (): void => {
    if (closing) return
    closing = true
    sync.close()
    backups.close()
    void station.close().finally(() => {
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
