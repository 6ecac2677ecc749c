import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import SelfPreparation from '#models/self_preparation'
import SelfPreparationPolicy from '#policies/self_preparation_policy'
import {
  recordSelfPreparationValidator,
  withdrawSelfPreparationValidator,
} from '#validators/self_preparation'
import { recordSelfPreparation, withdrawSelfPreparation } from '#actions/catalog/self_preparation'
import { presentSelfPreparation } from '#presenters/self_preparation'
import { selfPreparationsOf } from '#queries/self_preparations'

/** 允许企业自主编制, for API clients: the owner's records, recording and withdrawing. */
export default class SelfPreparationsController {
  /** GET /api/v1/owner/self-preparations */
  async index({ auth }: HttpContext) {
    const records = await selfPreparationsOf(auth.getUserOrFail().organizationId!)
    return { data: records.map(presentSelfPreparation) }
  }

  /** POST /api/v1/owner/self-preparations */
  async store({ auth, request, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const owner = await Organization.findOrFail(user.organizationId)
    const payload = await request.validateUsing(recordSelfPreparationValidator)
    const record = await recordSelfPreparation(owner, payload, user)
    return response.created(presentSelfPreparation(record))
  }

  /** POST /api/v1/owner/self-preparations/:id/withdraw */
  async withdraw({ auth, params, request, bouncer }: HttpContext) {
    const record = await SelfPreparation.query()
      .where('id', params.id)
      .preload('serviceItem')
      .firstOrFail()
    await bouncer.with(SelfPreparationPolicy).authorize('withdraw', record)
    const { reason } = await request.validateUsing(withdrawSelfPreparationValidator)
    const withdrawn = await withdrawSelfPreparation(record, reason, auth.getUserOrFail())
    await withdrawn.load('serviceItem')
    return presentSelfPreparation(withdrawn)
  }
}
