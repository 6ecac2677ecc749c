import type { HttpContext } from '@adonisjs/core/http'
import encryption from '@adonisjs/core/services/encryption'
import { openSealedQuote } from '#services/sealed_quotes'
import Bid from '#models/bid'
import Project from '#models/project'
import { placeBidValidator } from '#validators/bid'
import { placeBid, withdrawBid } from '#actions/bids/place_bid'
import { membersOfBid } from '#queries/project_pages'
import { teamOfBid } from '#queries/named_teams'

export default class BidsController {
  /**
   * POST /api/v1/projects/:id/bids (agency) {quoteFen, consortium?, servicePlan?,
   * leadPractitionerId?, teamPractitionerIds?} → 201 {receipt};
   * on a direct selection only the named agency, whose bid is its acceptance.
   */
  async store({ params, request, response, auth }: HttpContext) {
    const payload = await request.validateUsing(placeBidValidator)
    const { receipt } = await placeBid(Number(params.id), payload, auth.getUserOrFail(), {
      ip: request.ip(),
      userAgent: request.header('user-agent') ?? null,
      acceptLanguage: request.header('accept-language') ?? null,
    })
    return response.created({ receipt })
  }

  /** GET /api/v1/bids/mine: the agency's bids on every project, newest first, with receipts. */
  async index({ auth, request }: HttpContext) {
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const result = await Bid.query()
      .where('organization_id', auth.getUserOrFail().organizationId)
      .preload('project')
      .orderBy('id', 'desc')
      .paginate(page, 20)
    return {
      data: result.all().map((bid) => ({
        id: bid.id,
        projectId: bid.projectId,
        projectCode: bid.project.code,
        projectTitle: bid.project.title,
        projectStatus: bid.project.status,
        round: bid.round,
        status: bid.status,
        receipt: bid.receipt,
        // The agency sees its own quote; nobody else does before opening.
        quoteFen: openSealedQuote(bid.quoteEncrypted),
        valid: bid.valid,
        invalidReason: bid.invalidReason,
        abnormallyLow: bid.abnormallyLow,
        rank: bid.rank,
        submittedAt: bid.createdAt.toISO(),
      })),
      meta: { total: result.total, page: result.currentPage, perPage: result.perPage },
    }
  }

  /**
   * GET /api/v1/projects/:id/bids/mine: the agency's own active bid, to check
   * its receipt, with its consortium members' answers.
   */
  async mine({ params, auth }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    const bid = await Bid.query()
      .where('project_id', project.id)
      .where('round', project.round)
      .where('organization_id', auth.getUserOrFail().organizationId)
      .where('status', 'active')
      .firstOrFail()
    return {
      receipt: bid.receipt,
      quoteFen: openSealedQuote(bid.quoteEncrypted),
      nonce: encryption.decrypt<string>(bid.nonceEncrypted),
      submittedAt: bid.createdAt.toISO(),
      consortium: await membersOfBid(bid.id),
      // 项目负责人 and team the bid names (names only).
      team: await teamOfBid(bid.id).then(({ lead, members }) => ({
        lead: lead?.name ?? null,
        members: members.map((member) => member.name),
      })),
    }
  }

  /** DELETE /api/v1/projects/:id/bids/mine (before the deadline). */
  async destroy({ params, auth, response }: HttpContext) {
    await withdrawBid(Number(params.id), auth.getUserOrFail())
    return response.noContent()
  }
}
