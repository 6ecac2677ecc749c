import { test } from '@japa/runner'
import {
  holdsQualification,
  teamIneligibility,
  type TeamFacts,
  type TeamPerson,
} from '#domain/named_team'

const QUALIFICATION = '环境影响评价工程师'

const lead: TeamPerson = {
  name: '李明',
  role: 'lead',
  stillNamed: true,
  qualificationType: QUALIFICATION,
  qualificationValidUntil: '2027-06-30',
  banned: false,
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
      qualification: QUALIFICATION,
    })
    assert.deepEqual(teamIneligibility({ ...team, persons: [] }), {
      code: 'lead_missing',
      qualification: QUALIFICATION,
    })
    assert.isNull(teamIneligibility({ ...team, requiredQualification: null, persons: [] }))
    // Without a required qualification, anyone named may lead: no qualification is asked.
    assert.isNull(
      teamIneligibility({
        ...team,
        requiredQualification: null,
        persons: [{ ...lead, qualificationType: null, qualificationValidUntil: null }],
      })
    )
  })

  test('a qualification of another type, lapsed before the deadline day, or without an end is not held', ({
    assert,
  }) => {
    assert.isFalse(
      holdsQualification({ ...lead, qualificationType: '注册测绘师' }, QUALIFICATION, '2026-10-09')
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
      { code: 'practitioner_unqualified', names: ['王芳'], qualification: QUALIFICATION }
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
      'practitioner_conflicted'
    )
    // The lead check comes before everything: no lead, whatever the others.
    assert.equal(teamIneligibility({ ...team, persons: [everything] })?.code, 'lead_missing')
  })
})
