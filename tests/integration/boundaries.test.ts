/**
 * The import boundaries of ARCHITECTURE.md, checked on every file: a folder
 * says where code runs. Exceptions are named here and meant to shrink.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_ROOT } from './helpers'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map(
    (m) => (m[1] ?? m[2])!
  )
}

function violations(folder: string, forbidden: (spec: string, file: string) => boolean): string[] {
  return sources(join(APP_ROOT, folder)).flatMap((file) =>
    importsOf(file)
      .filter((spec) => forbidden(spec, file))
      .map((spec) => `${relative(APP_ROOT, file)} imports ${spec}`)
  )
}

const NODE_BUILTIN = /^node:|^(fs|path|os|crypto|child_process|http|net|events|util|stream)$/

describe('import boundaries', () => {
  it('src/shared uses neither Node nor the DOM side, nor main/renderer/preload code', () => {
    expect(violations('src/shared', (s) => NODE_BUILTIN.test(s) || s === 'electron' || /\/(main|renderer|preload)\//.test(s))).toEqual([])
  })

  it('the renderer never reaches Node, Electron or the core directly', () => {
    expect(violations('src/renderer', (s) => NODE_BUILTIN.test(s) || s === 'electron' || /\/main\/|\/preload\//.test(s) || s === 'better-sqlite3')).toEqual([])
  })

  it('only the Electron main (src/main/index.ts) imports electron in the core', () => {
    expect(violations('src/main', (s, file) => s === 'electron' && relative(APP_ROOT, file) !== join('src', 'main', 'index.ts'))).toEqual([])
  })

  it('the core never imports renderer code', () => {
    expect(violations('src/main', (s) => /\/renderer\//.test(s))).toEqual([])
  })

  it('the preload only talks to electron and the shared contract', () => {
    expect(violations('src/preload', (s) => s !== 'electron' && !s.startsWith('../shared/'))).toEqual([])
  })
})
