/**
 * This desk's fleet: its id and the shared key whose proof opens a peer link.
 * Local (meta), never synced: a desk gets it by pairing (or, for a station set
 * up by script, from --fleet-key).
 */
import { createHash } from 'node:crypto'
import type { Core } from '../core/core'
import type { Fleet } from './link'

export function loadFleet(core: Core): Fleet | null {
  const key = core.sqlite.prepare("SELECT value FROM meta WHERE key = 'fleet_key'").get() as { value: string } | undefined
  return key ? fleetOf(Buffer.from(key.value, 'base64url')) : null
}

export function saveFleetKey(core: Core, key: Buffer): Fleet {
  core.sqlite.prepare("INSERT INTO meta (key, value) VALUES ('fleet_key', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key.toString('base64url'))
  return fleetOf(key)
}

/** The fleet's public name: derived from its key, so desks holding the key agree on it without being told. */
function fleetOf(key: Buffer): Fleet {
  return { id: createHash('sha256').update('eventdesk fleet').update(key).digest('base64url').slice(0, 16), key }
}
