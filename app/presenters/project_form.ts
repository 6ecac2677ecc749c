import { DateTime } from 'luxon'
import type Project from '#models/project'
import { DISPLAY_ZONE } from '#domain/time_zone'

/** A stored amount in fen as the form's yuan field shows it ("80000.00"). */
function yuanField(fen: number | null) {
  return fen === null ? '' : (fen / 100).toFixed(2)
}

/**
 * A draft's values as the project form's fields hold them: yuan for fen,
 * the deadline in Beijing time as a datetime-local field wants it.
 */
export function draftFormValues(project: Project) {
  const weights = project.weights ? JSON.parse(project.weights) : {}
  return {
    title: project.title,
    description: project.description,
    deliverables: project.deliverables,
    location: project.location,
    fundingSource: project.fundingSource,
    commissioningDepartmentId: project.commissioningDepartmentId ?? '',
    exemption: project.exemption ?? '',
    exemptionReason: project.exemptionReason ?? '',
    investmentProjectCode: project.investmentProjectCode ?? '',
    ceilingYuan: yuanField(project.ceilingPriceFen),
    floorYuan: yuanField(project.floorPriceFen),
    deadline: DateTime.fromJSDate(project.responseDeadline.toJSDate())
      .setZone(DISPLAY_ZONE)
      .toFormat("yyyy-MM-dd'T'HH:mm"),
    minCreditGrade: project.minCreditGrade ?? '',
    weights: {
      price: weights.price ?? '',
      credit: weights.credit ?? '',
      performance: weights.performance ?? '',
      plan: weights.plan ?? '',
    },
    directAgencyId: project.directAgencyId ?? '',
    longlistSize: project.longlistSize ?? '',
    shortlistSize: project.shortlistSize ?? '',
    contactName: project.contactName,
    contactPhone: project.contactPhone,
  }
}

export type DraftFormValues = ReturnType<typeof draftFormValues>
