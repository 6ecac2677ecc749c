import type { HttpContext } from '@adonisjs/core/http'
import encryption from '@adonisjs/core/services/encryption'
import Bid from '#models/bid'
import { placeBidValidator } from '#validators/bid'
import { placeBid, withdrawBid } from '#actions/bids/place_bid'

export default class BidsController {
  /** POST /api/v1/projects/:id/bids (agency) {quoteFen} → 201 {receipt} */
  async store({ params, request, response, auth, i18n }: HttpContext) {
    const { quoteFen } = await request.validateUsing(placeBidValidator)
    const { receipt } = await placeBid(Number(params.id), quoteFen, auth.getUserOrFail(), {
      ip: request.ip(),
      userAgent: request.header('user-agent') ?? null,
      i18n,
    })
    return response.created({ receipt })
  }

  /** GET /api/v1/projects/:id/bids/mine: the agency's own active bid, to check its receipt. */
  async mine({ params, auth }: HttpContext) {
    const bid = await Bid.query()
      .where('project_id', params.id)
      .where('organization_id', auth.getUserOrFail().organizationId)
      .where('status', 'active')
      .firstOrFail()
    return {
      receipt: bid.receipt,
      quoteFen: Number(encryption.decrypt<string>(bid.quoteEncrypted)),
      nonce: encryption.decrypt<string>(bid.nonceEncrypted),
      submittedAt: bid.createdAt.toISO(),
    }
  }

  /** DELETE /api/v1/projects/:id/bids/mine (before the deadline). */
  async destroy({ params, auth, response }: HttpContext) {
    await withdrawBid(Number(params.id), auth.getUserOrFail())
    return response.noContent()
  }
}
