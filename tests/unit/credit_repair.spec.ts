import { test } from '@japa/runner'
import {
  DEFAULT_REPAIR_TERMS,
  SEVERITY_BOUNDS,
  isPubliclyShown,
  publicationWindow,
  repairRefusal,
  repairTermsProblems,
} from '#domain/credit_repair'
import { CREDIT_EVENT_TYPES, creditRulesProblems, withRepairTerms } from '#domain/credit'

const OCCURRED = new Date('2026-05-10T02:00:00Z')

test.group('Credit repair (信用修复管理办法, in force 2026-04-01)', () => {
  test('the classes bound publication as the measures say: minor ≤ 3 months, general 3–12, serious 12–36', ({
    assert,
  }) => {
    assert.deepEqual(SEVERITY_BOUNDS.minor, { minFloor: 0, maxCeiling: 3 })
    assert.deepEqual(SEVERITY_BOUNDS.general, { minFloor: 3, maxCeiling: 12 })
    assert.deepEqual(SEVERITY_BOUNDS.serious, { minFloor: 12, maxCeiling: 36 })
    // Every type has starting terms, each within its class's bounds.
    for (const type of CREDIT_EVENT_TYPES) assert.properties(DEFAULT_REPAIR_TERMS, [type])
    const starting = withRepairTerms(
      Object.fromEntries(
        CREDIT_EVENT_TYPES.map((type) => [
          type,
          { points: DEFAULT_REPAIR_TERMS[type].severity === 'none' ? 1 : -5, validityYears: 2 },
        ])
      ) as any
    )
    assert.deepEqual(creditRulesProblems(starting), [])
  })

  test('terms outside the class bounds, a minimum above the maximum, or a class on the wrong sign are refused', ({
    assert,
  }) => {
    const general = { points: -10, severity: 'general' as const }
    assert.deepEqual(
      repairTermsProblems('refused_to_sign', {
        ...general,
        minPublicationMonths: 2,
        maxPublicationMonths: 13,
      }).map((problem) => [problem.field, problem.rule]),
      [
        ['rules.refused_to_sign.minPublicationMonths', 'publicationOutOfBounds'],
        ['rules.refused_to_sign.maxPublicationMonths', 'publicationOutOfBounds'],
      ]
    )
    assert.deepEqual(
      repairTermsProblems('refused_to_sign', {
        ...general,
        minPublicationMonths: 9,
        maxPublicationMonths: 6,
      }).map((problem) => problem.rule),
      ['publicationMinAboveMax']
    )
    // A serious class cannot be published for less than a year, a minor one for more than 3 months.
    assert.lengthOf(
      repairTermsProblems('false_qualification', {
        points: -20,
        severity: 'serious',
        minPublicationMonths: 6,
        maxPublicationMonths: 36,
      }),
      1
    )
    assert.lengthOf(
      repairTermsProblems('overdue', {
        points: -5,
        severity: 'minor',
        minPublicationMonths: 0,
        maxPublicationMonths: 4,
      }),
      1
    )
    assert.deepEqual(
      repairTermsProblems('overdue', {
        points: -5,
        severity: 'none',
        minPublicationMonths: 0,
        maxPublicationMonths: 0,
      }).map((problem) => problem.rule),
      ['severityRequired']
    )
    assert.deepEqual(
      repairTermsProblems('evaluation_good', {
        points: 1,
        severity: 'minor',
        minPublicationMonths: 0,
        maxPublicationMonths: 0,
      }).map((problem) => problem.rule),
      ['severityForAdverseOnly']
    )
  })

  test('a general event of 10 May is repairable from 10 August and published until 10 May next year', ({
    assert,
  }) => {
    const window = publicationWindow(OCCURRED, {
      severity: 'general',
      minPublicationMonths: 3,
      maxPublicationMonths: 12,
    })
    assert.equal(window.repairableFrom?.toISOString(), '2026-08-10T02:00:00.000Z')
    assert.equal(window.publicationEndsAt?.toISOString(), '2027-05-10T02:00:00.000Z')
    // A positive event has no class: no repair, shown while it counts.
    assert.deepEqual(publicationWindow(OCCURRED, DEFAULT_REPAIR_TERMS.regulator_commendation), {
      repairableFrom: null,
      publicationEndsAt: null,
    })
  })

  test('publication ends by itself at the maximum, and at once when repaired or revoked (a pure function of time)', ({
    assert,
  }) => {
    const publicationEndsAt = new Date('2027-05-10T02:00:00Z')
    const event = { status: 'valid', publicationEndsAt }
    assert.isTrue(isPubliclyShown(event, new Date('2027-05-10T01:59:59Z')))
    assert.isFalse(isPubliclyShown(event, publicationEndsAt))
    assert.isFalse(isPubliclyShown({ ...event, status: 'repaired' }, OCCURRED))
    assert.isFalse(isPubliclyShown({ ...event, status: 'revoked' }, OCCURRED))
    // Minor information is in principle not published: its period ends the moment it is recorded.
    const minor = publicationWindow(OCCURRED, DEFAULT_REPAIR_TERMS.overdue)
    assert.isFalse(isPubliclyShown({ status: 'valid', ...minor }, OCCURRED))
    assert.isTrue(isPubliclyShown({ status: 'valid', publicationEndsAt: null }, OCCURRED))
  })

  test('repair is refused before the minimum period, naming the day it becomes possible, and for anything but valid adverse information', ({
    assert,
  }) => {
    const repairableFrom = new Date('2026-08-10T02:00:00Z')
    const event = { status: 'valid', points: -10, repairableFrom }
    assert.deepEqual(repairRefusal(event, new Date('2026-08-10T01:59:59Z')), {
      rule: 'tooEarly',
      from: repairableFrom,
    })
    assert.isNull(repairRefusal(event, repairableFrom))
    assert.deepEqual(repairRefusal({ ...event, status: 'repaired' }, repairableFrom), {
      rule: 'notRepairable',
    })
    assert.deepEqual(repairRefusal({ ...event, points: 5 }, repairableFrom), {
      rule: 'notRepairable',
    })
    // Minor information may be repaired as soon as the duty is fulfilled.
    assert.isNull(repairRefusal({ ...event, repairableFrom: OCCURRED }, OCCURRED))
  })
})
