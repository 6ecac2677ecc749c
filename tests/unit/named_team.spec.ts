import { test } from '@japa/runner'
import {
  holdsQualification,
  teamIneligibility,
  type TeamFacts,
  type TeamPerson,
} from '#domain/named_team'

const QUALIFICATION = { code: 'eia_engineer', level: null }
const QUALIFICATION_WORDS = '注册环境影响评价工程师'

const lead: TeamPerson = {
  name: '李明',
  role: 'lead',
  stillNamed: true,
  qualificationCode: 'eia_engineer',
  qualificationLevel: null,
  qualificationValidUntil: '2027-06-30',
  banned: false,
  servingOfficial: false,
  conflicted: false,
}
const member: TeamPerson = { ...lead, name: '王芳', role: 'member' }

const team: TeamFacts = {
  requiredQualification: QUALIFICATION,
  deadlineDay: '2026-10-09',
  persons: [lead, member],
}

test.group('A named lead and team (项目负责人)', () => {
  test('a qualified lead and team, valid on the deadline day, make the response eligible', ({
    assert,
  }) => {
    assert.isNull(teamIneligibility(team))
    // Valid through the deadline day itself is enough.
    assert.isNull(
      teamIneligibility({
        ...team,
        persons: [{ ...lead, qualificationValidUntil: '2026-10-09' }],
      })
    )
  })

  test('an item requiring a qualification needs a lead; an item requiring none needs nobody', ({
    assert,
  }) => {
    assert.deepEqual(teamIneligibility({ ...team, persons: [member] }), {
      code: 'lead_missing',
      qualification: QUALIFICATION_WORDS,
    })
    assert.deepEqual(teamIneligibility({ ...team, persons: [] }), {
      code: 'lead_missing',
      qualification: QUALIFICATION_WORDS,
    })
    assert.isNull(teamIneligibility({ ...team, requiredQualification: null, persons: [] }))
    // Without a required qualification, anyone named may lead: no qualification is asked.
    assert.isNull(
      teamIneligibility({
        ...team,
        requiredQualification: null,
        persons: [{ ...lead, qualificationCode: null, qualificationValidUntil: null }],
      })
    )
  })

  test('a qualification of another type, lapsed before the deadline day, or without an end is not held', ({
    assert,
  }) => {
    assert.isFalse(
      holdsQualification({ ...lead, qualificationCode: 'surveyor' }, QUALIFICATION, '2026-10-09')
    )
    assert.isFalse(
      holdsQualification(
        { ...lead, qualificationValidUntil: '2026-10-08' },
        QUALIFICATION,
        '2026-10-09'
      )
    )
    assert.isFalse(
      holdsQualification({ ...lead, qualificationValidUntil: null }, QUALIFICATION, '2026-10-09')
    )
    assert.deepEqual(
      teamIneligibility({
        ...team,
        persons: [lead, { ...member, qualificationValidUntil: '2026-10-08' }],
      }),
      { code: 'practitioner_unqualified', names: ['王芳'], qualification: QUALIFICATION_WORDS }
    )
  })

  test('a banned person — whichever agency the ban was under — makes the response ineligible, named', ({
    assert,
  }) => {
    assert.deepEqual(teamIneligibility({ ...team, persons: [lead, { ...member, banned: true }] }), {
      code: 'practitioner_banned',
      names: ['王芳'],
    })
    // Even on an item requiring no qualification.
    assert.deepEqual(
      teamIneligibility({
        ...team,
        requiredQualification: null,
        persons: [{ ...lead, banned: true }],
      }),
      { code: 'practitioner_banned', names: ['李明'] }
    )
  })

  test('a level meets a requirement at that level or below: 一级 meets 二级, 二级 does not meet 一级', ({
    assert,
  }) => {
    const cost = { code: 'cost_engineer', level: 'class_2' }
    const classOne = { ...lead, qualificationCode: 'cost_engineer', qualificationLevel: 'class_1' }
    const classTwo = {
      ...member,
      qualificationCode: 'cost_engineer',
      qualificationLevel: 'class_2',
    }
    assert.isNull(
      teamIneligibility({ ...team, requiredQualification: cost, persons: [classOne, classTwo] })
    )
    assert.deepEqual(
      teamIneligibility({
        ...team,
        requiredQualification: { code: 'cost_engineer', level: 'class_1' },
        persons: [classOne, classTwo],
      }),
      {
        code: 'practitioner_unqualified',
        names: ['王芳'],
        qualification: '注册造价工程师（一级及以上）',
      }
    )
  })

  test('a consortium member’s person is judged against the member’s own sub-item', ({ assert }) => {
    const surveyor: TeamPerson = {
      ...member,
      name: '张伟',
      qualificationCode: 'surveyor',
      requiredQualification: { code: 'surveyor', level: null },
    }
    assert.isNull(teamIneligibility({ ...team, persons: [lead, surveyor] }))
    // A sub-item requiring nothing asks nothing of its persons.
    assert.isNull(
      teamIneligibility({
        ...team,
        persons: [lead, { ...surveyor, qualificationCode: null, requiredQualification: null }],
      })
    )
    assert.deepEqual(
      teamIneligibility({ ...team, persons: [lead, { ...surveyor, qualificationCode: 'cpa' }] }),
      { code: 'practitioner_unqualified', names: ['张伟'], qualification: '注册测绘师' }
    )
    // Bans apply to a member's person as to anyone.
    assert.deepEqual(
      teamIneligibility({ ...team, persons: [lead, { ...surveyor, banned: true }] }),
      { code: 'practitioner_banned', names: ['张伟'] }
    )
  })

  test('a serving official named in the response makes it ineligible without naming the person', ({
    assert,
  }) => {
    assert.deepEqual(
      teamIneligibility({ ...team, persons: [lead, { ...member, servingOfficial: true }] }),
      { code: 'serving_official' }
    )
    // Even on an item requiring no qualification, and before a conflict.
    assert.deepEqual(
      teamIneligibility({
        ...team,
        requiredQualification: null,
        persons: [{ ...lead, servingOfficial: true, conflicted: true }],
      }),
      { code: 'serving_official' }
    )
  })

  test('a person the owner also names must stand aside (回避)', ({ assert }) => {
    assert.deepEqual(
      teamIneligibility({ ...team, persons: [{ ...lead, conflicted: true }, member] }),
      { code: 'practitioner_conflicted', names: ['李明'] }
    )
  })

  test('a person the agency no longer names fails first, then bans, conflicts and qualifications, in that order', ({
    assert,
  }) => {
    const everything: TeamPerson = {
      ...member,
      stillNamed: false,
      banned: true,
      servingOfficial: true,
      conflicted: true,
      qualificationValidUntil: '2020-01-01',
    }
    assert.equal(
      teamIneligibility({ ...team, persons: [lead, everything] })?.code,
      'practitioner_not_named'
    )
    assert.equal(
      teamIneligibility({ ...team, persons: [lead, { ...everything, stillNamed: true }] })?.code,
      'practitioner_banned'
    )
    assert.equal(
      teamIneligibility({
        ...team,
        persons: [lead, { ...everything, stillNamed: true, banned: false }],
      })?.code,
      'serving_official'
    )
    assert.equal(
      teamIneligibility({
        ...team,
        persons: [lead, { ...everything, stillNamed: true, banned: false, servingOfficial: false }],
      })?.code,
      'practitioner_conflicted'
    )
    // The lead check comes before everything: no lead, whatever the others.
    assert.equal(teamIneligibility({ ...team, persons: [everything] })?.code, 'lead_missing')
  })
})
