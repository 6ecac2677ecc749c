import { test } from '@japa/runner'
import { DEFAULT_RULES, envNameOf, withOverrides } from '#domain/rules'

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
})
