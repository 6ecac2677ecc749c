import type { HttpContext } from '@adonisjs/core/http'
import CreditAppeal, { type CreditAppealKind } from '#models/credit_appeal'
import CreditAppealPolicy from '#policies/credit_appeal_policy'
import { creditAppealDecisionValidator } from '#validators/credit'
import { decideCreditAppeal } from '#actions/credit/credit_appeals'
import { creditAppealsForRegulators } from '#queries/credit_appeals'
import { presentCreditAppeal } from '#presenters/credit'

/** Regulators decide appeals (申诉) and repair applications (信用修复). */
export default class CreditAppealsController {
  /** GET /api/v1/regulator/credit-appeals?status=pending|decided */
  async index({ request, bouncer }: HttpContext) {
    await bouncer.with(CreditAppealPolicy).authorize('decide')
    const status = request.input('status') === 'decided' ? 'decided' : 'pending'
    return { data: await creditAppealsForRegulators(status) }
  }

  /** POST /api/v1/regulator/credit-appeals/:id/decide {granted, decision} */
  async decideAppeal(context: HttpContext) {
    return this.decide(context, 'appeal')
  }

  /** POST /api/v1/regulator/credit-repairs/:id/decide {granted, decision} */
  async decideRepair(context: HttpContext) {
    return this.decide(context, 'repair')
  }

  private async decide({ params, request, bouncer, auth }: HttpContext, kind: CreditAppealKind) {
    await bouncer.with(CreditAppealPolicy).authorize('decide')
    const appeal = await CreditAppeal.query()
      .where('id', params.id)
      .where('kind', kind)
      .firstOrFail()
    const decision = await request.validateUsing(creditAppealDecisionValidator)
    return presentCreditAppeal(await decideCreditAppeal(appeal, decision, auth.getUserOrFail()))
  }
}
