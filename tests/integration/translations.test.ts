/**
 * Seven languages, complete: every namespace (the shared vocabulary the core
 * uses too, the app frame, each feature and shell) has every English key in
 * every language, plural keys in all of the language's plural forms, the same
 * {{placeholders}}; and everything the core can say or log has a label:
 * error keys, field messages, import issue and file error codes, contract
 * methods and the desk's own actions (audit actions), synced tables, their
 * columns and the values of enumerated columns.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { getTableColumns, getTableName } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { modules } from '../../src/main/modules'
import { contract } from '../../src/shared/contract'
import { FIELD_MESSAGES, LANGUAGES } from '../../src/shared/fields'
import { VOCABULARIES } from '../../src/shared/i18n/all'
import { ROW_ISSUE_CODES } from '../../src/shared/contract/attendees'
import { VALUE_GROUPS } from '../../src/shared/i18n'
import { at, messageKeys, problems, unionLiterals, type Tree } from '../support/translations'
import { APP_ROOT } from './helpers'

const read = (path: string) => readFileSync(join(APP_ROOT, path), 'utf8')
const json = (path: string) => JSON.parse(read(path)) as Tree

function files(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(join(APP_ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(APP_ROOT, path)).isDirectory()) return files(path, test)
    return test(name) ? [path] : []
  })
}

/** Every folder of translation files: src/shared/i18n and each `locales` folder of the renderer. */
const NAMESPACE_DIRS = [
  join('src', 'shared', 'i18n'),
  ...[...new Set(files(join('src', 'renderer', 'src'), (n) => n === 'en.json').map((f) => join(f, '..')))].filter((d) => d.endsWith('locales'))
]

