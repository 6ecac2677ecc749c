import { test } from '@japa/runner'
import {
  PERSON_QUALIFICATION_CODES,
  legacyPersonQualification,
  personQualificationLabel,
  personSatisfies,
} from '#domain/person_qualifications'
import { QUALIFICATION_TYPE_CODES } from '#domain/qualification_types'

test.group('Person qualifications (执业资格), a closed list', () => {
  test('each code is unique, and none is taken for an agency-level qualification', ({ assert }) => {
    assert.equal(new Set(PERSON_QUALIFICATION_CODES).size, PERSON_QUALIFICATION_CODES.length)
    assert.includeMembers(PERSON_QUALIFICATION_CODES, [
      'eia_engineer',
      'safety_assessor',
      'surveyor',
      'cost_engineer',
      'architect',
      'structural_engineer',
      'geotechnical_engineer',
      'urban_planner',
      'consulting_engineer',
      'asset_appraiser',
      'real_estate_appraiser',
      'land_appraiser',
      'cpa',
      'fire_engineer',
      'supervision_engineer',
      'nuclear_safety_engineer',
      'lawyer',
    ])
    for (const code of PERSON_QUALIFICATION_CODES) {
      assert.notInclude(QUALIFICATION_TYPE_CODES, code)
    }
  })

  test('a holding meets a requirement of the same qualification at its level or a lower one', ({
    assert,
  }) => {
    const classOne = { code: 'cost_engineer', level: 'class_1' }
    const classTwo = { code: 'cost_engineer', level: 'class_2' }
    assert.isTrue(personSatisfies(classOne, classTwo))
    assert.isTrue(personSatisfies(classTwo, classTwo))
    assert.isFalse(personSatisfies(classTwo, classOne))
    // No level required: any level of it will do; a holding without a level meets no level.
    assert.isTrue(personSatisfies(classTwo, { code: 'cost_engineer', level: null }))
    assert.isFalse(personSatisfies({ code: 'cost_engineer', level: null }, classTwo))
    // Another qualification, or none, meets nothing.
    assert.isFalse(personSatisfies({ code: 'architect', level: 'class_1' }, classTwo))
    assert.isFalse(personSatisfies({ code: null, level: null }, classTwo))
    // A qualification without levels is met by any holding of it.
    assert.isTrue(
      personSatisfies({ code: 'eia_engineer', level: null }, { code: 'eia_engineer', level: null })
    )
    // A requirement outside the list is met by nobody.
    assert.isFalse(
      personSatisfies({ code: 'wizard', level: null }, { code: 'wizard', level: null })
    )
  })

  test('labels read in Chinese and English, as a holding or as a requirement', ({ assert }) => {
    const classTwo = { code: 'cost_engineer', level: 'class_2' }
    assert.equal(personQualificationLabel(classTwo), '注册造价工程师（二级）')
    assert.equal(personQualificationLabel(classTwo, 'zh-CN', true), '注册造价工程师（二级及以上）')
    assert.equal(
      personQualificationLabel(classTwo, 'en', true),
      'Registered cost engineer (Class 2 or higher)'
    )
    assert.equal(
      personQualificationLabel({ code: 'cpa', level: null }, 'en'),
      'Certified public accountant'
    )
    assert.equal(personQualificationLabel({ code: 'unknown', level: null }), '')
    assert.equal(personQualificationLabel(null), '')
  })

  test('free text from before the list is mapped by name or alias, the longest match winning, with its level', ({
    assert,
  }) => {
    assert.deepEqual(legacyPersonQualification('环境影响评价工程师'), {
      code: 'eia_engineer',
      level: null,
    })
    assert.deepEqual(legacyPersonQualification('一级注册造价工程师'), {
      code: 'cost_engineer',
      level: 'class_1',
    })
    assert.deepEqual(legacyPersonQualification('二级造价工程师'), {
      code: 'cost_engineer',
      level: 'class_2',
    })
    assert.deepEqual(legacyPersonQualification('注册土木工程师(岩土)'), {
      code: 'geotechnical_engineer',
      level: null,
    })
    assert.deepEqual(legacyPersonQualification('咨询工程师（投资）'), {
      code: 'consulting_engineer',
      level: null,
    })
    assert.deepEqual(legacyPersonQualification('律师'), { code: 'lawyer', level: null })
    // Text the list does not know stays as it was; agency-level words are not person qualifications.
    assert.isNull(legacyPersonQualification('高级工程师'))
    assert.isNull(legacyPersonQualification('测绘资质'))
    assert.isNull(legacyPersonQualification(''))
    assert.isNull(legacyPersonQualification(null))
  })
})
