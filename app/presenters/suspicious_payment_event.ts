import type { I18n } from '@adonisjs/i18n'
import { isoInstant } from '#domain/time_zone'
import type { Mismatch } from '#domain/payment_evidence'
import type SuspiciousPaymentEvent from '#models/suspicious_payment_event'

const inDisplayZone = isoInstant

/** A disagreement in words: the field, what the market recorded and what the event said. */
export function mismatchMessage(mismatch: Mismatch, i18n: I18n) {
  return i18n.t(`payments.suspicious.mismatch.${mismatch.source}`, {
    field: mismatch.field,
    expected: String(mismatch.expected),
    received: mismatch.received === null ? '—' : String(mismatch.received),
  })
}

/** A suspicious payment event as the API gives it (the page shows the same). */
export function presentSuspiciousPaymentEvent(event: SuspiciousPaymentEvent, i18n: I18n) {
  const project = event.contract?.project ?? null
  return {
    id: event.id,
    stripeEventId: event.stripeEventId,
    eventType: event.eventType,
    stripeObjectId: event.stripeObjectId,
    reason: event.reason,
    reasonText: i18n.t(`payments.suspicious.reasons.${event.reason}`),
    mismatches: event.mismatchList.map((mismatch) => ({
      ...mismatch,
      message: mismatchMessage(mismatch, i18n),
    })),
    paymentId: event.paymentId,
    contractId: event.contractId,
    projectId: project?.id ?? null,
    projectCode: project?.code ?? null,
    amountFen: event.amountFen === null ? null : Number(event.amountFen),
    currency: event.currency,
    stripeStatus: event.stripeStatus,
    eventCreatedAt: inDisplayZone(event.eventCreatedAt),
    receivedAt: inDisplayZone(event.receivedAt),
  }
}
