import type { HttpContext } from '@adonisjs/core/http'
import FeeRecordPolicy from '#policies/fee_record_policy'
import { listSuspiciousPaymentEventsValidator } from '#validators/suspicious_payment_event'
import { suspiciousPaymentEvents } from '#queries/suspicious_payment_events'
import { presentSuspiciousPaymentEvent } from '#presenters/suspicious_payment_event'

export default class SuspiciousPaymentEventsController {
  /** GET /api/v1/regulator/suspicious-payments?reason=&page=&perPage=: newest first. */
  async index({ request, bouncer, i18n }: HttpContext) {
    await bouncer.with(FeeRecordPolicy).authorize('viewAny')
    const {
      reason,
      page = 1,
      perPage = 20,
    } = await request.validateUsing(listSuspiciousPaymentEventsValidator, { data: request.qs() })
    const result = await suspiciousPaymentEvents({ reason }, page, perPage)
    return {
      data: result.all().map((event) => presentSuspiciousPaymentEvent(event, i18n)),
      meta: { total: result.total, page: result.currentPage, perPage: result.perPage },
    }
  }
}
