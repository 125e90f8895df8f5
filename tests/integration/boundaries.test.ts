/**
 * The import boundaries of ARCHITECTURE.md, checked on every file: a folder
 * says where code runs, the kernel knows no domain, and domains meet only
 * through each other's public faces (queries, service, schema) without cycles.
 * Exceptions are named here and meant to shrink.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ROOT } from './helpers'

function sources(dir: string): string[] {
  if (!statSync(dir).isDirectory()) return /\.(ts|tsx)$/.test(dir) && !/\.test\.tsx?$/.test(dir) ? [dir] : []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })
}

interface Import {
  spec: string
  typeOnly: boolean
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => ({
    spec: (m[3] ?? m[4])!,
    typeOnly: Boolean(m[2])
  }))
}

function violations(folder: string, forbidden: (imp: Import, file: string) => boolean): string[] {
  return sources(join(APP_ROOT, folder)).flatMap((file) =>
    importsOf(file)
      .filter((imp) => forbidden(imp, file))
      .map((imp) => `${relative(APP_ROOT, file)} imports ${imp.spec}`)
  )
}

const NODE_BUILTIN = /^node:|^(fs|path|os|crypto|child_process|http|net|events|util|stream|worker_threads)$/
const MAIN = join(APP_ROOT, 'src', 'main')
/** Folders of src/main that are not domains: the kernel, libraries and the composition around them. */
const NOT_DOMAINS = new Set(['core', 'tabular', 'station', 'demo'])
/** What a domain shows other domains. */
const PUBLIC_FACES = new Set(['queries.ts', 'service.ts', 'schema.ts'])

/** The src/main folder (domain, kernel, …) an import resolves into, with the file it names. */
function target(file: string, spec: string): { folder: string; file: string } | null {
  if (!spec.startsWith('.')) return null
  const path = relative(MAIN, resolve(dirname(file), spec))
  if (path.startsWith('..')) return null
  const [folder, ...rest] = path.split(sep)
  return { folder: folder!, file: rest.join(sep) + (rest.length ? '.ts' : '') }
}

function folderOf(file: string): string {
  return relative(MAIN, file).split(sep)[0]!
}

const domains = readdirSync(MAIN).filter((name) => statSync(join(MAIN, name)).isDirectory() && !NOT_DOMAINS.has(name))

const RENDERER = join(APP_ROOT, 'src', 'renderer', 'src')

/** Where in src/renderer/src a relative import lands (`features/desk/DeskScreen`), or null outside it. */
function rendererTarget(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  const path = relative(RENDERER, resolve(dirname(file), spec))
  return path.startsWith('..') ? null : path.split(sep).join('/')
}

/** The feature a renderer path belongs to (`features/<name>/…`), or null (`features/index` is the list, no feature). */
function featureOf(path: string): string | null {
  const parts = path.split('/')
  return parts[0] === 'features' && parts.length > 2 ? parts[1]! : null
}

function rendererViolations(folder: string, forbidden: (target: string, file: string, imp: Import) => boolean): string[] {
  return violations(join('src', 'renderer', 'src', folder), (imp, file) => {
    const target = rendererTarget(file, imp.spec)
    return target !== null && forbidden(target, file, imp)
  })
}

/** Named exception: the i18n key typing reads the features' and shells' English files, type-only (nothing reaches a bundle). */
const TYPE_ONLY_EXCEPTION = join('src', 'renderer', 'src', 'i18n', 'resources.ts')

