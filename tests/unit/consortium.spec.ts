import { test } from '@japa/runner'
import { consortiumFault, isBlankMemberRow, memberReference } from '#domain/consortium'
import { completeUscc } from '#domain/uscc'

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

test.group('How the bid page names a consortium member', () => {
  test('a valid USCC, typed in lower case or with spaces, names the agency by its code; anything else by its name', ({
    assert,
  }) => {
    const code = completeUscc('91511400MA6E8TQ4')
    assert.deepEqual(memberReference(` ${code.slice(0, 9).toLowerCase()} ${code.slice(9)} `), {
      uscc: code,
    })
    assert.deepEqual(memberReference('  眉山市节能技术服务有限公司 '), {
      name: '眉山市节能技术服务有限公司',
    })
    // Eighteen characters that fail the check character are a name, not a code.
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')
    assert.deepEqual(memberReference(wrong), { name: wrong })
  })

  test('a row with no member, no sub-item and nobody named is the spare one', ({ assert }) => {
    assert.isTrue(isBlankMemberRow({ agency: '  ', itemCode: null }))
    assert.isTrue(isBlankMemberRow({}))
    assert.isFalse(isBlankMemberRow({ agency: '眉山市节能技术服务有限公司' }))
    assert.isFalse(isBlankMemberRow({ itemCode: 'ZJ-002' }))
    assert.isFalse(isBlankMemberRow({ practitionerIds: [3] }))
  })
})
