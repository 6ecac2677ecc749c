import { isoInstant } from '#domain/time_zone'
import type ServiceItem from '#models/service_item'
import type ServiceItemVersion from '#models/service_item_version'
import type { ServiceGuide } from '#domain/service_guide'
import { regionName } from '#domain/regions'
import { requirementLabel } from '#domain/qualification_types'
import { personQualificationLabel } from '#domain/person_qualifications'

/** The service guide in API answers and on the printable guide page. */
export function presentGuide(guide: ServiceGuide, locale = 'zh-CN') {
  return {
    provision: guide.provision,
    feeBasis: guide.feeBasis,
    regionalCoverage: guide.regionalCoverage.map((code) => ({
      regionCode: code,
      name: regionName(code, locale),
    })),
    basis: guide.basis,
    scope: guide.scope,
    object: guide.object,
    content: guide.content,
    method: guide.method,
    conclusion: guide.conclusion,
    materials: guide.materials,
  }
}

/** The required qualification: the list's type and minimum level, and its name. */
export function presentQualification(
  item: Pick<ServiceItem, 'qualificationType' | 'qualificationLevel' | 'requiredQualification'>,
  locale = 'zh-CN'
) {
  if (!item.qualificationType) return null
  return {
    type: item.qualificationType,
    level: item.qualificationLevel,
    label: requirementLabel(
      { type: item.qualificationType, level: item.qualificationLevel },
      locale
    ),
  }
}

/** The person qualification (执业资格) the lead must hold: code, minimum level and name, or null. */
export function presentLeadQualification(
  item: Pick<ServiceItem, 'leadQualification' | 'leadQualificationLevel'>,
  locale = 'zh-CN'
) {
  if (!item.leadQualification) return null
  const ref = { code: item.leadQualification, level: item.leadQualificationLevel }
  return { ...ref, label: personQualificationLabel(ref, locale, true) }
}

/** A catalog item in API answers (API.md field names). */
export function presentServiceItem(item: ServiceItem) {
  return {
    code: item.code,
    name: item.name,
    category: item.category,
    legalBasis: item.legalBasis,
    requiredQualification: item.requiredQualification,
    qualification: presentQualification(item),
    leadQualification: presentLeadQualification(item),
    approvalItem: item.approvalItem,
    departmentId: item.departmentId,
    approvalDepartment: item.approvalDepartment,
    timeLimitWorkingDays: item.timeLimitWorkingDays,
    feeType: item.feeType,
    feeMinFen: item.feeMinFen,
    feeMaxFen: item.feeMaxFen,
    version: item.version,
    status: item.status,
    effectiveDate: item.effectiveDate.toISODate(),
    changeReason: item.changeReason,
    guide: presentGuide(item.serviceGuide),
  }
}

/** One entry of an item's public change history. */
export function presentServiceItemVersion(version: ServiceItemVersion) {
  return {
    version: version.version,
    name: version.name,
    category: version.category,
    legalBasis: version.legalBasis,
    requiredQualification: version.requiredQualification,
    qualification: presentQualification(version),
    leadQualification: presentLeadQualification(version),
    approvalItem: version.approvalItem,
    approvalDepartment: version.approvalDepartment,
    timeLimitWorkingDays: version.timeLimitWorkingDays,
    feeType: version.feeType,
    feeMinFen: version.feeMinFen,
    feeMaxFen: version.feeMaxFen,
    status: version.status,
    changeReason: version.changeReason,
    effectiveDate: version.effectiveDate.toISODate(),
    recordedAt: isoInstant(version.createdAt),
    guide: presentGuide(version.serviceGuide),
  }
}
