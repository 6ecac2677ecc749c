import type { HttpContext } from '@adonisjs/core/http'
import CreditEvent from '#models/credit_event'
import CreditEventPolicy from '#policies/credit_event_policy'
import { creditAppealValidator, creditReplyValidator } from '#validators/credit'
import { applyAgainstCreditEvent, replyToCreditEvent } from '#actions/credit/credit_appeals'
import type { CreditAppealKind } from '#models/credit_appeal'

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

  async appeal(context: HttpContext) {
    return this.apply(context, 'appeal')
  }

  async repair(context: HttpContext) {
    return this.apply(context, 'repair')
  }

  private async apply(
    { params, request, response, bouncer, auth, session, i18n }: HttpContext,
    kind: CreditAppealKind
  ) {
    const event = await CreditEvent.findOrFail(params.id)
    await bouncer.with(CreditEventPolicy).authorize('answer', event)
    const { reason } = await request.validateUsing(creditAppealValidator)
    await applyAgainstCreditEvent(event, kind, reason, auth.getUserOrFail())
    session.flash(
      'success',
      i18n.t(
        kind === 'appeal'
          ? 'messages.creditAppeals.appealed'
          : 'messages.creditAppeals.repairRequested'
      )
    )
    return response.redirect().toRoute('agencies.show', { id: event.organizationId })
  }
}
