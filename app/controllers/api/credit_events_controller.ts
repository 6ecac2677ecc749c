import type { HttpContext } from '@adonisjs/core/http'
import CreditEvent from '#models/credit_event'
import CreditEventPolicy from '#policies/credit_event_policy'
import {
  creditAppealValidator,
  creditRepairValidator,
  creditReplyValidator,
} from '#validators/credit'
import { applyAgainstCreditEvent, replyToCreditEvent } from '#actions/credit/credit_appeals'
import { presentCreditAppeal } from '#presenters/credit'

/** The agency answers the events behind its score: reply, appeal (申诉), repair (信用修复). */
export default class CreditEventsController {
  /** POST /api/v1/credit-events/:id/reply {text} */
  async reply({ params, request, bouncer, auth }: HttpContext) {
    const event = await CreditEvent.findOrFail(params.id)
    await bouncer.with(CreditEventPolicy).authorize('answer', event)
    const { text } = await request.validateUsing(creditReplyValidator)
    const replied = await replyToCreditEvent(event, text, auth.getUserOrFail())
    return { id: replied.id, reply: replied.reply, repliedAt: replied.repliedAt?.toISO() }
  }

  /** POST /api/v1/credit-events/:id/appeal {reason} */
  async appeal({ params, request, response, bouncer, auth }: HttpContext) {
    const event = await CreditEvent.findOrFail(params.id)
    await bouncer.with(CreditEventPolicy).authorize('answer', event)
    const { reason } = await request.validateUsing(creditAppealValidator)
    const appeal = await applyAgainstCreditEvent(event, 'appeal', reason, auth.getUserOrFail())
    return response.created(presentCreditAppeal(appeal))
  }

  /** POST /api/v1/credit-repairs {creditEventId, reason} */
  async repair({ request, response, bouncer, auth }: HttpContext) {
    const { creditEventId, reason } = await request.validateUsing(creditRepairValidator)
    const event = await CreditEvent.findOrFail(creditEventId)
    await bouncer.with(CreditEventPolicy).authorize('answer', event)
    const appeal = await applyAgainstCreditEvent(event, 'repair', reason, auth.getUserOrFail())
    return response.created(presentCreditAppeal(appeal))
  }
}
