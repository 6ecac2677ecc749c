import type { HttpContext } from '@adonisjs/core/http'
import CreditEvent from '#models/credit_event'
import CreditEventPolicy from '#policies/credit_event_policy'
import {
  creditAppealValidator,
  creditRepairFormValidator,
  creditReplyValidator,
} from '#validators/credit'
import {
  applyAgainstCreditEvent,
  applyForCreditRepair,
  replyToCreditEvent,
} from '#actions/credit/credit_appeals'
import { repairRefusal } from '#domain/credit_repair'
import { clock } from '#services/clock'

/** The agency answers the events behind its score from its own page. */
export default class CreditEventsController {
  async reply({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const event = await CreditEvent.findOrFail(params.id)
    await bouncer.with(CreditEventPolicy).authorize('answer', event)
    const { text } = await request.validateUsing(creditReplyValidator)
    await replyToCreditEvent(event, text, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.service.replied'))
    return response.redirect().toRoute('agencies.show', { id: event.organizationId })
  }

  async appeal({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const event = await CreditEvent.findOrFail(params.id)
    await bouncer.with(CreditEventPolicy).authorize('answer', event)
    const { reason } = await request.validateUsing(creditAppealValidator)
    await applyAgainstCreditEvent(event, 'appeal', reason, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.creditAppeals.appealed'))
    return response.redirect().toRoute('agencies.show', { id: event.organizationId })
  }

  /** 信用修复: the application form, saying from when the event may be repaired. */
  async repairForm({ params, view, bouncer }: HttpContext) {
    const event = await CreditEvent.findOrFail(params.id)
    await bouncer.with(CreditEventPolicy).authorize('answer', event)
    const refusal = repairRefusal(
      {
        status: event.status,
        points: event.points,
        repairableFrom: event.repairableFrom?.toJSDate() ?? null,
      },
      clock.now()
    )
    return view.render('pages/credit/repair', { event, refusal })
  }

  /** The correction with evidence files and the signed credit commitment (multipart). */
  async repair({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const event = await CreditEvent.findOrFail(params.id)
    await bouncer.with(CreditEventPolicy).authorize('answer', event)
    const { correction, commitment, files } = await request.validateUsing(creditRepairFormValidator)
    await applyForCreditRepair(event, { correction, commitment, files }, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.creditAppeals.repairRequested'))
    return response.redirect().toRoute('agencies.show', { id: event.organizationId })
  }
}
