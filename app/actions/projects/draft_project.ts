import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type User from '#models/user'
import Organization from '#models/organization'
import ServiceItem from '#models/service_item'
import Project, { type SelectionMethod } from '#models/project'
import type { CreditGrade } from '#domain/credit'
import { findBarriers } from '#domain/barriers'
import { scoredWeightProblems } from '#domain/rules'
import { rulesForProject } from '#services/market_rules'
import { standingProblems, type Exemption, type FundingSource } from '#domain/funding_scope'
import Department from '#models/department'
import { recordAuditEvent } from '#services/audit_log'
import { refuse, type FieldProblem } from '#actions/projects/project_rules'
import { clock } from '#services/clock'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { lockForTransition } from '#actions/projects/project_lifecycle'

export type ProjectDraftInput = {
  title: string
  serviceItemCode: string
  description: string
  deliverables?: string
  location?: string
  region?: string
  investmentProjectCode?: string
  fundingSource: FundingSource
  commissioningDepartmentId?: number
  exemption?: Exemption
  exemptionReason?: string
  ceilingPriceFen: number
  floorPriceFen?: number
  method: SelectionMethod
  deadline: Date
  minCreditGrade?: CreditGrade
  weights?: { price: number; credit: number; performance: number; plan?: number }
  directAgencyId?: number
  timeLimitWorkingDays?: number
  longlistSize?: number
  shortlistSize?: number
  contactName?: string
  contactPhone?: string
}

/**
 * What the platform refuses in a draft, with the reason at each field: an
 * unknown item, barriers in the texts, a time limit beyond the item's, a
 * floor not below the ceiling, naming an agency outside direct selection,
 * a commissioned service not owned by its department or not competitive, an
 * exemption without its reason (app/domain/funding_scope.ts). What depends
 * on the rule set (allowed methods, the direct-selection threshold) is
 * checked at publication, under the set chosen then.
 * Returns the item and the time limit the draft takes.
 */
async function checkDraft(input: ProjectDraftInput, owner: User, regionCode: string) {
  const item = await ServiceItem.query()
    .where('code', input.serviceItemCode)
    .where('status', 'active')
    .first()
  if (!item) refuse([{ field: 'serviceItemCode', rule: 'unknownItem' }])

  const problems: FieldProblem[] = []
  const timeLimit = input.timeLimitWorkingDays ?? item.timeLimitWorkingDays
  if (timeLimit > item.timeLimitWorkingDays) {
    problems.push({
      field: 'timeLimitWorkingDays',
      rule: 'timeLimitTooLong',
      data: { max: item.timeLimitWorkingDays },
    })
  }
  if (input.floorPriceFen !== undefined && input.floorPriceFen >= input.ceilingPriceFen) {
    problems.push({ field: 'floorPriceFen', rule: 'floorNotBelowCeiling' })
  }
  if (input.method === 'direct' && !input.directAgencyId) {
    problems.push({ field: 'directAgencyId', rule: 'directAgencyRequired' })
  }
  if (input.method !== 'direct' && input.directAgencyId) {
    problems.push({ field: 'directAgencyId', rule: 'namingOutsideDirect' })
  } else if (input.directAgencyId && !(await isAgency(input.directAgencyId))) {
    // Whether it offers the item is checked at publication; here only that it exists.
    problems.push({ field: 'directAgencyId', rule: 'directAgencyUnknown' })
  }
  // Checked again at publication, against the rule set chosen then.
  const { rules } = await rulesForProject({ regionCode, fundingSource: input.fundingSource })
  if (input.method === 'scored') {
    problems.push(...scoredWeightProblems(input.weights, rules.scoredWeightBounds))
  }
  if (
    input.commissioningDepartmentId !== undefined &&
    !(await Department.find(input.commissioningDepartmentId))
  ) {
    problems.push({ field: 'commissioningDepartmentId', rule: 'departmentUnknown' })
  } else {
    problems.push(...standingProblems(scopeFactsOf(input, owner)))
  }
  const barriers = findBarriers([input.title, input.description, input.deliverables ?? ''], {
    method: input.method,
    itemRequiresQualification: Boolean(item.requiredQualification),
  })
  for (const barrier of barriers) {
    problems.push({
      field: 'description',
      rule: `barrier.${barrier.kind}`,
      data: { excerpt: barrier.excerpt },
    })
  }
  if (problems.length > 0) refuse(problems)

  return { item, timeLimit }
}

