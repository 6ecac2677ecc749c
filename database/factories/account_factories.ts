import factory from '@adonisjs/lucid/factories'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { sqlTime } from '#services/sql_time'
import { completeUscc, USCC_ALPHABET } from '#domain/uscc'
import Organization from '#models/organization'
import User from '#models/user'
import AgencyProfile from '#models/agency_profile'
import { CREDIT_BASE_SCORE } from '#domain/credit'
import Department from '#models/department'
import { CATALOG_OFFICE_NAME } from '#database/data/departments'

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

const passwordHashes = new Map<string, Promise<string>>()

/**
 * One scrypt hash per password and run: hashing is slow on purpose (a third of
 * a second on a busy machine), and test users share their passwords.
 */
export function sharedPasswordHash(password: string) {
  if (!passwordHashes.has(password)) passwordHashes.set(password, hash.make(password))
  return passwordHashes.get(password)!
}

/**
 * Inserts users whose password is already hashed (the model would hash it
 * again on save) and answers them in the given order.
 */
export async function insertUsersWithHash(
  users: {
    organizationId: number
    email: string
    passwordHash: string
    role: string
    fullName: string
    phone: string | null
    /** A regulator's approval department. */
    departmentId?: number | null
  }[],
  client: QueryClientContract = db.connection()
) {
  const createdAt = sqlTime(DateTime.utc())
  await client.table('users').multiInsert(
    users.map((user) => ({
      organization_id: user.organizationId,
      email: user.email,
      password: user.passwordHash,
      role: user.role,
      full_name: user.fullName,
      phone: user.phone,
      department_id: user.departmentId ?? null,
      created_at: createdAt,
      updated_at: createdAt,
    }))
  )
  const created = await User.query({ client }).whereIn(
    'email',
    users.map((user) => user.email)
  )
  const byEmail = new Map(created.map((user) => [user.email, user]))
  return users.map((user) => byEmail.get(user.email)!)
}

/** A user of the given role inside a new organisation of the matching kind (password TEST_PASSWORD). */
export async function createUserWithRole(role: 'owner' | 'agency' | 'regulator' | 'admin') {
  const office = role === 'regulator' ? await catalogOfficeDepartment() : null
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
  const user = await UserFactory.merge({ role, organizationId: organization.id }).make()
  const [created] = await insertUsersWithHash([
    {
      organizationId: organization.id,
      email: user.email,
      passwordHash: await sharedPasswordHash(TEST_PASSWORD),
      role,
      fullName: user.fullName,
      phone: user.phone,
      departmentId: office?.id ?? null,
    },
  ])
  return created
}

/**
 * The platform's catalog office (市政务服务管理局), found or registered: the
 * department of a regulator made without one named.
 */
export function catalogOfficeDepartment(client: QueryClientContract = db.connection()) {
  return Department.firstOrCreate(
    { name: CATALOG_OFFICE_NAME },
    { name: CATALOG_OFFICE_NAME, regionCode: '511400', catalogOffice: true },
    { client }
  )
}

/** An approval department found or registered by name (region of the test market). */
export function departmentNamed(name: string, client: QueryClientContract = db.connection()) {
  return Department.firstOrCreate(
    { name },
    { name, regionCode: '511400', catalogOffice: false },
    { client }
  )
}

/** A regulator of the named approval department, e.g. 市生态环境局 (approves ZJ-001). */
export async function createRegulatorOf(departmentName: string) {
  const regulator = await createUserWithRole('regulator')
  const department = await departmentNamed(departmentName)
  await User.query().where('id', regulator.id).update({ department_id: department.id })
  regulator.departmentId = department.id
  return regulator
}
