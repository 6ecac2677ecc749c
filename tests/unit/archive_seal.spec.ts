import { test } from '@japa/runner'
import { sealKeyProblemOf } from '#services/archive_seal'

test.group('The archive seal key', () => {
  test('production refuses to start without a seal key file; outside production one is generated', ({
    assert,
  }) => {
    const nothing = () => false
    assert.include(sealKeyProblemOf(undefined, nothing, true)!, 'ARCHIVE_SEAL_KEY_FILE is not set')
    assert.isNull(sealKeyProblemOf(undefined, nothing, false))
  })

  test('a configured file that does not exist is refused everywhere; one that exists is used', ({
    assert,
  }) => {
    for (const production of [true, false]) {
      assert.include(
        sealKeyProblemOf('/etc/market/seal.pem', () => false, production)!,
        'missing file'
      )
      assert.isNull(sealKeyProblemOf('/etc/market/seal.pem', () => true, production))
    }
  })
})
