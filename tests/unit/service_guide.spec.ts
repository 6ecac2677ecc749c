import { test } from '@japa/runner'
import {
  coveringRegion,
  listLines,
  parseGuide,
  scopeDifferences,
  selfPreparationRefusal,
  serializeGuide,
  EMPTY_GUIDE,
} from '#domain/service_guide'

/** 建设项目环境影响报告表编制: the guide content of the demo item. */
const content = [
  '工程分析与污染源强核算',
  '环境现状调查与监测',
  '环境影响预测与评价',
  '环境保护措施及其可行性论证',
  '编制环境影响报告表',
]

test.group('Service guide', () => {
  test('a list typed in a text area loses its numbering, bullets and blank lines', ({ assert }) => {
    assert.deepEqual(listLines('1. 营业执照\n2、项目备案文件\n\n（三）总平面图；- 用地红线图'), [
      '营业执照',
      '项目备案文件',
      '总平面图',
      '用地红线图',
    ])
    assert.deepEqual(listLines(''), [])
  })

  test('an item published before guides reads as a mandatory item with an empty guide', ({
    assert,
  }) => {
    assert.deepEqual(parseGuide(null), EMPTY_GUIDE)
    const guide = { ...EMPTY_GUIDE, provision: 'may_self_prepare' as const, content }
    assert.deepEqual(parseGuide(serializeGuide(guide)), guide)
  })

  test('a regional assessment covers its own region and every region inside it', ({ assert }) => {
    // 成都市 (510100) covers 青羊区 (510105); 四川省 (510000) covers 眉山市东坡区 (511402).
    assert.equal(coveringRegion(['510100'], '510105'), '510100')
    assert.equal(coveringRegion(['510000'], '511402'), '510000')
    assert.equal(coveringRegion(['511402'], '511402'), '511402')
    // 绵阳市 (510700) does not cover 成都市 (510100), nor a district cover its city.
    assert.isNull(coveringRegion(['510700'], '510105'))
    assert.isNull(coveringRegion(['510105'], '510100'))
    assert.isNull(coveringRegion(['510100'], null))
    assert.isNull(coveringRegion([], '510105'))
  })

  test('self-preparation is refused for a mandatory item and for a retired one', ({ assert }) => {
    assert.isNull(selfPreparationRefusal({ status: 'active', provision: 'may_self_prepare' }))
    assert.equal(
      selfPreparationRefusal({ status: 'active', provision: 'mandatory' }),
      'item_mandatory'
    )
    assert.equal(
      selfPreparationRefusal({ status: 'retired', provision: 'may_self_prepare' }),
      'item_retired'
    )
  })

  test('deliverables matching the guide content show no difference', ({ assert }) => {
    const deliverables =
      '1. 工程分析与污染源强核算\n2. 环境现状调查与监测\n3. 环境影响预测与评价\n4. 环境保护措施及可行性论证\n5. 编制环境影响报告表（含附图附件）'
    assert.deepEqual(scopeDifferences(content, deliverables), { inflated: [], reduced: [] })
  })

  test('a deliverable outside the guide is scope inflation, guide content left out is reduced service', ({
    assert,
  }) => {
    // The contract adds a 社会稳定风险评估 (another item) and leaves out the monitoring.
    const deliverables =
      '工程分析与污染源强核算；环境影响预测与评价；环境保护措施及其可行性论证；编制环境影响报告表；社会稳定风险评估报告'
    assert.deepEqual(scopeDifferences(content, deliverables), {
      inflated: ['社会稳定风险评估报告'],
      reduced: ['环境现状调查与监测'],
    })
  })

  test('an item without guide content is compared with nothing', ({ assert }) => {
    assert.deepEqual(scopeDifferences([], '任何内容'), { inflated: [], reduced: [] })
  })
})
