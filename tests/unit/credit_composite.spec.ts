import { test } from '@japa/runner'
import { annualComposite, ratingOnHundred } from '#domain/credit_composite'
import { creditEventForDepartmentRating } from '#domain/service_delivery'
import { DEFAULT_RULES, ruleParameterProblems } from '#domain/rules'

const WEIGHTS = DEFAULT_RULES.compositeWeights

test.group('Annual composite credit evaluation and the department’s rating', () => {
  test('department 4.5 of 5, public credit 80, owners 4 of 5 with weights 70/10/20 give 87', ({
    assert,
  }) => {
    assert.deepEqual(WEIGHTS, { department: 70, publicCredit: 10, owners: 20 })
    const result = annualComposite(
      { department: ratingOnHundred(4.5), publicCredit: 80, owners: ratingOnHundred(4) },
      WEIGHTS
    )
    assert.equal(result.score, 87)
    assert.deepEqual(
      result.parts.map((part) => [part.part, part.value, part.points]),
      [
        ['department', 90, 63],
        ['publicCredit', 80, 8],
        ['owners', 80, 16],
      ]
    )
  })

  test('a part without data that year shares its weight in proportion, never counts as zero', ({
    assert,
  }) => {
    const result = annualComposite({ department: null, publicCredit: 80, owners: 95 }, WEIGHTS)
    // 10 : 20 of the remaining 30 → 33.33 % and 66.67 %: 26.67 + 63.33.
    assert.equal(result.score, 90)
    assert.deepEqual(
      result.parts.map((part) => part.appliedWeight),
      [0, 33.33, 66.67]
    )
    assert.isNull(
      annualComposite({ department: null, publicCredit: null, owners: null }, WEIGHTS).score
    )
  })

  test('the weights are rule-set data that must add up to 100', ({ assert }) => {
    const rules = structuredClone(DEFAULT_RULES)
    rules.compositeWeights = { department: 70, publicCredit: 10, owners: 10 }
    assert.deepInclude(ruleParameterProblems(rules), {
      field: 'parameters.compositeWeights',
      rule: 'compositeWeightsSum',
    })
    assert.deepEqual(ruleParameterProblems(DEFAULT_RULES), [])
  })

  test('the department’s rating earns credit of its own: mean 4 or more good, any 2 or less bad', ({
    assert,
  }) => {
    assert.equal(
      creditEventForDepartmentRating({ quality: 5, timeliness: 3 }),
      'department_rating_good'
    )
    assert.isNull(creditEventForDepartmentRating({ quality: 4, timeliness: 3 }))
    assert.equal(
      creditEventForDepartmentRating({ quality: 5, timeliness: 2 }),
      'department_rating_bad'
    )
  })
})
