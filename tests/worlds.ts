/*
 * The test market, built with factories: the catalog, the owner, the eight
 * agencies (what they offer, their qualifications and named persons), the
 * regulator and the platform admin of `tests/world_data.ts`. A spec asks only
 * for what it needs: `marketWorld({ items: ['ZJ-001'], agencies: [5, 6] })`.
 * Users log in with WORLD_PASSWORD.
 */
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Organization from '#models/organization'
import type ServiceItem from '#models/service_item'
import {
  OrganizationFactory,
  insertUsersWithHash,
  catalogOfficeDepartment,
  sharedPasswordHash,
} from '#database/factories/account_factories'
import { ServiceItemFactory } from '#database/factories/catalog_factories'
import { serviceItemColumns } from '#database/data/service_items'
import { levelOf, qualificationType } from '#domain/qualification_types'
import { personQualification } from '#domain/person_qualifications'
import {
  AgencyProfileFactory,
  PractitionerFactory,
  QualificationFactory,
  offerItems,
} from '#database/factories/registry_factories'
import { personIdHash } from '#services/person_identity'
import { organizationKindFor } from '#domain/roles'
import {
  WORLD_ACCOUNTS,
  WORLD_AGENCIES,
  WORLD_PASSWORD,
  WORLD_SERVICE_ITEMS,
  type WorldAccount,
} from '#tests/world_data'

export { WORLD_PASSWORD } from '#tests/world_data'

export type WorldOptions = {
  /** Catalog codes to publish (default: the whole catalog). */
  items?: string[]
  /** Agency numbers, 1–8 (agencyN@demo.example.com; default: all eight). */
  agencies?: number[]
  /** The owner, the regulator and the admin (default: all three). */
  staff?: ('owner' | 'regulator' | 'admin')[]
  /** Another database than the test's (a child process's market); default: the test's. */
  client?: QueryClientContract
}

const agencyNumber = (account: WorldAccount) =>
  Number(/^agency(\d+)@/.exec(account.email)?.[1] ?? 0)

/** Builds the test market (or the part of it a spec asks for) and answers its records. */
export async function marketWorld(options: WorldOptions = {}) {
  const client = options.client ?? db.connection()
  const seeds = options.items
    ? WORLD_SERVICE_ITEMS.filter((item) => options.items!.includes(item.code))
    : WORLD_SERVICE_ITEMS
  const items = seeds.length
    ? await ServiceItemFactory.client(client)
        .merge(
          seeds.map((seed) => ({
            ...serviceItemColumns(seed),
            feeMinFen: seed.feeType === 'market' ? null : seed.feeMinFen,
            feeMaxFen: seed.feeType === 'market' ? null : seed.feeMaxFen,
          }))
        )
        .createMany(seeds.length)
    : []

  const staff = options.staff ?? ['owner', 'regulator', 'admin']
  const accounts = WORLD_ACCOUNTS.filter((account) =>
    account.role === 'agency'
      ? !options.agencies || options.agencies.includes(agencyNumber(account))
      : staff.includes(account.role as 'owner' | 'regulator' | 'admin')
  )
  const organizations = await OrganizationFactory.client(client)
    .merge(
      accounts.map((account) => ({
        name: account.orgName,
        uscc: account.uscc,
        kind: organizationKindFor(account.role),
        regionCode: account.region,
        contactName: account.contactName,
        phone: account.phone,
        email: account.email,
      }))
    )
    .createMany(accounts.length)
  // One shared hash: scrypt is slow on purpose.
  const passwordHash = await sharedPasswordHash(WORLD_PASSWORD)
  // The world's regulator works at the catalog office (市政务服务管理局).
  const office = accounts.some((account) => account.role === 'regulator')
    ? await catalogOfficeDepartment(client)
    : null
  const users = await insertUsersWithHash(
    accounts.map((account, index) => ({
      organizationId: organizations[index].id,
      email: account.email,
      passwordHash,
      role: account.role,
      fullName: account.contactName,
      phone: account.phone,
      departmentId: account.role === 'regulator' ? office!.id : null,
    })),
    client
  )

  for (const [index, account] of accounts.entries()) {
    const agency = WORLD_AGENCIES.find((candidate) => candidate.email === account.email)
    if (account.role === 'agency' && agency) {
      await describeAgency(client, organizations[index], agency, items)
    }
  }
  return { items, organizations, users }
}

async function describeAgency(
  client: QueryClientContract,
  organization: Organization,
  agency: (typeof WORLD_AGENCIES)[number],
  items: ServiceItem[]
) {
  await AgencyProfileFactory.client(client)
    .merge({
      organizationId: organization.id,
      description: agency.description,
      commitmentTime: agency.commitments.time,
      commitmentFee: agency.commitments.fee,
      commitmentQuality: agency.commitments.quality,
    })
    .create()
  if (agency.qualifications.length > 0) {
    await QualificationFactory.client(client)
      .merge(
        agency.qualifications.map((qualification) => ({
          ...qualification,
          // Codes from the closed list; the list's names are the words shown.
          type: qualificationType(qualification.type)!.name,
          level: levelOf(qualification.type, qualification.level)?.name ?? null,
          typeCode: qualification.type,
          levelCode: qualification.level,
          organizationId: organization.id,
          validUntil: DateTime.fromISO(qualification.validUntil, { zone: 'utc' }),
        }))
      )
      .createMany(agency.qualifications.length)
  }
  if (agency.practitioners.length > 0) {
    await PractitionerFactory.client(client)
      .merge(
        agency.practitioners.map(({ idNumber, ...practitioner }) => ({
          ...practitioner,
          // Codes of the closed list of person qualifications; the list's name is the text kept.
          qualificationCode: practitioner.qualificationCode ?? null,
          qualificationLevel: practitioner.qualificationLevel ?? null,
          qualificationType: personQualification(practitioner.qualificationCode)?.name ?? null,
          qualificationValidUntil: practitioner.qualificationValidUntil
            ? DateTime.fromISO(practitioner.qualificationValidUntil, { zone: 'utc' })
            : null,
          organizationId: organization.id,
          idNumberHash: personIdHash(idNumber),
        }))
      )
      .createMany(agency.practitioners.length)
  }
  const offered = items.filter((item) => agency.items.includes(item.code))
  await offerItems(
    organization.id,
    offered.map((item) => item.id),
    client
  )
}
