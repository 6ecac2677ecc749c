import { test } from '@japa/runner'
import {
  chooseRuleSet,
  fundingSourceOfText,
  mayRecordOutsideSelection,
  scopeProblems,
  type RuleSetCandidate,
  type ScopeFacts,
} from '#domain/funding_scope'
import { notPaidByDepartment } from '#domain/fee_flags'
import { DEFAULT_RULES, choicesOf, ruleParameterProblems, type RuleParameters } from '#domain/rules'

const compulsory: RuleParameters = DEFAULT_RULES
const social: RuleParameters = { ...DEFAULT_RULES, marketScope: 'voluntary' }
// ¥50,000 by default; the project asks for ¥300,000.
const aboveThreshold = 30_000_000

const facts = (changes: Partial<ScopeFacts> = {}): ScopeFacts => ({
  method: 'random',
  ceilingPriceFen: aboveThreshold,
  commissioningDepartmentId: null,
  ownerDepartmentId: null,
  exemption: null,
  exemptionReason: null,
  ...changes,
})

test.group('Funding scope: what the rule set of a funding source allows', () => {
  test('a social-investment project above the threshold may select directly; a fiscal one may not', ({
    assert,
  }) => {
    assert.deepEqual(scopeProblems(facts({ method: 'direct' }), social), [])
    assert.deepEqual(scopeProblems(facts({ method: 'direct' }), compulsory), [
      {
        field: 'ceilingPriceFen',
        rule: 'overDirectThreshold',
        data: { threshold: '50,000' },
      },
    ])
    assert.deepEqual(
      scopeProblems(facts({ method: 'direct', ceilingPriceFen: 5_000_000 }), compulsory),
      []
    )
  })

  test('where the market is compulsory only the methods the set allows are taken; a voluntary set takes any', ({
    assert,
  }) => {
    const noLowest: RuleParameters = {
      ...DEFAULT_RULES,
      allowedMethods: { ...DEFAULT_RULES.allowedMethods, lowest_price: 'no' },
    }
    assert.deepEqual(scopeProblems(facts({ method: 'lowest_price' }), noLowest), [
      { field: 'method', rule: 'methodNotAllowed' },
    ])
    assert.deepEqual(scopeProblems(facts({ method: 'random' }), noLowest), [])
    assert.deepEqual(
      scopeProblems(facts({ method: 'lowest_price' }), { ...noLowest, marketScope: 'voluntary' }),
      []
    )
  })

  test('only where the market is voluntary may a selection outside it be recorded', ({
    assert,
  }) => {
    assert.isTrue(mayRecordOutsideSelection(social))
    assert.isFalse(mayRecordOutsideSelection(compulsory))
  })

  test('a rule set allows at least one method, and its words are those of the lists', ({
    assert,
  }) => {
    const none = Object.fromEntries(
      Object.keys(DEFAULT_RULES.allowedMethods).map((method) => [method, 'no'])
    ) as RuleParameters['allowedMethods']
    assert.deepInclude(ruleParameterProblems({ ...DEFAULT_RULES, allowedMethods: none }), {
      field: 'parameters.allowedMethods',
      rule: 'noMethodAllowed',
    })
    assert.deepEqual(choicesOf('marketScope'), ['compulsory', 'voluntary'])
    assert.deepEqual(choicesOf('allowedMethods.direct'), ['yes', 'no'])
  })

  test('the free text of older projects is read as the source it most likely meant, fiscal when unclear', ({
    assert,
  }) => {
    assert.equal(fundingSourceOfText('财政资金'), 'fiscal')
    assert.equal(fundingSourceOfText(''), 'fiscal')
    assert.equal(fundingSourceOfText(null), 'fiscal')
    assert.equal(fundingSourceOfText('企业自筹'), 'social')
    assert.equal(fundingSourceOfText('社会资本'), 'social')
    assert.equal(fundingSourceOfText('国有资本金'), 'state_owned')
    assert.equal(fundingSourceOfText('财政、社会资本混合'), 'mixed')
    assert.equal(fundingSourceOfText('social'), 'social')
  })
})

