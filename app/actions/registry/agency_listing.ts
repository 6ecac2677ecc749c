import db from '@adonisjs/lucid/services/db'
import type { SqlInteger } from '#services/sql_rows'
import { refuseInput } from '#exceptions/invalid_input_exception'
import { banStatusOf, isBanned } from '#queries/bans'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AgencyProfile from '#models/agency_profile'
import type Organization from '#models/organization'
import ServiceItem from '#models/service_item'
import StateConflictException from '#exceptions/state_conflict_exception'
import { replaceOfferedItems } from '#actions/registry/directory_index'
import { reindexAgency } from '#services/directory_index'
import { recordAuditEvent } from '#services/audit_log'
import type User from '#models/user'
import { CREDIT_BASE_SCORE } from '#domain/credit'
import { affiliationsOf } from '#domain/affiliations'
import { affiliationFactsOf, servingOfficialsNamedBy } from '#queries/integrity'
import Department from '#models/department'

export type AgencyProfileInput = {
  items?: string[]
  description?: string | null
  region: string
  commitments?: { time?: string | null; fee?: string | null; quality?: string | null }
}

/**
 * An agency describes itself and chooses its items. Zero threshold
 * (零门槛、零限制): there is no approval step and no condition of region,
 * size, capital or headcount — the agency is listed as soon as it offers an
 * item. Only active catalog items can be chosen.
 */
export async function updateAgencyProfile(
  organization: Organization,
  input: AgencyProfileInput,
  actor: User | null
) {
  const codes = input.items ?? []
  const items = codes.length
    ? await ServiceItem.query().whereIn('code', codes).where('status', 'active')
    : []
  const unknown = codes.filter((code) => !items.some((item) => item.code === code))
  if (unknown.length > 0) {
    refuseInput([
      {
        field: 'items',
        rule: 'items.unknown',
        identifier: 'validator.shared.messages.items.unknown',
        data: { codes: unknown.join(', ') },
      },
    ])
  }

  // A banned agency (itself or a named manager) keeps what it offers but adds nothing new.
  const offered: { service_item_id: SqlInteger }[] = await db
    .from('agency_service_items')
    .where('organization_id', organization.id)
    .select('service_item_id')
  const adding = items.some(
    (item) => !offered.some((row) => Number(row.service_item_id) === item.id)
  )
  if (adding && isBanned(await banStatusOf(organization.id))) {
    throw new StateConflictException({ identifier: 'messages.bans.bannedNoItems' })
  }

  await ensureNoIntegrityConflict(organization.id, items, adding)

  return db.transaction(async (trx) => {
    organization.useTransaction(trx)
    organization.regionCode = input.region
    await organization.save()

    const profile = await AgencyProfile.query({ client: trx })
      .where('organization_id', organization.id)
      .forUpdate()
      .first()
    const current = profile ?? new AgencyProfile().merge({ organizationId: organization.id })
    current.useTransaction(trx)
    current.merge({
      description: input.description ?? null,
      commitmentTime: input.commitments?.time ?? null,
      commitmentFee: input.commitments?.fee ?? null,
      commitmentQuality: input.commitments?.quality ?? null,
      itemCount: items.length,
    })
    if (!profile) current.merge({ status: 'active', creditScore: CREDIT_BASE_SCORE })
    if (items.length > 0 && !current.listedAt) current.listedAt = DateTime.utc()
    await current.save()

    await replaceOfferedItems(
      organization.id,
      items.map((item) => item.id),
      trx
    )
    await current.refresh()
    await recordAuditEvent(trx, {
      actor,
      action: 'agency.profile_updated',
      subjectType: 'organization',
      subjectId: organization.id,
      payload: {
        items: items.map((item) => item.code).sort(),
        region: input.region,
        listed: current.isListed,
      },
    })
    return current
  })
}

/** 自愿退出: the agency leaves the market; its history stays. */
export async function withdrawAgency(organization: Organization, actor: User | null) {
  return db.transaction(async (trx) => {
    const profile = await lockedProfile(organization, trx)
    if (profile.status !== 'active') {
      throw new StateConflictException({ identifier: 'messages.registry.alreadyWithdrawn' })
    }
    profile.merge({ status: 'withdrawn', withdrawnAt: DateTime.utc() })
    await profile.save()
    await reindexAgency(organization.id, trx)
    await recordAuditEvent(trx, {
      actor,
      action: 'agency.withdrawn',
      subjectType: 'organization',
      subjectId: organization.id,
    })
    return profile
  })
}

/** The agency comes back to the market, listed again at once. */
export async function returnAgency(organization: Organization, actor: User | null) {
  return db.transaction(async (trx) => {
    const profile = await lockedProfile(organization, trx)
    if (profile.status !== 'withdrawn') {
      throw new StateConflictException({ identifier: 'messages.registry.notWithdrawn' })
    }
    profile.merge({ status: 'active', withdrawnAt: null })
    await profile.save()
    await reindexAgency(organization.id, trx)
    await recordAuditEvent(trx, {
      actor,
      action: 'agency.returned',
      subjectType: 'organization',
      subjectId: organization.id,
    })
    return profile
  })
}

async function lockedProfile(organization: Organization, trx: TransactionClientContract) {
  const profile = await AgencyProfile.query({ client: trx })
    .where('organization_id', organization.id)
    .forUpdate()
    .first()
  if (profile) return profile
  return AgencyProfile.create(
    {
      organizationId: organization.id,
      status: 'active',
      creditScore: CREDIT_BASE_SCORE,
      itemCount: 0,
    },
    { client: trx }
  )
}

/**
 * 红顶中介 and 在职公职人员兼职, at listing: an item whose approval department
 * the agency is affiliated with is refused at the items field, quoting the
 * rule; an agency naming a serving official adds no item, and is told only
 * to contact the regulators (the list is never revealed).
 */
async function ensureNoIntegrityConflict(
  organizationId: number,
  items: ServiceItem[],
  adding: boolean
) {
  if (items.length === 0) return
  const facts = await affiliationFactsOf(organizationId)
  const affiliations = affiliationsOf(facts.uscc, facts.declaration, facts.register)
  const conflict = items
    .map((item) => ({
      item,
      affiliation: affiliations.find((found) => found.departmentId === item.departmentId),
    }))
    .find((candidate) => candidate.affiliation)
  if (conflict?.affiliation) {
    const department = await Department.findOrFail(conflict.affiliation.departmentId)
    refuseInput([
      {
        field: 'items',
        rule: 'items.affiliated',
        identifier: 'messages.eligibility.affiliated',
        data: {
          department: department.name,
          via: conflict.affiliation.via,
          name: conflict.affiliation.name,
          item: conflict.item.code,
        },
      },
    ])
  }
  const officials = adding ? await servingOfficialsNamedBy([organizationId]) : []
  if (officials.length > 0) {
    refuseInput([
      {
        field: 'items',
        rule: 'items.serving_official',
        identifier: 'messages.eligibility.serving_official',
      },
    ])
  }
}
