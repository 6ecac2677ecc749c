import { test } from '@japa/runner'
import { investmentCodeProblem, normalizeInvestmentCode } from '#domain/investment_project_code'

const NOW = new Date('2026-12-07T02:00:00Z')

test.group('投资项目代码', () => {
  test('year, division, industry, type and serial in five groups pass; each defect is named', ({
    assert,
  }) => {
    assert.isNull(investmentCodeProblem('2020-511402-48-01-012345', NOW))
    assert.isNull(investmentCodeProblem('2026-510000-44-02-000001', NOW))
    // Four groups, letters, a serial one digit short: not the platform's form.
    assert.equal(investmentCodeProblem('2020-511402-48-012345', NOW), 'format')
    assert.equal(investmentCodeProblem('2020-51140A-48-01-012345', NOW), 'format')
    assert.equal(investmentCodeProblem('2020-511402-48-01-01234', NOW), 'format')
    // Before the platform's first codes, or a year still to come.
    assert.equal(investmentCodeProblem('2013-511402-48-01-012345', NOW), 'year')
    assert.equal(investmentCodeProblem('2027-511402-48-01-012345', NOW), 'year')
    // No province starts with 99.
    assert.equal(investmentCodeProblem('2020-991402-48-01-012345', NOW), 'division')
  })

  test('full-width digits, long dashes and spaces as people type them are made standard', ({
    assert,
  }) => {
    assert.equal(
      normalizeInvestmentCode(' ２０２０—511402－48-01 012345 '),
      '2020-511402-48-01012345'
    )
    assert.equal(
      normalizeInvestmentCode('２０２０－５１１４０２－４８－０１－０１２３４５'),
      '2020-511402-48-01-012345'
    )
  })
})
