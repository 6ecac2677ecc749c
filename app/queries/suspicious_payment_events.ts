import SuspiciousPaymentEvent from '#models/suspicious_payment_event'
import type { SuspicionReason } from '#domain/payment_evidence'

export type SuspiciousPaymentFilters = { reason?: SuspicionReason }

/**
 * The suspicious payment events, newest first, a page at a time, with the
 * project of the contract each concerns (if any) preloaded.
 */
export async function suspiciousPaymentEvents(
  filters: SuspiciousPaymentFilters,
  page: number,
  perPage: number
) {
  const query = SuspiciousPaymentEvent.query()
    .if(filters.reason, (builder) => builder.where('reason', filters.reason!))
    .preload('contract', (contract) =>
      contract.select('id', 'project_id').preload('project', (project) => {
        project.select('id', 'code', 'title')
      })
    )
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
  return query.paginate(page, perPage)
}
