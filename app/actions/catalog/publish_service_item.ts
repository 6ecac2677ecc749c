import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type User from '#models/user'
import ServiceItem, { type FeeType, type ServiceItemStatus } from '#models/service_item'
import ServiceItemVersion from '#models/service_item_version'
import { recordAuditEvent } from '#services/audit_log'
import Department from '#models/department'
import { refuseInput, type InputProblem } from '#exceptions/invalid_input_exception'
import { levelOf, qualificationType, requirementLabel } from '#domain/qualification_types'
import { personLevelOf, personQualification } from '#domain/person_qualifications'
import { listLines, serializeGuide, type Provision } from '#domain/service_guide'

export type ServiceItemFields = {
  name: string
  category: string
  legalBasis: string
  /** The required qualification from the closed list, and the minimum level (none: any level). */
  qualificationType?: string | null
  qualificationLevel?: string | null
  /** The person qualification (执业资格) the project lead must hold, and its minimum level. */
  leadQualification?: string | null
  leadQualificationLevel?: string | null
  approvalItem: string
  /** The approving department, by id (or, for clients that know only names, by its exact name). */
  departmentId?: number | null
  approvalDepartment?: string | null
  timeLimitWorkingDays: number
  feeType: FeeType
  feeMinFen?: number | null
  feeMaxFen?: number | null
  effectiveDate?: Date
  /** 服务指南 (app/domain/service_guide.ts); lists are typed one entry a line. */
  provision?: Provision | null
  feeBasisDocument?: string | null
  feeBasisArticle?: string | null
  regionalCoverage?: string[] | null
  guideBasis?: string | null
  guideScope?: string | null
  guideObject?: string | null
  guideContent?: string | null
  guideMethod?: string | null
  guideConclusion?: string | null
  materials?: string | null
}

/**
 * The pair the validator cannot check alone: a level must be one of the
 * type's levels, and needs a type.
 */
function checkQualification(input: ServiceItemFields) {
  const problems: InputProblem[] = []
  if (input.qualificationLevel && !qualificationType(input.qualificationType)) {
    problems.push({
      field: 'qualificationType',
      rule: 'qualification.typeRequired',
      identifier: 'messages.catalog.guide.levelWithoutType',
    })
  } else if (
    input.qualificationLevel &&
    !levelOf(input.qualificationType, input.qualificationLevel)
  ) {
    problems.push({
      field: 'qualificationLevel',
      rule: 'qualification.level',
      identifier: 'messages.catalog.guide.levelNotOfType',
    })
  }
  if (input.leadQualificationLevel && !personQualification(input.leadQualification)) {
    problems.push({
      field: 'leadQualification',
      rule: 'personQualification.required',
      identifier: 'messages.catalog.guide.personLevelWithoutQualification',
    })
  } else if (
    input.leadQualificationLevel &&
    !personLevelOf(input.leadQualification, input.leadQualificationLevel)
  ) {
    problems.push({
      field: 'leadQualificationLevel',
      rule: 'personQualification.level',
      identifier: 'messages.catalog.guide.personLevelNotOfQualification',
    })
  }
  if (problems.length > 0) refuseInput(problems)
}

/**
 * The catalog changes only through these two verbs (动态调整、及时公布): each
 * writes the current row and an append-only version with its reason and
 * effective date, in one transaction.
 */
export async function createServiceItem(
  input: ServiceItemFields & { code: string; changeReason?: string },
  by: User | null
) {
  checkQualification(input)
  const department = await resolveDepartment(input)
  return db.transaction(async (trx) => {
    const fields = currentFields(input, department, 'active')
    const item = await ServiceItem.create(
      { ...fields, code: input.code, version: 1, changeReason: input.changeReason ?? '首次发布' },
      { client: trx }
    )
    await ServiceItemVersion.recordOf(item, by?.id ?? null, trx)
    await recordAuditEvent(trx, {
      actor: by,
      action: 'service_item.created',
      subjectType: 'service_item',
      subjectId: item.code,
      payload: {
        version: 1,
        changeReason: item.changeReason,
        departmentId: department.id,
        qualificationType: item.qualificationType,
        qualificationLevel: item.qualificationLevel,
        leadQualification: item.leadQualification,
        leadQualificationLevel: item.leadQualificationLevel,
      },
    })
    return item
  })
}