describe('import boundaries', () => {
  it('src/shared uses neither Node nor the DOM side; from main only the types of drizzle tables (row types are derived from them)', () => {
    expect(
      violations('src/shared', ({ spec, typeOnly }) => {
        if (NODE_BUILTIN.test(spec) || spec === 'electron' || /\/(renderer|preload)\//.test(spec)) return true
        return /\/main\//.test(spec) && !(typeOnly && /\/main\/\w+\/schema$/.test(spec))
      })
    ).toEqual([])
  })

  it('the renderer never reaches Node, Electron or the core directly', () => {
    expect(
      violations('src/renderer', ({ spec }) => NODE_BUILTIN.test(spec) || spec === 'electron' || /\/main\/|\/preload\//.test(spec) || spec === 'better-sqlite3')
    ).toEqual([])
  })

  it('only the Electron main (src/main/index.ts) imports electron in the core', () => {
    expect(violations('src/main', ({ spec }, file) => spec === 'electron' && relative(APP_ROOT, file) !== join('src', 'main', 'index.ts'))).toEqual([])
  })

  it('the core never imports renderer code', () => {
    expect(violations('src/main', ({ spec }) => /\/renderer\//.test(spec))).toEqual([])
  })

  it('the preload only talks to electron and the shared contract', () => {
    expect(violations('src/preload', ({ spec }) => spec !== 'electron' && !spec.startsWith('../shared/'))).toEqual([])
  })

  it('the kernel (src/main/core) and the libraries import no domain', () => {
    for (const folder of ['core', 'tabular']) {
      expect(violations(`src/main/${folder}`, ({ spec }, file) => {
        const t = target(file, spec)
        return t !== null && t.folder !== folder && t.folder !== 'core'
      })).toEqual([])
    }
  })

  it('a domain reaches another only through its queries, service or schema', () => {
    const found = domains.flatMap((domain) =>
      violations(`src/main/${domain}`, ({ spec }, file) => {
        const t = target(file, spec)
        return t !== null && domains.includes(t.folder) && t.folder !== folderOf(file) && !PUBLIC_FACES.has(t.file)
      })
    )
    expect(found).toEqual([])
  })

  it('domains depend on each other without cycles', () => {
    const edges = new Map(domains.map((d) => [d, new Set<string>()]))
    for (const domain of domains) {
      for (const file of sources(join(MAIN, domain))) {
        for (const { spec } of importsOf(file)) {
          const t = target(file, spec)
          if (t && domains.includes(t.folder) && t.folder !== domain) edges.get(domain)!.add(t.folder)
        }
      }
    }
    const cycles: string[] = []
    const visit = (node: string, path: string[]) => {
      if (path.includes(node)) return cycles.push([...path.slice(path.indexOf(node)), node].join(' → '))
      for (const next of edges.get(node)!) visit(next, [...path, node])
    }
    for (const d of domains) visit(d, [])
    expect([...new Set(cycles)]).toEqual([])
  })

  it('a renderer feature never imports another feature (shared pieces live in src/renderer/src/shared)', () => {
    expect(
      rendererViolations('features', (target, file) => {
        const own = featureOf(relative(RENDERER, file).split(sep).join('/'))
        return own !== null && target.startsWith('features/') && featureOf(target) !== own
      })
    ).toEqual([])
  })

  it('the renderer’s shared layer imports no feature and no shell (App only picks a shell)', () => {
    const layer = readdirSync(RENDERER).filter((name) => name !== 'features' && name !== 'shells')
    const found = layer.flatMap((name) =>
      rendererViolations(name, (target, file, imp) => {
        if (relative(APP_ROOT, file) === TYPE_ONLY_EXCEPTION && imp.typeOnly) return false
        return target.startsWith('features/') || (target.startsWith('shells/') && target !== 'shells/index')
      })
    )
    expect(found).toEqual([])
  })

  it('the kiosk and badge-station shells import neither features nor the back office', () => {
    for (const shell of ['kiosk', 'badgeStation']) {
      expect(rendererViolations(join('shells', shell), (target) => target.startsWith('features/') || target.startsWith('shells/backOffice/'))).toEqual([])
    }
  })

  it('catches what it is meant to catch', () => {
    // A feature importing another one, or the shared layer importing a feature, is seen as such.
    const deskScreen = join(RENDERER, 'features', 'desk', 'DeskScreen.tsx')
    expect(rendererTarget(deskScreen, '../attendees/AttendeeTable')).toBe('features/attendees/AttendeeTable')
    expect(featureOf('features/attendees/AttendeeTable')).toBe('attendees')
    expect(featureOf('features/index')).toBeNull()
    expect(rendererTarget(join(RENDERER, 'shared', 'events.ts'), '../features/desk/codes')).toBe('features/desk/codes')
    // The checks above must be able to fail: a kernel file importing a domain is seen as one.
    expect(target(join(MAIN, 'core', 'core.ts'), '../attendees/queries')).toEqual({ folder: 'attendees', file: 'queries.ts' })
    expect(target(join(MAIN, 'checkin', 'module.ts'), '../attendees/module')).toEqual({ folder: 'attendees', file: 'module.ts' })
    expect(domains).toEqual(expect.arrayContaining(['attendees', 'checkin', 'events', 'staff']))
  })
})
