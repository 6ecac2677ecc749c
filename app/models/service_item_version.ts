import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ServiceItemVersionSchema } from '#database/schema'
import type ServiceItem from '#models/service_item'
import { parseGuide } from '#domain/service_guide'

/** One published state of a catalog item, with the reason for the change. */
export default class ServiceItemVersion extends ServiceItemVersionSchema {
  /** The service guide as this version published it. */
  get serviceGuide() {
    return parseGuide(this.guide)
  }

  /** Records the item as it now stands as its current version, changed by a user (or by nobody). */
  static recordOf(
    item: ServiceItem,
    changedByUserId: number | null,
    trx?: TransactionClientContract
  ) {
    return ServiceItemVersion.create(
      {
        serviceItemId: item.id,
        version: item.version,
        name: item.name,
        category: item.category,
        legalBasis: item.legalBasis,
        requiredQualification: item.requiredQualification,
        qualificationType: item.qualificationType,
        qualificationLevel: item.qualificationLevel,
        leadQualification: item.leadQualification,
        leadQualificationLevel: item.leadQualificationLevel,
        guide: item.guide,
        approvalItem: item.approvalItem,
        approvalDepartment: item.approvalDepartment,
        departmentId: item.departmentId,
        timeLimitWorkingDays: item.timeLimitWorkingDays,
        feeType: item.feeType,
        feeMinFen: item.feeMinFen,
        feeMaxFen: item.feeMaxFen,
        status: item.status,
        changeReason: item.changeReason ?? '',
        effectiveDate: item.effectiveDate,
        changedByUserId,
      },
      { client: trx }
    )
  }
}