const sources = [...files(join('src', 'main'), (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')), ...files(join('src', 'shared'), (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))]

/** Each language's labels for `path`, or the languages that lack one. */
function unlabelled(path: string): string[] {
  return LANGUAGES.filter((lng) => !at(VOCABULARIES[lng] as unknown as Tree, path)).map((lng) => `${lng}: ${path}`)
}

describe('translation files', () => {
  it('finds the namespaces: shared, app, every feature and shell', () => {
    const names = NAMESPACE_DIRS.map((d) => relative(APP_ROOT, join(APP_ROOT, d)))
    expect(names).toEqual(
      expect.arrayContaining([
        join('src', 'shared', 'i18n'),
        join('src', 'renderer', 'src', 'i18n', 'locales'),
        join('src', 'renderer', 'src', 'features', 'desk', 'locales'),
        join('src', 'renderer', 'src', 'shells', 'kiosk', 'locales')
      ])
    )
  })

  it.each(NAMESPACE_DIRS)('%s: every language has every key, in all its plural forms, with the same placeholders', (dir) => {
    const english = json(join(dir, 'en.json'))
    const found = LANGUAGES.flatMap((lng) => problems(english, json(join(dir, `${lng}.json`)), lng).map((p) => `${lng}: ${p}`))
    expect(found).toEqual([])
  })
})

describe('labels for everything the core says or logs', () => {
  it('every error key of src/main and src/shared (ApiError keys, field issue keys)', () => {
    const keys = sources.flatMap((file) => messageKeys(read(file)))
    expect(keys.length).toBeGreaterThan(20)
    const importFileCodes = unionLiterals(read(join('src', 'main', 'tabular', 'parse.ts')), 'ImportFileErrorCode')
    expect(importFileCodes.length).toBeGreaterThan(2)
    const paths = keys.flatMap(({ key, field }) => {
      const group = field ? 'fieldErrors' : 'apiErrors'
      return key.endsWith('*') ? importFileCodes.map((code) => `${group}.${key.slice(0, -1)}${code}`) : [`${group}.${key}`]
    })
    expect([...new Set(paths)].flatMap(unlabelled)).toEqual([])
  })

  it('every field message of src/shared/fields.ts', () => {
    expect(Object.keys(FIELD_MESSAGES).flatMap((key) => unlabelled(`fieldErrors.${key}`))).toEqual([])
  })

  it('every import issue code', () => {
    expect(ROW_ISSUE_CODES).toContain('missing_name')
    expect(ROW_ISSUE_CODES.flatMap((code) => unlabelled(`importIssues.${code}`))).toEqual([])
  })

  it('every contract method and every action the desk logs by itself (the audit shows them)', () => {
    const own = sources.flatMap((file) => [...read(file).matchAll(/transact\(\s*'([\w.]+)'|\baction:\s*'(\w+\.\w+)'/g)].map((m) => (m[1] ?? m[2])!))
    expect(own).toEqual(expect.arrayContaining(['desk.start', 'demo.seed']))
    expect([...Object.keys(contract), ...own].flatMap((action) => unlabelled(`actions.${action}`))).toEqual([])
  })

  it('every synced table, each of its columns and the values of enumerated columns', () => {
    const missing: string[] = []
    for (const module of modules) {
      for (const spec of module.tables ?? []) {
        if (spec.kind === 'local') continue
        const table = getTableName(spec.table)
        const local = new Set('localColumns' in spec ? spec.localColumns : [])
        missing.push(...unlabelled(`tables.${table}`))
        for (const column of Object.values(getTableColumns(spec.table))) {
          if (local.has(column.name)) continue
          missing.push(...unlabelled(`columns.${table}.${column.name}`))
          const values = (column as { enumValues?: readonly string[] }).enumValues ?? []
          if (values.length === 0) continue
          const group = (VALUE_GROUPS as Record<string, string>)[`${table}.${column.name}`]
          if (!group) missing.push(`VALUE_GROUPS has no group for ${table}.${column.name}`)
          else for (const value of values) missing.push(...unlabelled(`${group}.${value}`))
        }
      }
    }
    expect(missing).toEqual([])
  })
})

describe('the checks catch what they are meant to catch', () => {
  const en: Tree = { a: 'A {{x}}', rows_one: '{{n}} row', rows_other: '{{n}} rows' }

  it('a missing key, an empty text, a lost placeholder', () => {
    expect(problems(en, { a: 'A', rows_one: '', rows_other: '{{n}} Zeilen' }, 'de')).toEqual([
      'placeholders of a: none instead of x',
      'empty rows_one',
      'placeholders of rows_one: none instead of n'
    ])
    expect(problems(en, { rows_one: '{{n}}', rows_other: '{{n}}' }, 'de')).toEqual(['missing a'])
  })

  it('Polish needs few and many; French many (1 000 000 de lignes)', () => {
    expect(problems(en, { a: 'A {{x}}', rows_one: '{{n}}', rows_other: '{{n}}' }, 'pl')).toEqual(['missing rows_few', 'missing rows_many'])
    expect(problems(en, { a: 'A {{x}}', rows_one: '{{n}}', rows_other: '{{n}}' }, 'fr')).toEqual(['missing rows_many'])
  })

  it('reads error keys from source, ternaries and templates included', () => {
    const source = [
      "throw new ApiError('conflict', 'x', { key: 'alreadyUndone' })",
      "return { path, message, key: issue.origin === 'string' ? 'tooLong' : 'tooLarge' }",
      'issues: [{ path: \'file\', key: `importFile.${err.code}` }]',
      "throw new ApiError('invalid_input', `Invalid ${first.path}: x`, { issues, key: 'invalidField' })",
      "  key: text('key').primaryKey(),"
    ].join('\n')
    expect(messageKeys(source)).toEqual([
      { key: 'alreadyUndone', field: false },
      { key: 'tooLong', field: true },
      { key: 'tooLarge', field: true },
      { key: 'importFile.*', field: true },
      { key: 'invalidField', field: false }
    ])
    expect(unionLiterals("export type Code = 'a' | 'b'\n", 'Code')).toEqual(['a', 'b'])
  })

  it('knows an unlabelled key when it sees one', () => {
    expect(unlabelled('apiErrors.noSuchKeyAnywhere')).toHaveLength(LANGUAGES.length)
    expect(unlabelled('apiErrors.wrongPin')).toEqual([])
  })
})
