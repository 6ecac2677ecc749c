import type { HttpContext } from '@adonisjs/core/http'
import FollowUpCase from '#models/follow_up_case'
import FollowUpCasePolicy from '#policies/follow_up_case_policy'
import { followUpStepValidator } from '#validators/evaluation'
import { recordFollowUpStep } from '#actions/delivery/evaluations'
import { followUpCases } from '#queries/follow_ups'

/** Bad ratings' follow-up cases (整改 → 督办 → 回访). */
export default class FollowUpsController {
  /** GET /api/v1/regulator/follow-ups?status=open|closed */
  async index({ request, bouncer }: HttpContext) {
    await bouncer.with(FollowUpCasePolicy).authorize('manage')
    const filter = request.input('status') === 'closed' ? 'closed' : 'open'
    return { data: await followUpCases(filter) }
  }

  /** POST /api/v1/regulator/follow-ups/:id/steps {step, date?, note} */
  async step({ params, request, response, bouncer, auth }: HttpContext) {
    await bouncer.with(FollowUpCasePolicy).authorize('manage')
    const followUp = await FollowUpCase.findOrFail(params.id)
    const input = await request.validateUsing(followUpStepValidator)
    const updated = await recordFollowUpStep(followUp, input, auth.getUserOrFail())
    return response.created({ id: updated.id, status: updated.status })
  }
}