test.group('Funding scope: department-commissioned services (审批部门委托)', () => {
  test('a department-commissioned project refuses direct selection, even where the market is voluntary', ({
    assert,
  }) => {
    const commissioned = facts({
      method: 'direct',
      ceilingPriceFen: 1_000_000,
      commissioningDepartmentId: 7,
      ownerDepartmentId: 7,
    })
    assert.deepEqual(scopeProblems(commissioned, compulsory), [
      { field: 'method', rule: 'commissionedNeedsCompetition' },
    ])
    assert.deepEqual(scopeProblems(commissioned, social), [
      { field: 'method', rule: 'commissionedNeedsCompetition' },
    ])
    assert.deepEqual(scopeProblems({ ...commissioned, method: 'random' }, compulsory), [])
  })

  test('the commissioning department is the owner: an owner acting for another department, or none, is refused', ({
    assert,
  }) => {
    assert.deepEqual(
      scopeProblems(facts({ commissioningDepartmentId: 7, ownerDepartmentId: 8 }), compulsory),
      [{ field: 'commissioningDepartmentId', rule: 'commissionedOwnerNotDepartment' }]
    )
    assert.deepEqual(
      scopeProblems(facts({ commissioningDepartmentId: 7, ownerDepartmentId: null }), compulsory),
      [{ field: 'commissioningDepartmentId', rule: 'commissionedOwnerNotDepartment' }]
    )
  })

  test('its fee paid by anyone but the department (the applicant) is flagged; paid by the department, or not commissioned, it is not', ({
    assert,
  }) => {
    const commissioned = { commissioningDepartmentId: 7 }
    assert.isTrue(notPaidByDepartment({ payerDepartmentId: null }, commissioned))
    assert.isTrue(notPaidByDepartment({ payerDepartmentId: 8 }, commissioned))
    assert.isFalse(notPaidByDepartment({ payerDepartmentId: 7 }, commissioned))
    assert.isFalse(notPaidByDepartment({ payerDepartmentId: undefined }, commissioned))
    assert.isFalse(
      notPaidByDepartment({ payerDepartmentId: null }, { commissioningDepartmentId: null })
    )
  })
})

test.group('Funding scope: emergency exemption (应急豁免)', () => {
  test('an exemption allows direct selection at any amount, with a published reason', ({
    assert,
  }) => {
    const exempt = facts({
      method: 'direct',
      exemption: 'natural_disaster',
      exemptionReason: '地震灾后应急抢险，需即时开展地质灾害危险性评估',
    })
    assert.deepEqual(scopeProblems(exempt, compulsory), [])
    assert.deepEqual(scopeProblems({ ...exempt, exemptionReason: ' ' }, compulsory), [
      { field: 'exemptionReason', rule: 'exemptionReasonRequired' },
    ])
  })

  test('an exemption is for direct selection only, and a reason needs an exemption', ({
    assert,
  }) => {
    assert.deepEqual(
      scopeProblems(
        facts({ exemption: 'state_secret', exemptionReason: '涉及国家秘密的工程' }),
        compulsory
      ),
      [{ field: 'method', rule: 'exemptionIsDirect' }]
    )
    assert.deepEqual(scopeProblems(facts({ exemptionReason: '紧急' }), compulsory), [
      { field: 'exemption', rule: 'reasonWithoutExemption' },
    ])
  })
})

test.group('Funding scope: the rule set chosen by region and funding source', () => {
  const from = new Date('2026-01-01T00:00:00Z')
  const sets: RuleSetCandidate[] = [
    { version: 1, regionCode: null, fundingSource: null, effectiveFrom: from },
    { version: 2, regionCode: null, fundingSource: 'social', effectiveFrom: from },
    { version: 3, regionCode: '510000', fundingSource: null, effectiveFrom: from },
    { version: 4, regionCode: '511400', fundingSource: null, effectiveFrom: from },
    {
      version: 5,
      regionCode: null,
      fundingSource: null,
      effectiveFrom: new Date('2026-06-01T00:00:00Z'),
    },
    {
      version: 6,
      regionCode: '511400',
      fundingSource: 'social',
      effectiveFrom: new Date('2027-01-01T00:00:00Z'),
    },
  ]
  const at = new Date('2026-07-01T00:00:00Z')
  const chosen = (regionCode: string, fundingSource: 'fiscal' | 'social' | 'mixed') =>
    chooseRuleSet(sets, { regionCode, fundingSource }, at)?.version

  test('a set for the funding source comes first, then the narrowest region, then the latest version', ({
    assert,
  }) => {
    // Social investment in Meishan: the national social set (Meishan's own social set is not yet in force).
    assert.equal(chosen('511400', 'social'), 2)
    // Fiscal money in Meishan: Meishan's set, narrower than Sichuan's.
    assert.equal(chosen('511400', 'fiscal'), 4)
    // Fiscal money elsewhere in Sichuan: Sichuan's.
    assert.equal(chosen('510100', 'fiscal'), 3)
    // Mixed money in Beijing: the latest general version in force.
    assert.equal(chosen('110000', 'mixed'), 5)
    assert.equal(
      chooseRuleSet(
        sets,
        { regionCode: '511400', fundingSource: 'social' },
        new Date('2027-01-02T00:00:00Z')
      )?.version,
      6
    )
    assert.isNull(chooseRuleSet([], { regionCode: '110000', fundingSource: 'fiscal' }, at))
  })
})
