import { test } from '@japa/runner'
import { currentSignatories, signatoryStanding } from '#domain/signatories'

const MARCH = new Date('2026-03-01T00:00:00Z')

test.group('Who may sign for an organisation', () => {
  test('the registrant alone, until anyone is designated', ({ assert }) => {
    assert.deepEqual(currentSignatories(7, []), [
      { userId: 7, capacity: 'registrant', implicit: true },
    ])
    assert.deepEqual(currentSignatories(null, []), [])
  })

  test('designations in force join the registrant; revoked ones do not', ({ assert }) => {
    const records = [
      { userId: 8, capacity: 'legal_representative' as const, revokedAt: null },
      { userId: 9, capacity: 'authorised_representative' as const, revokedAt: MARCH },
    ]
    assert.deepEqual(currentSignatories(7, records), [
      { userId: 7, capacity: 'registrant', implicit: true },
      { userId: 8, capacity: 'legal_representative', implicit: false },
    ])
    assert.isNull(signatoryStanding(9, 7, records))
    assert.equal(signatoryStanding(8, 7, records)?.capacity, 'legal_representative')
  })

  test('a revoked registrant stays revoked; a new designation restores them in its capacity', ({
    assert,
  }) => {
    const revoked = [
      { userId: 8, capacity: 'legal_representative' as const, revokedAt: null },
      { userId: 7, capacity: 'registrant' as const, revokedAt: MARCH },
    ]
    assert.isNull(signatoryStanding(7, 7, revoked))
    const designatedAgain = [
      ...revoked,
      { userId: 7, capacity: 'authorised_representative' as const, revokedAt: null },
    ]
    assert.deepEqual(signatoryStanding(7, 7, designatedAgain), {
      userId: 7,
      capacity: 'authorised_representative',
      implicit: false,
    })
  })

  test('a user designated twice counts once, in the first designation in force', ({ assert }) => {
    const records = [
      { userId: 8, capacity: 'authorised_representative' as const, revokedAt: null },
      { userId: 8, capacity: 'legal_representative' as const, revokedAt: null },
    ]
    assert.deepEqual(
      currentSignatories(7, records).map((signatory) => signatory.userId),
      [7, 8]
    )
  })
})
