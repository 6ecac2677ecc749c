import type { HttpContext } from '@adonisjs/core/http'
import FeeRecordPolicy from '#policies/fee_record_policy'
import { SUSPICION_REASONS } from '#domain/payment_evidence'
import { listSuspiciousPaymentEventsValidator } from '#validators/suspicious_payment_event'
import { suspiciousPaymentEvents } from '#queries/suspicious_payment_events'
import { presentSuspiciousPaymentEvent } from '#presenters/suspicious_payment_event'

/**
 * 可疑支付事件: Stripe events the market could not vouch for (an intent it
 * did not create, a disagreement with the recorded payment, a success Stripe
 * does not confirm). None changed anything; regulators look into them.
 */
export default class SuspiciousPaymentEventsController {
  /** GET /regulator/suspicious-payments?reason=&page= */
  async index({ request, bouncer, view, i18n }: HttpContext) {
    await bouncer.with(FeeRecordPolicy).authorize('viewAny')
    const { reason, page = 1 } = await request.validateUsing(listSuspiciousPaymentEventsValidator, {
      data: request.qs(),
    })
    const result = await suspiciousPaymentEvents({ reason }, page, 50)
    return view.render('pages/regulator/suspicious_payments', {
      events: result.all().map((event) => presentSuspiciousPaymentEvent(event, i18n)),
      meta: { total: result.total, page: result.currentPage, perPage: result.perPage },
      reasons: SUSPICION_REASONS,
      filters: { reason: reason ?? '' },
    })
  }
}
