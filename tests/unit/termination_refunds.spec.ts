import { test } from '@japa/runner'
import {
  defaultDecisionScope,
  milestonesToRefund,
  refundScopeOf,
  type TerminationOutcome,
} from '#domain/termination_refunds'
import {
  TERMINATION_STATES,
  nextTerminationState,
  terminationFinal,
} from '#domain/contract_lifecycle'
import { terminationActions } from '#presenters/contract_actions'

// Two milestones of a contract: the first one's work accepted by the owner, the second not.
const TWO = [
  { id: 11, accepted: true },
  { id: 12, accepted: false },
]

const outcome = (partial: Partial<TerminationOutcome>): TerminationOutcome => ({
  ground: 'breach',
  agencyAnswer: null,
  decision: null,
  ...partial,
})

test.group('What a termination refunds', () => {
  test('two milestones, one accepted, the window passed without an answer: only the other one is refunded', ({
    assert,
  }) => {
    const scope = refundScopeOf(outcome({}))
    assert.equal(scope, 'unaccepted')
    assert.deepEqual(milestonesToRefund(TWO, scope), [12])
  })

  test('a termination by agreement to which the agency consents refunds every paid milestone, accepted or not', ({
    assert,
  }) => {
    const scope = refundScopeOf(outcome({ ground: 'agreement', agencyAnswer: 'agreed' }))
    assert.equal(scope, 'all')
    assert.deepEqual(milestonesToRefund(TWO, scope), [11, 12])
  })

  test('the agency agreeing to a full refund of a termination for breach refunds everything too', ({
    assert,
  }) => {
    assert.equal(refundScopeOf(outcome({ agencyAnswer: 'agreed' })), 'all')
  })

  test('agreement as the ground alone, without the agency consenting, refunds only what was not accepted', ({
    assert,
  }) => {
    assert.deepEqual(milestonesToRefund(TWO, refundScopeOf(outcome({ ground: 'agreement' }))), [12])
  })

  test("a regulator's decision says what is refunded: upheld by default the milestones not accepted, rejected nothing, or whatever it orders", ({
    assert,
  }) => {
    assert.equal(defaultDecisionScope('upheld'), 'unaccepted')
    assert.equal(defaultDecisionScope('rejected'), 'none')
    const upheld = outcome({
      agencyAnswer: 'contested',
      decision: { outcome: 'upheld', refundScope: 'unaccepted' },
    })
    assert.deepEqual(milestonesToRefund(TWO, refundScopeOf(upheld)), [12])
    const rejected = outcome({
      agencyAnswer: 'contested',
      decision: { outcome: 'rejected', refundScope: 'none' },
    })
    assert.deepEqual(milestonesToRefund(TWO, refundScopeOf(rejected)), [])
    const ordered = outcome({
      agencyAnswer: 'contested',
      decision: { outcome: 'upheld', refundScope: 'all' },
    })
    assert.deepEqual(milestonesToRefund(TWO, refundScopeOf(ordered)), [11, 12])
  })
})

test.group('The termination lifecycle', () => {
  test('the agency contests or agrees only while contestable; only a contest is decided; the window lapsing settles it', ({
    assert,
  }) => {
    assert.equal(nextTerminationState('contestable', 'contest'), 'contested')
    assert.equal(nextTerminationState('contestable', 'agree'), 'settled')
    assert.equal(nextTerminationState('contestable', 'lapse'), 'settled')
    assert.equal(nextTerminationState('contested', 'decide'), 'decided')
    for (const state of TERMINATION_STATES) {
      if (state !== 'contestable') {
        assert.isNull(nextTerminationState(state, 'contest'), state)
        assert.isNull(nextTerminationState(state, 'agree'), state)
        assert.isNull(nextTerminationState(state, 'lapse'), state)
      }
      if (state !== 'contested') assert.isNull(nextTerminationState(state, 'decide'), state)
    }
    assert.deepEqual(
      TERMINATION_STATES.filter((state) => terminationFinal(state)),
      ['settled', 'decided']
    )
  })

  test('the contract page offers the agency its answer only while the window is open, and the regulator a decision only on a contest', ({
    assert,
  }) => {
    const agency = { answer: true, decide: false }
    const regulator = { answer: false, decide: true }
    const owner = { answer: false, decide: false }
    assert.deepEqual(terminationActions({ status: 'contestable', contestOpen: true }, agency), {
      contest: true,
      agree: true,
      decide: false,
    })
    assert.deepEqual(terminationActions({ status: 'contestable', contestOpen: false }, agency), {
      contest: false,
      agree: false,
      decide: false,
    })
    assert.deepEqual(terminationActions({ status: 'contestable', contestOpen: true }, owner), {
      contest: false,
      agree: false,
      decide: false,
    })
    assert.isFalse(
      terminationActions({ status: 'contestable', contestOpen: true }, regulator).decide
    )
    assert.isTrue(terminationActions({ status: 'contested', contestOpen: false }, regulator).decide)
    assert.isFalse(terminationActions({ status: 'decided', contestOpen: false }, regulator).decide)
    assert.deepEqual(terminationActions(null, agency), {
      contest: false,
      agree: false,
      decide: false,
    })
  })
})
