/**
 * This desk's fleet: its id, the shared key (by generation: a removal replaces
 * it) and how newcomers are admitted. Local (meta), never synced. A desk gets
 * its fleet by founding one (its first invitation), by pairing, or — for
 * desks set up by script — from --fleet-key.
 *
 * Admission: in a paired fleet a peer must present a certificate the fleet has
 * pinned (fleet_desks, known_peers) and prove the key. A fleet set up with
 * --fleet-key ("key" admission) also takes a desk it has never seen if it
 * proves the current key, and pins that desk's certificate from then on.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Core } from '../core/core'

export type Admission = 'key' | 'paired'

export interface Fleet {
  id: string
  /** The current key generation and key. */
  epoch: number
  key: Buffer
  /** Every generation this desk has held (older ones let a pinned desk that was away catch up on the new key). */
  keys: ReadonlyMap<number, Buffer>
  admission: Admission
}

export interface Removal {
  at: string
  /** The desk that told us. */
  byDesk: string
}

function meta(core: Core, key: string): string | null {
  return (core.sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null
}

function setMeta(core: Core, values: Record<string, string | null>): void {
  core.sqlite.transaction(() => {
    for (const [key, value] of Object.entries(values)) {
      if (value === null) core.sqlite.prepare('DELETE FROM meta WHERE key = ?').run(key)
      else core.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value)
    }
  })()
}

export function loadFleet(core: Core): Fleet | null {
  const id = meta(core, 'fleet_id')
  const stored = meta(core, 'fleet_keys')
  if (!id || !stored) return null
  const keys = new Map(Object.entries(JSON.parse(stored) as Record<string, string>).map(([epoch, key]) => [Number(epoch), Buffer.from(key, 'base64url')]))
  const epoch = Math.max(...keys.keys())
  return { id, epoch, key: keys.get(epoch)!, keys, admission: meta(core, 'fleet_admission') === 'key' ? 'key' : 'paired' }
}

function store(core: Core, fleet: { id: string; keys: ReadonlyMap<number, Buffer>; admission: Admission }, extra: Record<string, string | null> = {}): Fleet {
  setMeta(core, {
    fleet_id: fleet.id,
    fleet_keys: JSON.stringify(Object.fromEntries([...fleet.keys].map(([epoch, key]) => [epoch, key.toString('base64url')]))),
    fleet_admission: fleet.admission,
    ...extra
  })
  return loadFleet(core)!
}

/** Desks given one key by script agree on the fleet's id without being told: it is derived from the key. */
function idFromKey(key: Buffer): string {
  return createHash('sha256').update('eventdesk fleet').update(key).digest('base64url').slice(0, 16)
}

const digest = (key: Buffer) => createHash('sha256').update(key).digest('base64url')

/**
 * --fleet-key: the key the operator gave every desk. Given again at every start,
 * it changes nothing (a key rotated since stays); a different key starts over.
 */
export function fleetFromScript(core: Core, key: Buffer): Promise<Fleet> {
  return core.exclusive(() => {
    const current = loadFleet(core)
    if (current && meta(core, 'fleet_script_key') === digest(key)) return current
    if (current?.admission === 'paired') {
      console.warn('station: this desk was paired into a fleet; --fleet-key is ignored')
      return current
    }
    return store(core, { id: idFromKey(key), keys: new Map([[0, key]]), admission: 'key' }, { fleet_script_key: digest(key), fleet_removed: null })
  })
}

/** The organizer's desk founds a fleet with its first invitation. */
export function foundFleet(core: Core): Promise<Fleet> {
  return core.exclusive(() => loadFleet(core) ?? store(core, { id: randomBytes(12).toString('base64url'), keys: new Map([[0, randomBytes(32)]]), admission: 'paired' }))
}

/** A desk that paired takes the fleet it was given (replacing none: only a desk alone may join). */
export function joinFleet(core: Core, fleet: { id: string; epoch: number; key: Buffer }): Promise<Fleet> {
  return core.exclusive(() =>
    store(core, { id: fleet.id, keys: new Map([[fleet.epoch, fleet.key]]), admission: 'paired' }, { fleet_script_key: null, fleet_removed: null })
  )
}

/** A new key generation (a desk was removed); the old ones are kept for desks that were away. */
export function rotateFleetKey(core: Core): Promise<Fleet> {
  return core.exclusive(() => {
    const fleet = loadFleet(core)
    if (!fleet) throw new Error('no fleet to rotate')
    return store(core, { ...fleet, keys: new Map([...fleet.keys, [fleet.epoch + 1, randomBytes(32)]]) })
  })
}

/** A newer key from a peer of the fleet; false if this desk already had it. */
export function acceptFleetKey(core: Core, epoch: number, key: Buffer): Promise<boolean> {
  return core.exclusive(() => {
    const fleet = loadFleet(core)
    if (!fleet || fleet.keys.has(epoch)) return false
    store(core, { ...fleet, keys: new Map([...fleet.keys, [epoch, key]]) })
    return true
  })
}

export function markRemoved(core: Core, removal: Removal): Promise<void> {
  return core.exclusive(() => setMeta(core, { fleet_removed: JSON.stringify(removal) }))
}

export function removalOf(core: Core): Removal | null {
  const text = meta(core, 'fleet_removed')
  return text ? (JSON.parse(text) as Removal) : null
}
