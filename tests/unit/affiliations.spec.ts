import { test } from '@japa/runner'
import {
  affiliationWith,
  affiliationsOf,
  declarationProblem,
  publicDeclaration,
  shareText,
  type Declaration,
  type RegisterEntry,
} from '#domain/affiliations'
import { ineligibilityReason, type EligibilityFacts } from '#domain/eligibility'

/** The environment bureau (id 7) and the water bureau (id 9). */
const ENVIRONMENT = 7
const WATER = 9
const AGENCY = '91511400MA62XK0L3F'
const INSTITUTE = '12511400MB1E55010A'
const COMPANY = '91511400MA6E770200'

const register: RegisterEntry[] = [
  {
    departmentId: ENVIRONMENT,
    uscc: INSTITUTE,
    name: '眉山市环境科学研究所',
    relation: 'sponsors',
  },
  { departmentId: ENVIRONMENT, uscc: COMPANY, name: '眉山环投发展有限公司', relation: 'owns' },
]

const enterprise: Declaration = { nature: 'enterprise', sponsor: null, shareholders: [] }

test.group('红顶中介: who is affiliated with which department', () => {
  test('through a shareholder: a 30 % holding of a company the bureau owns ties the agency to the bureau', ({
    assert,
  }) => {
    const declaration: Declaration = {
      ...enterprise,
      shareholders: [{ name: '眉山环投发展有限公司', uscc: COMPANY, idHash: null, shareBp: 3000 }],
    }
    assert.deepEqual(affiliationWith(ENVIRONMENT, AGENCY, declaration, register), {
      departmentId: ENVIRONMENT,
      via: 'shareholder',
      name: '眉山环投发展有限公司',
      uscc: COMPANY,
    })
  })

  test('through a sponsor: an institution run by the bureau’s institute is tied to the bureau', ({
    assert,
  }) => {
    const declaration: Declaration = {
      nature: 'institution',
      sponsor: { name: '眉山市环境科学研究所', uscc: INSTITUTE },
      shareholders: [],
    }
    assert.equal(affiliationWith(ENVIRONMENT, AGENCY, declaration, register)?.via, 'sponsor')
  })

  test('the agency itself in the register is tied, even with no declaration', ({ assert }) => {
    const own: RegisterEntry[] = [
      { departmentId: ENVIRONMENT, uscc: AGENCY, name: '眉山市环境监测中心', relation: 'sponsors' },
    ]
    assert.equal(affiliationWith(ENVIRONMENT, AGENCY, null, own)?.via, 'self')
  })

  test('a renamed department still matches: the register names it by id, never by name', ({
    assert,
  }) => {
    // The bureau becomes 市生态环境保护局: its id (7) and its register are unchanged.
    const declaration: Declaration = {
      ...enterprise,
      shareholders: [{ name: '眉山环投发展有限公司', uscc: COMPANY, idHash: null, shareBp: 600 }],
    }
    const renamedRegister = register.map((entry) => ({ ...entry }))
    assert.isNotNull(affiliationWith(ENVIRONMENT, AGENCY, declaration, renamedRegister))
  })

  test('no affiliation with another department: the water bureau’s items stay open', ({
    assert,
  }) => {
    const declaration: Declaration = {
      nature: 'institution',
      sponsor: { name: '眉山市环境科学研究所', uscc: INSTITUTE },
      shareholders: [],
    }
    assert.isNull(affiliationWith(WATER, AGENCY, declaration, register))
    assert.deepEqual(
      affiliationsOf(AGENCY, declaration, register).map((found) => found.departmentId),
      [ENVIRONMENT]
    )
    assert.isNull(affiliationWith(ENVIRONMENT, AGENCY, enterprise, register))
  })

  test('an affiliated agency is ineligible for the item, before anything else but leaving the market', ({
    assert,
  }) => {
    const facts: EligibilityFacts = {
      agencyStatus: 'active',
      offersItem: false,
      requiredQualification: null,
      qualifications: [],
      deadlineDay: '2026-12-01',
      agencyBanned: false,
      bannedManagerNames: [],
      grade: 'B',
      minimumGrade: null,
      sharedPersonNames: [],
      affiliation: { department: '市生态环境局', via: 'sponsor', name: '眉山市环境科学研究所' },
      servingOfficial: true,
    }
    assert.deepEqual(ineligibilityReason(facts), {
      code: 'affiliated',
      department: '市生态环境局',
      via: 'sponsor',
      name: '眉山市环境科学研究所',
    })
    assert.deepEqual(ineligibilityReason({ ...facts, affiliation: null }), {
      code: 'serving_official',
    })
    assert.deepEqual(ineligibilityReason({ ...facts, agencyStatus: 'withdrawn' }), {
      code: 'not_active',
    })
  })
})

test.group('红顶中介: what a declaration must hold', () => {
  test('an institution or social organisation names its sponsor; an enterprise need not', ({
    assert,
  }) => {
    assert.deepEqual(declarationProblem({ ...enterprise, nature: 'institution' }), {
      code: 'sponsor_required',
    })
    assert.deepEqual(declarationProblem({ ...enterprise, nature: 'social_organization' }), {
      code: 'sponsor_required',
    })
    assert.isNull(declarationProblem(enterprise))
  })

  test('shareholders: 5 % or more, an organisation or a person (never both), each once, 100 % at most', ({
    assert,
  }) => {
    const holder = { name: '甲公司', uscc: COMPANY, idHash: null, shareBp: 500 }
    assert.isNull(declarationProblem({ ...enterprise, shareholders: [holder] }))
    assert.deepEqual(
      declarationProblem({ ...enterprise, shareholders: [{ ...holder, shareBp: 499 }] }),
      { code: 'share_below_threshold', name: '甲公司' }
    )
    assert.deepEqual(
      declarationProblem({ ...enterprise, shareholders: [{ ...holder, idHash: 'ab'.repeat(32) }] }),
      { code: 'shareholder_identity', name: '甲公司' }
    )
    assert.deepEqual(declarationProblem({ ...enterprise, shareholders: [holder, holder] }), {
      code: 'duplicate_shareholder',
      name: '甲公司',
    })
    assert.deepEqual(
      declarationProblem({
        ...enterprise,
        shareholders: [
          { ...holder, shareBp: 6000 },
          { name: '乙', uscc: null, idHash: 'cd'.repeat(32), shareBp: 5000 },
        ],
      }),
      { code: 'share_total_exceeded' }
    )
  })

  test('the public sees a person as a person, never the hash; shares as percentages', ({
    assert,
  }) => {
    const shown = publicDeclaration({
      ...enterprise,
      shareholders: [{ name: '周涛', uscc: null, idHash: 'ef'.repeat(32), shareBp: 1250 }],
    })
    assert.deepEqual(shown.shareholders, [
      { name: '周涛', uscc: null, person: true, shareBp: 1250 },
    ])
    assert.notInclude(JSON.stringify(shown), 'efef')
    assert.equal(shareText(1250), '12.5%')
    assert.equal(shareText(500), '5%')
  })
})
