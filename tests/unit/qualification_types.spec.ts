import { test } from '@japa/runner'
import {
  QUALIFICATION_TYPES,
  holdingLabel,
  legacyQualification,
  levelOf,
  requirementLabel,
  satisfies,
} from '#domain/qualification_types'

test.group('Qualification types and levels', () => {
  test('every type on the list has a unique code and levels in order, highest first', ({
    assert,
  }) => {
    const codes = QUALIFICATION_TYPES.map((type) => type.code)
    assert.equal(new Set(codes).size, codes.length)
    assert.deepEqual(
      QUALIFICATION_TYPES.find((type) => type.code === 'surveying')!.levels.map((l) => l.name),
      ['甲级', '乙级']
    )
    assert.equal(levelOf('real_estate_appraisal', 'class_2')!.name, '二级')
    assert.isNull(levelOf('archaeology', 'a'))
  })

  test('a higher level satisfies a lower requirement, a lower level does not', ({ assert }) => {
    // 测绘资质 乙级及以上: 甲级 and 乙级 meet it.
    const required = { type: 'surveying', level: 'b' }
    assert.isTrue(satisfies({ type: 'surveying', level: 'a' }, required))
    assert.isTrue(satisfies({ type: 'surveying', level: 'b' }, required))
    // 甲级 required: 乙级 is refused.
    assert.isFalse(satisfies({ type: 'surveying', level: 'b' }, { type: 'surveying', level: 'a' }))
    // 工程勘察 综合 is above 甲级.
    assert.isTrue(
      satisfies(
        { type: 'geotechnical_investigation', level: 'comprehensive' },
        { type: 'geotechnical_investigation', level: 'a' }
      )
    )
  })

  test('another type, or a holding with no level against a level requirement, does not satisfy', ({
    assert,
  }) => {
    assert.isFalse(
      satisfies({ type: 'safety_evaluation', level: 'a' }, { type: 'surveying', level: 'b' })
    )
    assert.isFalse(satisfies({ type: 'surveying', level: null }, { type: 'surveying', level: 'b' }))
    assert.isFalse(satisfies({ type: null, level: null }, { type: 'surveying', level: null }))
  })

  test('no level required: any holding of the type satisfies; a type without levels is met by any holding', ({
    assert,
  }) => {
    assert.isTrue(satisfies({ type: 'surveying', level: 'b' }, { type: 'surveying', level: null }))
    assert.isTrue(satisfies({ type: 'surveying', level: null }, { type: 'surveying', level: null }))
    assert.isTrue(
      satisfies({ type: 'archaeology', level: null }, { type: 'archaeology', level: null })
    )
  })

  test('requirements and holdings are named in both languages', ({ assert }) => {
    assert.equal(requirementLabel({ type: 'surveying', level: 'b' }), '测绘资质（乙级及以上）')
    assert.equal(
      requirementLabel({ type: 'surveying', level: 'b' }, 'en'),
      'Surveying and mapping (Grade B or higher)'
    )
    assert.equal(requirementLabel({ type: 'archaeology', level: null }), '考古发掘资质')
    assert.equal(
      holdingLabel({ type: 'real_estate_appraisal', level: 'class_1' }),
      '房地产估价机构备案 一级'
    )
  })

  test('free text from before the list is mapped onto it by name and level words', ({ assert }) => {
    assert.deepEqual(legacyQualification('测绘资质（工程测量）', '甲级'), {
      type: 'surveying',
      level: 'a',
    })
    assert.deepEqual(legacyQualification('地质灾害防治单位资质（评估类）', '乙级'), {
      type: 'geohazard_assessment',
      level: 'b',
    })
    assert.deepEqual(legacyQualification('房地产估价机构备案', '二级'), {
      type: 'real_estate_appraisal',
      level: 'class_2',
    })
    assert.deepEqual(legacyQualification('安全评价机构资质', null), {
      type: 'safety_evaluation',
      level: null,
    })
    // The level may be written into the type text.
    assert.deepEqual(legacyQualification('雷电防护装置检测资质乙级'), {
      type: 'lightning_protection',
      level: 'b',
    })
  })

  test('free text the list does not know stays unmapped', ({ assert }) => {
    assert.isNull(legacyQualification('环境影响评价资质'))
    assert.isNull(legacyQualification(''))
    assert.isNull(legacyQualification(null))
  })
})
