import { test } from '@japa/runner'
import { ineligibilityReason, type EligibilityFacts } from '#domain/eligibility'

const eligible: EligibilityFacts = {
  agencyStatus: 'active',
  offersItem: true,
  requiredQualification: '测绘资质（工程测量）',
  qualifications: [
    { type: '测绘资质（工程测量）', validUntil: '2027-12-31', status: 'unverified' },
  ],
  deadlineDay: '2026-12-01',
  agencyBanned: false,
  bannedManagerNames: [],
  grade: 'B',
  minimumGrade: 'C',
  sharedPersonNames: [],
  affiliation: null,
  servingOfficial: false,
}

test.group('Eligibility for a selection', () => {
  test('an active agency offering the item with a valid qualification is eligible', ({
    assert,
  }) => {
    assert.isNull(ineligibilityReason(eligible))
    assert.isNull(
      ineligibilityReason({ ...eligible, requiredQualification: null, qualifications: [] })
    )
  })

  test('a withdrawn agency, or one not offering the item, is refused', ({ assert }) => {
    assert.deepEqual(ineligibilityReason({ ...eligible, agencyStatus: 'withdrawn' }), {
      code: 'not_active',
    })
    assert.deepEqual(ineligibilityReason({ ...eligible, offersItem: false }), {
      code: 'item_not_offered',
    })
  })

  test('the required qualification must be held, not found false, and valid at the deadline', ({
    assert,
  }) => {
    const missing = { code: 'qualification_missing', qualification: '测绘资质（工程测量）' }
    assert.deepEqual(ineligibilityReason({ ...eligible, qualifications: [] }), missing)
    assert.deepEqual(
      ineligibilityReason({
        ...eligible,
        qualifications: [
          { type: '测绘资质（工程测量）', validUntil: '2026-11-30', status: 'verified' },
        ],
      }),
      missing
    )
    assert.deepEqual(
      ineligibilityReason({
        ...eligible,
        qualifications: [
          { type: '测绘资质（工程测量）', validUntil: '2027-12-31', status: 'false' },
        ],
      }),
      missing
    )
    // Valid on the deadline day itself is enough.
    assert.isNull(
      ineligibilityReason({
        ...eligible,
        qualifications: [
          { type: '测绘资质（工程测量）', validUntil: '2026-12-01', status: 'verified' },
        ],
      })
    )
  })

  test('a listed requirement is met by the same type at the level required or higher; a lower level is refused with the level held', ({
    assert,
  }) => {
    // 测绘资质（乙级及以上）: 甲级 meets it, 乙级 meets it.
    const listed = {
      ...eligible,
      requiredQualification: '测绘资质（乙级及以上）',
      qualificationRequirement: { type: 'surveying', level: 'b' },
    }
    const holding = (levelCode: string | null, extra = {}) => ({
      type: '测绘资质',
      typeCode: 'surveying',
      levelCode,
      validUntil: '2027-12-31',
      status: 'verified' as const,
      ...extra,
    })
    assert.isNull(ineligibilityReason({ ...listed, qualifications: [holding('a')] }))
    assert.isNull(ineligibilityReason({ ...listed, qualifications: [holding('b')] }))
    // 甲级 required: an agency holding 乙级 is refused, and told what it holds.
    assert.deepEqual(
      ineligibilityReason({
        ...listed,
        requiredQualification: '测绘资质（甲级及以上）',
        qualificationRequirement: { type: 'surveying', level: 'a' },
        qualifications: [holding('b')],
      }),
      {
        code: 'qualification_level_too_low',
        qualification: '测绘资质（甲级及以上）',
        held: '测绘资质 乙级',
      }
    )
    // A 甲级 certificate that has expired, or found false, counts as none.
    assert.deepEqual(
      ineligibilityReason({
        ...listed,
        qualifications: [
          holding('a', { validUntil: '2026-11-30' }),
          holding('a', { status: 'false' }),
        ],
      }),
      { code: 'qualification_missing', qualification: '测绘资质（乙级及以上）' }
    )
    // Free text of the same words, not on the list, does not meet a listed requirement.
    assert.deepEqual(
      ineligibilityReason({
        ...listed,
        qualifications: [{ type: '测绘资质', validUntil: '2027-12-31', status: 'verified' }],
      }),
      { code: 'qualification_missing', qualification: '测绘资质（乙级及以上）' }
    )
  })

  test('a banned agency or a banned manager is refused, naming the person', ({ assert }) => {
    assert.deepEqual(ineligibilityReason({ ...eligible, agencyBanned: true }), {
      code: 'agency_banned',
    })
    assert.deepEqual(ineligibilityReason({ ...eligible, bannedManagerNames: ['王某'] }), {
      code: 'manager_banned',
      names: ['王某'],
    })
  })

  test('a grade below the minimum is refused; equal or better passes', ({ assert }) => {
    assert.deepEqual(ineligibilityReason({ ...eligible, grade: 'D', minimumGrade: 'C' }), {
      code: 'grade_too_low',
      grade: 'D',
      minimum: 'C',
    })
    assert.isNull(ineligibilityReason({ ...eligible, grade: 'C', minimumGrade: 'C' }))
    assert.isNull(ineligibilityReason({ ...eligible, grade: 'A', minimumGrade: 'B' }))
  })

  test('grade D never takes part, even without a minimum', ({ assert }) => {
    assert.deepEqual(ineligibilityReason({ ...eligible, grade: 'D', minimumGrade: null }), {
      code: 'grade_too_low',
      grade: 'D',
      minimum: 'C',
    })
    assert.deepEqual(ineligibilityReason({ ...eligible, grade: 'D', minimumGrade: 'D' }), {
      code: 'grade_too_low',
      grade: 'D',
      minimum: 'C',
    })
  })

  test('a person shared with the owner is a conflict of interest', ({ assert }) => {
    assert.deepEqual(ineligibilityReason({ ...eligible, sharedPersonNames: ['李四'] }), {
      code: 'conflict_of_interest',
      names: ['李四'],
    })
  })
})
