import type CreditAppeal from '#models/credit_appeal'

/** An appeal or repair application in API answers. */
export function presentCreditAppeal(appeal: CreditAppeal) {
  return {
    id: appeal.id,
    kind: appeal.kind,
    creditEventId: appeal.creditEventId,
    organizationId: appeal.organizationId,
    reason: appeal.reason,
    status: appeal.status,
    decisionDueAt: appeal.decisionDueAt.toISO(),
    decision: appeal.decision,
    decidedAt: appeal.decidedAt?.toISO() ?? null,
    createdAt: appeal.createdAt.toISO(),
  }
}
