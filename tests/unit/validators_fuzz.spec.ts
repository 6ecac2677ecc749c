/*
 * Every VineJS validator exported from app/validators, found by reading the
 * folder (a validator added later is fuzzed without touching this file),
 * gets 100 hostile payloads: valid-looking ones with fields spoiled, wholly
 * hostile ones and things that are not objects. `validate()` must either
 * accept the payload or throw VineJS's validation error — never anything
 * else (a TypeError, a database error…), which the API would answer with 500.
 */
import { readdir } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { errors, VineValidator } from '@vinejs/vine'
import { fc, fuzzParameters, hostilePayload } from '#tests/fuzz'

const RUNS = 100

type Found = { name: string; validator: VineValidator<any, any> }

/** Every exported validator of app/validators/*.ts, named `file.export`. */
async function allValidators(): Promise<Found[]> {
  const entries = await readdir(app.makePath('app/validators'))
  const files = entries.filter((file) => file.endsWith('.ts')).sort()
  const found: Found[] = []
  for (const file of files) {
    const module = await import(`#validators/${file.replace(/\.ts$/, '')}`)
    for (const [exported, value] of Object.entries(module)) {
      if (value instanceof VineValidator) {
        found.push({ name: `${file.replace(/\.ts$/, '')}.${exported}`, validator: value })
      }
    }
  }
  return found
}

/** What a validation run did: accepted, refused, or failed otherwise (the bug). */
async function outcome(validator: VineValidator<any, any>, payload: unknown) {
  try {
    await validator.validate(payload)
    return 'accepted'
  } catch (error) {
    if (error instanceof errors.E_VALIDATION_ERROR) return 'refused'
    throw error
  }
}

test.group('Validators under hostile input', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every exported validator accepts or refuses 100 hostile payloads, and never throws anything else', async ({
    assert,
  }) => {
    const validators = await allValidators()
    assert.isAbove(validators.length, 0, 'no validator found in app/validators')

    const tally = { accepted: 0, refused: 0 }
    const failures: string[] = []
    for (const { name, validator } of validators) {
      const parameters = fuzzParameters(RUNS)
      const began = Date.now()
      const result = await fc.check(
        fc.asyncProperty(hostilePayload(validator.toJSONSchema() as any), async (payload) => {
          tally[await outcome(validator, payload)] += 1
        }),
        parameters
      )
      if (process.env.FUZZ_VERBOSE) console.log(name, Date.now() - began, 'ms')
      if (result.failed) {
        failures.push(
          `${name}: ${String(result.errorInstance).slice(0, 300)} — ` +
            `reproduce with FUZZ_SEED=${result.seed} FUZZ_PATH=${result.counterexamplePath} ` +
            `(payload ${fc.stringify(result.counterexample).slice(0, 300)})`
        )
      }
    }
    const cases = tally.accepted + tally.refused
    console.log(
      `validator fuzz: ${validators.length} validators × ${RUNS} runs ` +
        `(${tally.refused} refused, ${tally.accepted} accepted, shrinking included: ${cases} calls)`
    )
    assert.deepEqual(failures, [])
  }).timeout(120_000)
})
