import { test } from '@japa/runner'
import {
  DEFAULT_AGENCY_RATING,
  creditEventForApproval,
  creditEventForRating,
  isBadRating,
  meanRating,
  nextFollowUpStatus,
} from '#domain/service_delivery'

test.group('Evaluations and approval outcomes', () => {
  test('a rating is bad when any dimension is 2 or less, and costs credit', ({ assert }) => {
    const bad = { quality: 5, timeliness: 5, attitude: 2, feeCompliance: 5 }
    assert.isTrue(isBadRating(bad))
    assert.equal(creditEventForRating(bad), 'evaluation_bad')
    assert.isFalse(isBadRating({ quality: 3, timeliness: 3, attitude: 3, feeCompliance: 3 }))
  })

  test('a mean of 4 or more is a good rating; in between earns nothing; silence is all fives but worth no credit points', ({
    assert,
  }) => {
    assert.equal(meanRating({ quality: 4, timeliness: 4, attitude: 5, feeCompliance: 3 }), 4)
    assert.equal(
      creditEventForRating({ quality: 4, timeliness: 4, attitude: 5, feeCompliance: 3 }),
      'evaluation_good'
    )
    assert.isNull(
      creditEventForRating({ quality: 3, timeliness: 4, attitude: 4, feeCompliance: 4 })
    )
    // Given by the owner, all fives earn evaluation_good (+1 by default)…
    assert.equal(creditEventForRating(DEFAULT_AGENCY_RATING), 'evaluation_good')
    // …given by the tick because the owner stayed silent (自主自愿), nothing: statistics only.
    assert.isNull(creditEventForRating(DEFAULT_AGENCY_RATING, 'default'))
    assert.isNull(
      creditEventForRating({ quality: 1, timeliness: 1, attitude: 1, feeCompliance: 1 }, 'default')
    )
  })

  test('passed first time earns credit, rejected costs it, passed after corrections is statistics only', ({
    assert,
  }) => {
    assert.equal(creditEventForApproval('passed'), 'approval_first_time')
    assert.equal(creditEventForApproval('rejected'), 'approval_rejected')
    assert.isNull(creditEventForApproval('corrections'))
  })

  test('follow-up steps go 整改 → 督办 (repeatable) → 回访, which closes; nothing out of order', ({
    assert,
  }) => {
    assert.equal(nextFollowUpStatus('open', 'rectification'), 'rectification')
    assert.isNull(nextFollowUpStatus('open', 'supervision'))
    assert.isNull(nextFollowUpStatus('open', 'revisit'))
    assert.equal(nextFollowUpStatus('rectification', 'supervision'), 'supervision')
    assert.equal(nextFollowUpStatus('supervision', 'supervision'), 'supervision')
    assert.equal(nextFollowUpStatus('rectification', 'revisit'), 'closed')
    assert.equal(nextFollowUpStatus('supervision', 'revisit'), 'closed')
    assert.isNull(nextFollowUpStatus('closed', 'rectification'))
  })
})