export async function reviseServiceItem(
  item: ServiceItem,
  input: ServiceItemFields & { status: ServiceItemStatus; changeReason: string },
  by: User
) {
  checkQualification(input)
  const department = await resolveDepartment(input)
  return db.transaction(async (trx) => {
    const locked = await ServiceItem.query({ client: trx })
      .where('id', item.id)
      .forUpdate()
      .firstOrFail()
    locked.merge({
      ...currentFields(input, department, input.status),
      version: locked.version + 1,
      changeReason: input.changeReason,
    })
    await locked.save()
    await ServiceItemVersion.recordOf(locked, by?.id ?? null, trx)
    await recordAuditEvent(trx, {
      actor: by,
      action: locked.status === 'retired' ? 'service_item.retired' : 'service_item.revised',
      subjectType: 'service_item',
      subjectId: locked.code,
      payload: {
        version: locked.version,
        changeReason: locked.changeReason,
        departmentId: department.id,
        qualificationType: locked.qualificationType,
        qualificationLevel: locked.qualificationLevel,
        leadQualification: locked.leadQualification,
        leadQualificationLevel: locked.leadQualificationLevel,
      },
    })
    return locked
  })
}

/**
 * The department an item names: by id, or by its exact current name. An
 * unknown one is refused at the field given.
 */
export async function resolveDepartment(input: {
  departmentId?: number | null
  approvalDepartment?: string | null
}) {
  const department = input.departmentId
    ? await Department.find(input.departmentId)
    : input.approvalDepartment
      ? await Department.findBy('name', input.approvalDepartment)
      : null
  if (department) return department
  return refuseInput([
    {
      field:
        input.departmentId || !input.approvalDepartment ? 'departmentId' : 'approvalDepartment',
      rule: 'department.unknown',
      identifier: 'integrity.departments.unknown',
    },
  ])
}

function currentFields(
  input: ServiceItemFields,
  department: Department,
  status: ServiceItemStatus
) {
  const market = input.feeType === 'market'
  const type = input.qualificationType || null
  const level = type ? input.qualificationLevel || null : null
  const document = input.feeBasisDocument?.trim()
  return {
    name: input.name,
    category: input.category,
    legalBasis: input.legalBasis,
    // The requirement's name, written from the list (测绘资质（乙级及以上）).
    requiredQualification: type ? requirementLabel({ type, level }) : null,
    qualificationType: type,
    qualificationLevel: level,
    leadQualification: input.leadQualification || null,
    leadQualificationLevel: input.leadQualification ? input.leadQualificationLevel || null : null,
    guide: serializeGuide({
      provision: input.provision ?? 'mandatory',
      feeBasis: document ? { document, article: input.feeBasisArticle?.trim() ?? '' } : null,
      regionalCoverage: [...new Set(input.regionalCoverage ?? [])],
      basis: input.guideBasis?.trim() ?? '',
      scope: input.guideScope?.trim() ?? '',
      object: input.guideObject?.trim() ?? '',
      content: listLines(input.guideContent),
      method: input.guideMethod?.trim() ?? '',
      conclusion: input.guideConclusion?.trim() ?? '',
      materials: listLines(input.materials),
    }),
    approvalItem: input.approvalItem,
    departmentId: department.id,
    approvalDepartment: department.name,
    timeLimitWorkingDays: input.timeLimitWorkingDays,
    feeType: input.feeType,
    // Market-regulated prices (市场调节价) have no published bounds.
    feeMinFen: market ? null : (input.feeMinFen ?? null),
    feeMaxFen: market ? null : (input.feeMaxFen ?? null),
    status,
    effectiveDate: input.effectiveDate
      ? DateTime.fromJSDate(input.effectiveDate).startOf('day')
      : DateTime.utc().startOf('day'),
  }
}
