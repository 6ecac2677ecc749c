import { test } from '@japa/runner'
import {
  missingPlaceholders,
  renderContract,
  termsProblems,
  textSha256,
  unknownPlaceholders,
  SUPPLEMENTARY_HEADING,
  type ContractValues,
} from '#domain/contract_template'
import { GENERAL_TEMPLATE } from '#database/data/contract_templates'

const VALUES: ContractValues = {
  contractNumber: 'HT-XM-2026-000001-1',
  projectCode: 'XM-2026-000001',
  projectTitle: '滨江大道改造工程环境影响评价',
  serviceItem: '建设项目环境影响报告书（表）编制',
  ownerName: '眉山市东坡区城市建设投资有限公司',
  ownerUscc: '91511402MA62Q8L1XX',
  agencyName: '四川绿源环境科技有限公司',
  agencyUscc: '91511400MA6CX0N5XX',
  winningQuoteFen: 6_037_100,
  priceFen: 6_037_100,
  deliverables: '环境影响报告表一份',
  timeLimitWorkingDays: 20,
  acceptanceCriteria: '通过技术评审',
  disputeResolution: '向眉山仲裁委员会申请仲裁',
  milestones: [
    { title: '签约后预付', amountFen: 1_811_130, condition: '合同生效后 5 个工作日内' },
    { title: '验收后支付', amountFen: 4_225_970, condition: null },
  ],
  supplementaryTerms: null,
}

test.group('Model contract templates', () => {
  test('placeholders are replaced as plain text; nothing in a value or a template is evaluated', ({
    assert,
  }) => {
    const text = renderContract(
      '甲方：{{ownerName}}\n价款：{{price}}\n节点：\n{{milestones}}\n{{ constructor }}',
      { ...VALUES, ownerName: '{{agencyName}} ${process.exit()}' }
    )
    assert.include(text, '甲方：{{agencyName}} ${process.exit()}')
    assert.include(text, '价款：¥60,371.00')
    assert.include(
      text,
      '1. 签约后预付：¥18,111.30（合同生效后 5 个工作日内）\n2. 验收后支付：¥42,259.70'
    )
    // An unknown placeholder is left as written (and refused when the template is saved).
    assert.include(text, '{{ constructor }}')
    assert.deepEqual(unknownPlaceholders('{{ownerName}} {{ constructor }} {{price}}'), [
      'constructor',
    ])
  })

  test('the general template uses only declared fields and shows parties, price and milestones', ({
    assert,
  }) => {
    assert.deepEqual(unknownPlaceholders(GENERAL_TEMPLATE.body), [])
    assert.deepEqual(missingPlaceholders(GENERAL_TEMPLATE.body), [])
    assert.deepEqual(missingPlaceholders('甲方 {{ownerName}}'), [
      'ownerUscc',
      'agencyName',
      'agencyUscc',
      'price',
      'milestones',
    ])
  })

  test('supplementary terms are appended under a marked heading and change the signed hash', ({
    assert,
  }) => {
    const plain = renderContract(GENERAL_TEMPLATE.body, VALUES)
    const amended = renderContract(GENERAL_TEMPLATE.body, {
      ...VALUES,
      supplementaryTerms: '乙方须派驻现场人员一名。',
    })
    assert.notInclude(plain, SUPPLEMENTARY_HEADING)
    assert.include(amended, `${SUPPLEMENTARY_HEADING}\n乙方须派驻现场人员一名。`)
    assert.notEqual(textSha256(plain), textSha256(amended))
    assert.equal(textSha256(plain), textSha256(renderContract(GENERAL_TEMPLATE.body, VALUES)))
  })

  test('terms: the price never above the winning quote, milestones sum exactly to it, positive, time within the project', ({
    assert,
  }) => {
    const limits = { winningQuoteFen: 6_037_100, maxTimeLimitWorkingDays: 20 }
    assert.deepEqual(termsProblems(VALUES, limits), [])
    assert.deepEqual(
      termsProblems({ ...VALUES, priceFen: 6_037_101 }, limits).map((problem) => problem.rule),
      ['priceOverQuote', 'milestonesSum']
    )
    assert.deepEqual(
      termsProblems(
        {
          ...VALUES,
          milestones: [
            { title: 'a', amountFen: 6_037_101, condition: null },
            { title: 'b', amountFen: -1, condition: null },
          ],
        },
        limits
      ).map((problem) => problem.rule),
      ['milestoneAmount']
    )
    assert.deepEqual(
      termsProblems({ ...VALUES, timeLimitWorkingDays: 21 }, limits).map((problem) => problem.rule),
      ['timeLimitTooLong']
    )
  })
})
