import { test } from '@japa/runner'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ensureLocalEnvFile } from '../../bin/env_defaults.js'

const EXAMPLE = 'APP_KEY=\nSTRIPE_WEBHOOK_SECRET=\nPORT=3333\n'

/** A fresh folder standing for an installation: its root URL and a reader of its .env. */
function installation(example: string | null = EXAMPLE) {
  const folder = mkdtempSync(join(tmpdir(), 'market-env-'))
  if (example !== null) writeFileSync(join(folder, '.env.example'), example)
  return {
    root: pathToFileURL(`${folder}/`),
    read: () => readFileSync(join(folder, '.env'), 'utf8'),
    write: (text: string) => writeFileSync(join(folder, '.env'), text),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  }
}

const secretOf = (text: string) => /^STRIPE_WEBHOOK_SECRET=(.*)$/m.exec(text)?.[1] ?? null

test.group('Local .env defaults', () => {
  test('each installation gets its own webhook secret for the local Stripe mock, kept across starts', ({
    assert,
    cleanup,
  }) => {
    const first = installation()
    const second = installation()
    cleanup(() => (first.remove(), second.remove()))
    ensureLocalEnvFile(first.root, {})
    ensureLocalEnvFile(second.root, {})
    const secret = secretOf(first.read())
    assert.match(secret ?? '', /^whsec_[\w-]{32}$/)
    assert.notEqual(secretOf(second.read()), secret)
    assert.notEqual(secret, 'whsec_market_local_development')
    assert.match(first.read(), /^APP_KEY=\S{40,}$/m)
    // The port is the environment's choice on each start (3333 without one), not pinned.
    assert.notMatch(first.read(), /^PORT=/m)
    assert.match(first.read(), /^# PORT=3333 /m)
    // A later start reuses it.
    ensureLocalEnvFile(first.root, {})
    assert.equal(secretOf(first.read()), secret)
  })

  test('an installation made before the secret existed gets one added to its .env, the rest unchanged', ({
    assert,
    cleanup,
  }) => {
    const older = installation()
    const blank = installation()
    cleanup(() => (older.remove(), blank.remove()))
    older.write('APP_KEY=kept\nPORT=4000')
    ensureLocalEnvFile(older.root, { APP_KEY: 'kept' })
    assert.match(older.read(), /^APP_KEY=kept\nPORT=4000\n/)
    assert.match(secretOf(older.read()) ?? '', /^whsec_/)
    blank.write('APP_KEY=kept\nSTRIPE_WEBHOOK_SECRET=\n')
    ensureLocalEnvFile(blank.root, {})
    assert.match(secretOf(blank.read()) ?? '', /^whsec_/)
    assert.lengthOf(blank.read().match(/STRIPE_WEBHOOK_SECRET=/g) ?? [], 1)
  })

  test('nothing is generated in production, nor over a secret the environment or .env already sets', ({
    assert,
    cleanup,
  }) => {
    const production = installation()
    const configured = installation()
    const given = installation()
    cleanup(() => (production.remove(), configured.remove(), given.remove()))
    ensureLocalEnvFile(production.root, { NODE_ENV: 'production' })
    assert.throws(() => production.read())
    configured.write('APP_KEY=x\n')
    ensureLocalEnvFile(configured.root, { STRIPE_WEBHOOK_SECRET: 'whsec_from_the_operator' })
    assert.equal(configured.read(), 'APP_KEY=x\n')
    given.write('APP_KEY=x\nSTRIPE_WEBHOOK_SECRET=whsec_from_stripe\n')
    ensureLocalEnvFile(given.root, {})
    assert.equal(given.read(), 'APP_KEY=x\nSTRIPE_WEBHOOK_SECRET=whsec_from_stripe\n')
  })
})
