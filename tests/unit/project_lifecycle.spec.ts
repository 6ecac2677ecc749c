import { test } from '@japa/runner'
import {
  PROJECT_STATES,
  PROJECT_TRANSITIONS,
  availableTransitions,
  awaits,
  awaitsLowQuoteDecision,
  isFinal,
  mayTransition,
  objectionsOpen,
  serviceAccepted,
  serviceRunning,
  nextState,
  type ProjectState,
  type ProjectTransition,
} from '#domain/project_lifecycle'

test.group('Project lifecycle', () => {
  test('the main path runs from draft to closed', ({ assert }) => {
    const path: ProjectTransition[] = [
      'publish',
      'open',
      'startPublicity',
      'award',
      'contract',
      'startService',
      'deliver',
      'accept',
      'evaluate',
      'close',
    ]
    let state: ProjectState = 'draft'
    for (const transition of path) {
      const next = nextState(state, transition)
      assert.isNotNull(next, `${transition} from ${state}`)
      state = next!
    }
    assert.equal(state, 'closed')
    assert.isTrue(isFinal(state))
  })

  test('cancellation is possible before opening only', ({ assert }) => {
    assert.equal(nextState('draft', 'cancel'), 'cancelled')
    assert.equal(nextState('published', 'cancel'), 'cancelled')
    for (const state of ['opened', 'publicity', 'awarded', 'contracted'] as const) {
      assert.isNull(nextState(state, 'cancel'), state)
    }
  })

  test('a failed selection can be published again; opening twice is impossible', ({ assert }) => {
    assert.equal(nextState('published', 'fail'), 'failed')
    assert.equal(nextState('failed', 'publish'), 'published')
    assert.isNull(nextState('opened', 'open'))
    assert.isNull(nextState('draft', 'open'))
  })

  test('an upheld objection re-opens the selection; termination only after the contract', ({
    assert,
  }) => {
    assert.equal(nextState('publicity', 'reopen'), 'opened')
    assert.isNull(nextState('awarded', 'terminate'))
    assert.equal(nextState('in_service', 'terminate'), 'terminated')
  })

  test('final states allow nothing; every transition leads to a known state', ({ assert }) => {
    for (const state of ['closed', 'cancelled', 'terminated'] as const) {
      assert.deepEqual(availableTransitions(state), [])
    }
    for (const rule of Object.values(PROJECT_TRANSITIONS)) {
      assert.include(PROJECT_STATES, rule.to)
      for (const from of rule.from) assert.include(PROJECT_STATES, from)
    }
    assert.sameMembers(availableTransitions('published'), ['cancel', 'open', 'fail'])
  })

  test('a stage is awaited only in the state it belongs to', ({ assert }) => {
    assert.isTrue(awaits({ status: 'published', stage: 'confirmation' }, 'confirmation'))
    assert.isFalse(awaits({ status: 'opened', stage: 'confirmation' }, 'confirmation'))
    assert.isTrue(awaits({ status: 'opened', stage: 'pick' }, 'pick'))
    assert.isFalse(awaits({ status: 'publicity', stage: 'pick' }, 'pick'))
    assert.isFalse(awaits({ status: 'opened', stage: null }, 'plan_scores'))
    assert.isTrue(awaitsLowQuoteDecision({ status: 'opened', stage: 'justification' }))
    assert.isTrue(awaitsLowQuoteDecision({ status: 'opened', stage: 'owner_decision' }))
    assert.isFalse(awaitsLowQuoteDecision({ status: 'opened', stage: 'pick' }))
  })

  test('objections only during publicity; the service runs, then is accepted for good', ({
    assert,
  }) => {
    assert.isTrue(objectionsOpen('publicity'))
    assert.isFalse(objectionsOpen('awarded'))
    assert.isTrue(serviceRunning('in_service'))
    assert.isFalse(serviceRunning('delivered'))
    for (const state of ['accepted', 'evaluated', 'closed'] as const) {
      assert.isTrue(serviceAccepted(state), state)
    }
    assert.isFalse(serviceAccepted('delivered'))
    assert.isTrue(mayTransition('delivered', 'accept'))
    assert.isFalse(mayTransition('awarded', 'cancel'))
  })
})
