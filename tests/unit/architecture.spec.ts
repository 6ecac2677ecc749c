/*
 * The layers of app/, kept pointing down. The import graph is read from the
 * source files (static `from '…'` and dynamic `import('…')`), so a new arrow
 * running back up the layers fails here, named with its file.
 */
import { test } from '@japa/runner'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

type Import = { file: string; specifier: string }

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|mjs|js)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
}

const IMPORT_PATTERN = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'([^']+)'/gm

async function importsOf(folder: string): Promise<Import[]> {
  const imports: Import[] = []
  for (const file of await sourceFiles(folder)) {
    const source = await readFile(join(ROOT, file), 'utf8')
    for (const match of source.matchAll(IMPORT_PATTERN)) {
      imports.push({ file, specifier: match[1] })
    }
  }
  return imports
}

function describe(imports: Import[]) {
  return imports.map(({ file, specifier }) => `${file} → ${specifier}`)
}

/**
 * The environment (start/env.ts) is the application's validated
 * configuration: every layer may read it, as config/ does.
 */
const ENVIRONMENT = '#start/env'

test.group('Architecture', () => {
  test('the domain imports only the domain and libraries: no model, service, database or framework state', async ({
    assert,
  }) => {
    const imports = await importsOf('app/domain')
    const outward = imports.filter(
      ({ specifier }) =>
        (specifier.startsWith('#') && !specifier.startsWith('#domain/')) ||
        specifier.startsWith('@adonisjs/') ||
        specifier.startsWith('../')
    )
    assert.deepEqual(describe(outward), [])
  })

  test('models, services and queries never import actions, presenters, controllers, middleware or start/', async ({
    assert,
  }) => {
    const upper =
      /^#(actions|presenters|open_api|controllers|middleware|start|validators|policies)\//
    const imports = [
      ...(await importsOf('app/models')),
      ...(await importsOf('app/services')),
      ...(await importsOf('app/queries')),
    ]
    const upward = imports.filter(
      ({ specifier }) => upper.test(specifier) && specifier !== ENVIRONMENT
    )
    assert.deepEqual(describe(upward), KNOWN_UPWARD_IMPORTS)
  })

  test('presenters never import actions, controllers, middleware or start/', async ({ assert }) => {
    const upper = /^#(actions|controllers|middleware|start)\//
    const imports = await importsOf('app/presenters')
    const upward = imports.filter(
      ({ specifier }) => upper.test(specifier) && specifier !== ENVIRONMENT
    )
    assert.deepEqual(describe(upward), KNOWN_UPWARD_PRESENTER_IMPORTS)
  })

  test('exceptions, policies and validators never import controllers, middleware or actions', async ({
    assert,
  }) => {
    const upper = /^#(actions|controllers|middleware)\//
    const imports = [
      ...(await importsOf('app/exceptions')),
      ...(await importsOf('app/policies')),
      ...(await importsOf('app/validators')),
    ]
    assert.deepEqual(describe(imports.filter(({ specifier }) => upper.test(specifier))), [])
  })

  test('no application file reaches into another folder by a relative path, and no template is imported', async ({
    assert,
  }) => {
    const imports = await importsOf('app')
    const stray = imports.filter(
      ({ specifier }) => specifier.startsWith('../') || specifier.endsWith('.edge')
    )
    assert.deepEqual(describe(stray), KNOWN_RELATIVE_IMPORTS)
  })
})

/*
 * Arrows still running up, each to be turned round (the list may only
 * shrink: an entry that no longer occurs fails the test above too).
 */
const KNOWN_UPWARD_IMPORTS: string[] = []

const KNOWN_UPWARD_PRESENTER_IMPORTS: string[] = []

/** Relative imports still reaching across folders (none: tooling lives in benchmarks/ and dev/). */
const KNOWN_RELATIVE_IMPORTS: string[] = []
