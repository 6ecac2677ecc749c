import { test } from '@japa/runner'
import { stripVTControlCharacters } from 'node:util'
import { runAce } from '#tests/child_processes'

/*
 * A RULE_* override is read when the market starts: a word an enumerated
 * parameter does not know stops the start, naming the variable, instead of
 * surfacing at the first contract.
 */
test.group('Rule overrides at start', () => {
  test('RULE_MINIMUM_SIGNATURE_LEVEL other than simple or reliable stops the start, naming it', async ({
    assert,
  }) => {
    const refused = await runAce(['list:routes', '--json'], {
      ...process.env,
      NODE_ENV: 'test',
      RULE_MINIMUM_SIGNATURE_LEVEL: 'qualified',
    })
    assert.notEqual(refused.code, 0)
    assert.include(stripVTControlCharacters(refused.output), 'RULE_MINIMUM_SIGNATURE_LEVEL')

    const accepted = await runAce(['list:routes', '--json'], {
      ...process.env,
      NODE_ENV: 'test',
      RULE_MINIMUM_SIGNATURE_LEVEL: 'reliable',
    })
    assert.equal(accepted.code, 0, accepted.output)
  }).timeout(120_000)
})
