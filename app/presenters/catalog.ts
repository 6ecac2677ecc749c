import { isoInstant } from '#domain/time_zone'
import type ServiceItem from '#models/service_item'
import type ServiceItemVersion from '#models/service_item_version'

/** A catalog item in API answers (API.md field names). */
export function presentServiceItem(item: ServiceItem) {
  return {
    code: item.code,
    name: item.name,
    category: item.category,
    legalBasis: item.legalBasis,
    requiredQualification: item.requiredQualification,
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
  }
}
