import { test } from '@japa/runner'
import {
  choicesOf,
  meetsSignatureLevel,
  DEFAULT_RULES,
  envNameOf,
  ruleChanges,
  ruleParameterProblems,
  withOverrides,
  scoredWeightProblems,
} from '#domain/rules'

test.group('Rule parameters', () => {
  test('the defaults are those of the spec', ({ assert }) => {
    assert.equal(DEFAULT_RULES.directSelectionThresholdFen, 5_000_000)
    assert.equal(DEFAULT_RULES.minAnnouncementWorkingDays, 3)
    assert.equal(DEFAULT_RULES.publicityWorkingDays, 3)
    assert.deepEqual(DEFAULT_RULES.gradeCutoffs, { A: 90, B: 75, C: 60 })
  })

  test('environment names follow the parameter names', ({ assert }) => {
    assert.equal(envNameOf('minAnnouncementWorkingDays'), 'RULE_MIN_ANNOUNCEMENT_WORKING_DAYS')
    assert.equal(envNameOf('publicityWorkingDays'), 'RULE_PUBLICITY_WORKING_DAYS')
  })

  test('overrides replace numbers, leave the rest, and refuse nonsense', ({ assert }) => {
    const rules = withOverrides(DEFAULT_RULES, {
      RULE_MIN_ANNOUNCEMENT_WORKING_DAYS: '0',
      RULE_PUBLICITY_WORKING_DAYS: '',
    })
    assert.equal(rules.minAnnouncementWorkingDays, 0)
    assert.equal(rules.publicityWorkingDays, 3)
    assert.equal(DEFAULT_RULES.minAnnouncementWorkingDays, 3)
    assert.throws(() => withOverrides(DEFAULT_RULES, { RULE_PUBLICITY_WORKING_DAYS: '-1' }))
    assert.throws(() => withOverrides(DEFAULT_RULES, { RULE_PUBLICITY_WORKING_DAYS: 'three' }))
  })

  test('a new market requires reliable signatures; the environment may lower it to simple, and only to a word it knows', ({
    assert,
  }) => {
    assert.equal(DEFAULT_RULES.minimumSignatureLevel, 'reliable')
    assert.equal(envNameOf('minimumSignatureLevel'), 'RULE_MINIMUM_SIGNATURE_LEVEL')
    const simple = withOverrides(DEFAULT_RULES, { RULE_MINIMUM_SIGNATURE_LEVEL: 'simple' })
    assert.equal(simple.minimumSignatureLevel, 'simple')
    assert.equal(
      withOverrides(DEFAULT_RULES, { RULE_MINIMUM_SIGNATURE_LEVEL: '' }).minimumSignatureLevel,
      'reliable'
    )
    assert.throws(
      () => withOverrides(DEFAULT_RULES, { RULE_MINIMUM_SIGNATURE_LEVEL: 'Reliable!' }),
      /RULE_MINIMUM_SIGNATURE_LEVEL must be one of simple, reliable, not "Reliable!"/
    )
    assert.throws(() => withOverrides(DEFAULT_RULES, { RULE_MINIMUM_SIGNATURE_LEVEL: '1' }))
    assert.deepEqual(choicesOf('minimumSignatureLevel'), ['simple', 'reliable'])
    assert.isNull(choicesOf('publicityWorkingDays'))
  })

  test('a reliable signature meets either level; a simple one only the simple level', ({
    assert,
  }) => {
    assert.isTrue(meetsSignatureLevel('reliable', 'reliable'))
    assert.isTrue(meetsSignatureLevel('reliable', 'simple'))
    assert.isTrue(meetsSignatureLevel('simple', 'simple'))
    assert.isFalse(meetsSignatureLevel('simple', 'reliable'))
  })
})

test.group('Rule parameters: a new version', () => {
  test('the defaults are consistent', ({ assert }) => {
    assert.deepEqual(ruleParameterProblems(DEFAULT_RULES), [])
  })

  test('grade cut-offs must fall from A to C, and a reminder come before the limit', ({
    assert,
  }) => {
    const problems = ruleParameterProblems({
      ...DEFAULT_RULES,
      gradeCutoffs: { A: 80, B: 80, C: 85 },
      complaintResponseWorkingDays: 2,
      complaintReminderWorkingDays: 2,
    })
    assert.deepEqual(problems, [
      { field: 'parameters.gradeCutoffs.B', rule: 'cutoffsOrder' },
      { field: 'parameters.gradeCutoffs.C', rule: 'cutoffsOrder' },
      { field: 'parameters.complaintReminderWorkingDays', rule: 'reminderBeforeLimit' },
    ])
    // No reminder at all is always fine.
    assert.deepEqual(
      ruleParameterProblems({ ...DEFAULT_RULES, complaintReminderWorkingDays: 0 }),
      []
    )
  })

  test('the change log lists each changed parameter, nested ones by path', ({ assert }) => {
    const next = {
      ...DEFAULT_RULES,
      publicityWorkingDays: 5,
      minValidResponses: { ...DEFAULT_RULES.minValidResponses, random: 5 },
    }
    assert.deepEqual(ruleChanges(DEFAULT_RULES, next), [
      { parameter: 'minValidResponses.random', from: 3, to: 5 },
      { parameter: 'publicityWorkingDays', from: 3, to: 5 },
    ])
    assert.deepEqual(ruleChanges(DEFAULT_RULES, DEFAULT_RULES), [])
    // The first version: everything is new.
    assert.lengthOf(ruleChanges(null, DEFAULT_RULES), 56)
  })
})

test.group('Rule parameters: scored weights', () => {
  const bounds = DEFAULT_RULES.scoredWeightBounds

  test('weights within the bounds that add up to 100 pass; the plan weight may be left out', ({
    assert,
  }) => {
    assert.deepEqual(
      scoredWeightProblems({ price: 50, credit: 20, performance: 10, plan: 20 }, bounds),
      []
    )
    assert.deepEqual(scoredWeightProblems({ price: 60, credit: 20, performance: 20 }, bounds), [])
  })

  test('each weight outside its bounds is named with the bounds; a total other than 100 is refused', ({
    assert,
  }) => {
    assert.deepEqual(
      scoredWeightProblems({ price: 70, credit: 10, performance: 10, plan: 10 }, bounds),
      [{ field: 'weights.price', rule: 'weightOutOfBounds', data: { min: 30, max: 60 } }]
    )
    assert.deepEqual(
      scoredWeightProblems({ price: 20, credit: 30, performance: 10, plan: 45 }, bounds).map(
        (problem) => problem.field
      ),
      ['weights.price', 'weights.plan', 'weights']
    )
    assert.deepEqual(scoredWeightProblems(null, bounds), [
      { field: 'weights', rule: 'weightsRequired' },
    ])
  })

  test('a rule set whose bounds cannot hold a total of 100, or whose maximum is below its minimum, is refused', ({
    assert,
  }) => {
    const rules = structuredClone(DEFAULT_RULES)
    rules.scoredWeightBounds.priceMin = 70
    rules.scoredWeightBounds.creditMin = 40
    assert.sameDeepMembers(ruleParameterProblems(rules), [
      { field: 'parameters.scoredWeightBounds.priceMax', rule: 'boundsOrder' },
      { field: 'parameters.scoredWeightBounds.creditMax', rule: 'boundsOrder' },
      { field: 'parameters.scoredWeightBounds', rule: 'boundsCannotSumTo100' },
    ])
  })
})
