import { isoInstant } from '#domain/time_zone'
import type SelfPreparation from '#models/self_preparation'

/** A self-preparation record in API answers. */
export function presentSelfPreparation(record: SelfPreparation) {
  return {
    id: record.id,
    serviceItemCode: record.serviceItem?.code ?? null,
    serviceItemVersion: record.serviceItemVersion,
    title: record.title,
    investmentProjectCode: record.investmentProjectCode,
    regionCode: record.regionCode,
    statement: record.statement,
    status: record.status,
    recordedAt: isoInstant(record.createdAt),
    withdrawnAt: record.withdrawnAt ? isoInstant(record.withdrawnAt) : null,
    withdrawReason: record.withdrawReason,
  }
}
