import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type User from '#models/user'
import Organization from '#models/organization'
import ServiceItem from '#models/service_item'
import OutsideSelection from '#models/outside_selection'
import { mayRecordOutsideSelection, type FundingSource } from '#domain/funding_scope'
import { rulesForProject } from '#services/market_rules'
import { recordAuditEvent } from '#services/audit_log'
import { refuse } from '#actions/projects/project_rules'
import { clock } from '#services/clock'
import { DISPLAY_ZONE } from '#domain/time_zone'

export type OutsideSelectionInput = {
  title: string
  serviceItemCode: string
  region?: string
  fundingSource: FundingSource
  agencyName: string
  agencyUscc: string
  priceFen: number
  selectedOn: Date
  reason: string
}

/**
 * 自主选择: an owner records a selection made outside the market. Only where
 * the rule set chosen by the region and funding source (as for a project at
 * publication) leaves the market voluntary — social investment by default —
 * and for a selection already made (not a future day). The record names the
 * rule version that allowed it and is public like a result.
 */
export async function recordOutsideSelection(input: OutsideSelectionInput, owner: User) {
  const organization = await Organization.findOrFail(owner.organizationId)
  const regionCode = input.region ?? organization.regionCode
  const item = await ServiceItem.query().where('code', input.serviceItemCode).first()
  if (!item) refuse([{ field: 'serviceItemCode', rule: 'unknownItem' }])
  const now = clock.now()
  const { version, rules } = await rulesForProject(
    { regionCode, fundingSource: input.fundingSource },
    now
  )
  const problems = []
  if (!mayRecordOutsideSelection(rules)) {
    problems.push({ field: 'fundingSource', rule: 'outsideNotVoluntary' })
  }
  const selectedOn = DateTime.fromJSDate(input.selectedOn).toISODate()!
  const today = DateTime.fromJSDate(now).setZone(DISPLAY_ZONE).toISODate()!
  if (selectedOn > today) problems.push({ field: 'selectedOn', rule: 'selectedInFuture' })
  if (problems.length > 0) refuse(problems)

  return db.transaction(async (trx) => {
    const record = await OutsideSelection.create(
      {
        ownerOrganizationId: organization.id,
        serviceItemId: item.id,
        title: input.title,
        regionCode,
        fundingSource: input.fundingSource,
        rulesetVersion: version,
        agencyName: input.agencyName,
        agencyUscc: input.agencyUscc,
        priceFen: input.priceFen,
        selectedOn: DateTime.fromISO(selectedOn),
        reason: input.reason,
        createdByUserId: owner.id,
        createdAt: DateTime.fromJSDate(now),
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'outside_selection.recorded',
      subjectType: 'outside_selection',
      subjectId: record.id,
      payload: {
        title: record.title,
        serviceItemCode: item.code,
        fundingSource: record.fundingSource,
        rulesetVersion: version,
        agencyUscc: record.agencyUscc,
        priceFen: record.priceFen,
        selectedOn,
      },
    })
    return record
  })
}
