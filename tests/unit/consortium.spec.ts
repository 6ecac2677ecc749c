import { test } from '@japa/runner'
import { consortiumFault } from '#domain/consortium'

test.group('Consortium consent at opening', () => {
  const nobodyAlone = new Set<number>([1])

  test('a bid whose members all confirmed counts', ({ assert }) => {
    assert.isNull(
      consortiumFault(
        [
          { organizationId: 7, status: 'confirmed' },
          { organizationId: 8, status: 'confirmed' },
        ],
        nobodyAlone
      )
    )
    assert.isNull(consortiumFault([], nobodyAlone))
  })

  test('a member that declined or never answered makes the bid invalid, a decline named first', ({
    assert,
  }) => {
    assert.equal(
      consortiumFault([{ organizationId: 7, status: 'pending' }], nobodyAlone),
      'member_unconfirmed'
    )
    assert.equal(
      consortiumFault(
        [
          { organizationId: 7, status: 'pending' },
          { organizationId: 8, status: 'declined' },
        ],
        nobodyAlone
      ),
      'member_declined'
    )
  })

  test('a confirmed member that also bids on its own makes the bid invalid', ({ assert }) => {
    assert.equal(
      consortiumFault([{ organizationId: 7, status: 'confirmed' }], new Set([1, 7])),
      'member_bids_alone'
    )
  })
})
