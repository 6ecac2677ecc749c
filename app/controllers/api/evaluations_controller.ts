import type { HttpContext } from '@adonisjs/core/http'
import Evaluation from '#models/evaluation'
import EvaluationPolicy from '#policies/evaluation_policy'
import { evaluationReplyValidator } from '#validators/evaluation'
import { replyToEvaluation } from '#actions/delivery/evaluations'
import { presentEvaluation } from '#presenters/service'

/** The rated side's one public reply to an evaluation. */
export default class EvaluationsController {
  /** POST /api/v1/evaluations/:id/reply {text} */
  async reply({ params, request, bouncer, auth }: HttpContext) {
    const evaluation = await Evaluation.findOrFail(params.id)
    await bouncer.with(EvaluationPolicy).authorize('reply', evaluation)
    const { text } = await request.validateUsing(evaluationReplyValidator)
    return presentEvaluation(await replyToEvaluation(evaluation, text, auth.getUserOrFail()))
  }
}