/** The facts the rule set's scope rules read from a draft. */
export function scopeFactsOf(
  input: Pick<
    ProjectDraftInput,
    'method' | 'ceilingPriceFen' | 'commissioningDepartmentId' | 'exemption' | 'exemptionReason'
  >,
  owner: Pick<User, 'departmentId'>
) {
  return {
    method: input.method,
    ceilingPriceFen: input.ceilingPriceFen,
    commissioningDepartmentId: input.commissioningDepartmentId ?? null,
    ownerDepartmentId: owner.departmentId ?? null,
    exemption: input.exemption ?? null,
    exemptionReason: input.exemptionReason ?? null,
  }
}

async function isAgency(organizationId: number) {
  const agency = await Organization.query()
    .where('id', organizationId)
    .where('kind', 'agency')
    .select('id')
    .first()
  return agency !== null
}

/** The columns a draft takes from the owner's input (region and contact have defaults of their own). */
function draftColumns(input: ProjectDraftInput, item: ServiceItem, timeLimit: number) {
  return {
    serviceItemId: item.id,
    serviceItemVersion: item.version,
    title: input.title,
    description: input.description,
    deliverables: input.deliverables ?? '',
    location: input.location ?? '',
    investmentProjectCode: input.investmentProjectCode ?? null,
    fundingSource: input.fundingSource,
    commissioningDepartmentId: input.commissioningDepartmentId ?? null,
    exemption: input.exemption ?? null,
    exemptionReason: input.exemption ? (input.exemptionReason ?? null) : null,
    ceilingPriceFen: input.ceilingPriceFen,
    floorPriceFen: input.floorPriceFen ?? null,
    method: input.method,
    responseDeadline: DateTime.fromJSDate(input.deadline).toUTC(),
    minCreditGrade: input.minCreditGrade ?? null,
    timeLimitWorkingDays: timeLimit,
    weights: input.weights ? JSON.stringify(input.weights) : null,
    directAgencyId: input.directAgencyId ?? null,
    longlistSize: input.longlistSize ?? null,
    shortlistSize: input.shortlistSize ?? null,
  }
}

/** An owner drafts a project (checked as above). */
export async function draftProject(input: ProjectDraftInput, owner: User) {
  const organization = await Organization.findOrFail(owner.organizationId)
  const { item, timeLimit } = await checkDraft(
    input,
    owner,
    input.region ?? organization.regionCode
  )
  return db.transaction(async (trx) => {
    const project = await Project.create(
      {
        code: `DRAFT-${owner.id}-${Date.now()}`,
        ownerOrganizationId: organization.id,
        createdByUserId: owner.id,
        ...draftColumns(input, item, timeLimit),
        regionCode: input.region ?? organization.regionCode,
        contactName: input.contactName ?? owner.fullName,
        contactPhone: input.contactPhone ?? owner.phone ?? organization.phone ?? '',
        status: 'draft',
      },
      { client: trx }
    )
    // The public code: XM-<year in Beijing by the market clock>-<id>, unique because the id is.
    const year = DateTime.fromJSDate(clock.now()).setZone(DISPLAY_ZONE).year
    project.code = `XM-${year}-${String(project.id).padStart(6, '0')}`
    await project.save()
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'project.drafted',
      subjectType: 'project',
      subjectId: project.id,
      payload: {
        code: project.code,
        method: project.method,
        ceilingPriceFen: project.ceilingPriceFen,
        fundingSource: project.fundingSource,
        commissioningDepartmentId: project.commissioningDepartmentId,
        exemption: project.exemption,
      },
    })
    return project
  })
}

/**
 * An owner edits a draft: the same checks as drafting, on the locked row, and
 * only while the lifecycle allows it (a published project is refused with
 * 409 and keeps every field). The audit log names the fields that changed.
 */
export async function editDraft(projectId: number, input: ProjectDraftInput, owner: User) {
  const current = await Project.findOrFail(projectId)
  const { item, timeLimit } = await checkDraft(input, owner, input.region ?? current.regionCode)
  return db.transaction(async (trx) => {
    const { project } = await lockForTransition(projectId, 'edit', trx)
    const before = project.serialize()
    project.merge({
      ...draftColumns(input, item, timeLimit),
      regionCode: input.region ?? project.regionCode,
      contactName: input.contactName ?? project.contactName,
      contactPhone: input.contactPhone ?? project.contactPhone,
    })
    const after = project.serialize()
    const changed = Object.keys(after).filter(
      (key) => JSON.stringify(after[key]) !== JSON.stringify(before[key])
    )
    project.useTransaction(trx)
    await project.save()
    await recordAuditEvent(trx, {
      actor: owner,
      action: 'project.draft_edited',
      subjectType: 'project',
      subjectId: project.id,
      payload: { code: project.code, changed },
    })
    return project
  })
}
