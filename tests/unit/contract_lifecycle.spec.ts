import { test } from '@japa/runner'
import {
  CONTRACT_STATES,
  CONTRACT_TRANSITIONS,
  alternateNeeded,
  availableContractTransitions,
  contractEnded,
  contractInForce,
  contractOpen,
  nextContractState,
  signingTransition,
  type ContractState,
} from '#domain/contract_lifecycle'

test.group('Contract lifecycle', () => {
  test('a contract comes into force when the second party signs the revision the first signed', ({
    assert,
  }) => {
    const first = nextContractState('drafting', signingTransition(0))
    assert.equal(first, 'signing')
    assert.equal(nextContractState(first!, signingTransition(1)), 'signed')
    assert.isTrue(contractInForce('signed'))
  })

  test('changing the terms after one signature returns the contract to drafting', ({ assert }) => {
    assert.equal(nextContractState('signing', 'amend'), 'drafting')
    assert.equal(nextContractState('drafting', 'amend'), 'drafting')
  })

  test('a signed contract can no longer be amended, signed, refused or left to expire', ({
    assert,
  }) => {
    for (const transition of ['amend', 'sign', 'countersign', 'refuse', 'expire'] as const) {
      assert.isNull(nextContractState('signed', transition), transition)
    }
    assert.deepEqual(availableContractTransitions('signed'), ['terminate'])
  })

  test('only a contract in force can be terminated; nothing follows an end', ({ assert }) => {
    for (const state of CONTRACT_STATES) {
      assert.equal(nextContractState(state, 'terminate') !== null, state === 'signed', state)
    }
    for (const state of ['expired', 'refused', 'terminated'] as const) {
      assert.isTrue(contractEnded(state), state)
      assert.isFalse(contractOpen(state), state)
    }
  })

  test('only drafting and signing contracts are open; only signed ones are in force', ({
    assert,
  }) => {
    const open = CONTRACT_STATES.filter((state) => contractOpen(state))
    const inForce = CONTRACT_STATES.filter((state) => contractInForce(state))
    assert.deepEqual(open, ['drafting', 'signing'])
    assert.deepEqual(inForce, ['signed'])
  })

  test('every transition names known states', ({ assert }) => {
    const states = new Set<ContractState>(CONTRACT_STATES)
    for (const [name, rule] of Object.entries(CONTRACT_TRANSITIONS)) {
      assert.isTrue(states.has(rule.to), name)
      for (const from of rule.from) assert.isTrue(states.has(from), `${name} from ${from}`)
    }
  })

  test('the next alternate is needed only after a refusal or an expiry of an awarded project', ({
    assert,
  }) => {
    assert.isTrue(alternateNeeded('awarded', 'refused'))
    assert.isTrue(alternateNeeded('awarded', 'expired'))
    assert.isFalse(alternateNeeded('awarded', null))
    for (const state of ['drafting', 'signing', 'signed', 'terminated'] as const) {
      assert.isFalse(alternateNeeded('awarded', state), state)
    }
    assert.isFalse(alternateNeeded('contracted', 'refused'))
  })
})
