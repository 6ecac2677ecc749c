import factory from '@adonisjs/lucid/factories'
import { completeUscc, USCC_ALPHABET } from '#domain/uscc'
import Organization from '#models/organization'
import User from '#models/user'
import AgencyProfile from '#models/agency_profile'
import { CREDIT_BASE_SCORE } from '#domain/credit'

let sequence = 0

/** A fresh, valid USCC for an enterprise in Chengdu. */
export function nextUscc(authorityAndCategory = '91', division = '510100') {
  sequence += 1
  let body = ''
  let rest = sequence + Math.floor(Math.random() * 1e9)
  for (let i = 0; i < 8; i++) {
    body = USCC_ALPHABET[rest % 31] + body
    rest = Math.floor(rest / 31)
  }
  return completeUscc(`${authorityAndCategory}${division}${body}`)
}

export const OrganizationFactory = factory
  .define(Organization, () => ({
    name: `测试机构${++sequence}有限公司`,
    uscc: nextUscc(),
    kind: 'owner' as const,
    regionCode: '510100',
    contactName: '测试联系人',
    phone: '13800000000',
    email: `org${sequence}@test.example.com`,
  }))
  .state('agency', (organization) => (organization.kind = 'agency'))
  .state('regulator', (organization) => (organization.kind = 'regulator'))
  .state('platform', (organization) => (organization.kind = 'platform'))
  .build()

export const TEST_PASSWORD = 'correct-horse-battery'

export const UserFactory = factory
  .define(User, () => ({
    email: `user${++sequence}@test.example.com`,
    password: TEST_PASSWORD,
    role: 'owner' as const,
    fullName: '测试用户',
    phone: '13800000000',
  }))
  .build()

/** A user of the given role inside a new organisation of the matching kind. */
export async function createUserWithRole(role: 'owner' | 'agency' | 'regulator' | 'admin') {
  const kind = role === 'admin' ? 'platform' : role
  const organization = await OrganizationFactory.merge({ kind }).create()
  if (kind === 'agency') {
    await AgencyProfile.create({
      organizationId: organization.id,
      status: 'active',
      creditScore: CREDIT_BASE_SCORE,
      itemCount: 0,
    })
  }
  return UserFactory.merge({ role, organizationId: organization.id }).create()
}
