import type { HttpContext } from '@adonisjs/core/http'
import CreditEvent from '#models/credit_event'
import CreditEventPolicy from '#policies/credit_event_policy'
import {
  creditAppealValidator,
  creditRepairValidator,
  creditReplyValidator,
} from '#validators/credit'
import {
  applyAgainstCreditEvent,
  applyForCreditRepair,
  replyToCreditEvent,
} from '#actions/credit/credit_appeals'
import { presentCreditAppeal } from '#presenters/credit'
import { creditEventsOf } from '#services/credit_ledger'
import { creditAppealsOf } from '#queries/credit_appeals'
import { isoInstant } from '#domain/time_zone'

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

  /**
   * POST /api/v1/credit-repairs (multipart) {creditEventId, correction, commitment, signed,
   * files[]}: 信用修复, refused (409) before the event's minimum publication period.
   */
  async repair({ request, response, bouncer, auth }: HttpContext) {
    // Who may apply is checked before the form: another agency learns nothing from a 422.
    const raw: unknown = request.input('creditEventId')
    const named = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : Number.NaN
    const known = Number.isSafeInteger(named) && named > 0 ? await CreditEvent.find(named) : null
    if (known) await bouncer.with(CreditEventPolicy).authorize('answer', known)
    else await bouncer.with(CreditEventPolicy).authorize('viewOwn')
    const { creditEventId, correction, commitment, files } =
      await request.validateUsing(creditRepairValidator)
    const event = known ?? (await CreditEvent.findOrFail(creditEventId))
    await bouncer.with(CreditEventPolicy).authorize('answer', event)
    const appeal = await applyForCreditRepair(
      event,
      { correction, commitment, files },
      auth.getUserOrFail()
    )
    return response.created(presentCreditAppeal(appeal))
  }

  /**
   * GET /api/v1/agency/credit-events: the agency's own events, including those
   * no longer published, with each one's class, repair date and applications.
   */
  async mine({ auth, bouncer }: HttpContext) {
    const user = auth.getUserOrFail()
    await bouncer.with(CreditEventPolicy).authorize('viewOwn')
    const [events, appeals] = await Promise.all([
      creditEventsOf(user.organizationId),
      creditAppealsOf(user.organizationId),
    ])
    return {
      data: events.map((event) => ({
        ...event,
        occurredAt: isoInstant(event.occurredAt),
        expiresAt: isoInstant(event.expiresAt),
        repairableFrom: isoInstant(event.repairableFrom),
        publicationEndsAt: isoInstant(event.publicationEndsAt),
        applications: appeals.filter((appeal) => appeal.creditEventId === event.id),
      })),
    }
  }
}
