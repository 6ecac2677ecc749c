import { isoInstant } from '#domain/time_zone'
import type CreditAppeal from '#models/credit_appeal'

/** An appeal or repair application in API answers. */
export function presentCreditAppeal(appeal: CreditAppeal) {
  return {
    id: appeal.id,
    kind: appeal.kind,
    creditEventId: appeal.creditEventId,
    organizationId: appeal.organizationId,
    reason: appeal.reason,
    commitment: appeal.commitment,
    status: appeal.status,
    decisionDueAt: isoInstant(appeal.decisionDueAt),
    decision: appeal.decision,
    decidedAt: isoInstant(appeal.decidedAt),
    createdAt: isoInstant(appeal.createdAt),
  }
}
