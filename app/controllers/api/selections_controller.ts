import type { HttpContext } from '@adonisjs/core/http'
import Project from '#models/project'
import Bid from '#models/bid'
import ProjectPolicy from '#policies/project_policy'
import BidPolicy from '#policies/bid_policy'
import { acceptDirectValidator, declineDirectValidator } from '#validators/bid'
import {
  justificationValidator,
  planScoresValidator,
  quoteDecisionValidator,
  shortlistPickValidator,
} from '#validators/selection'
import { pickFromShortlist, scorePlans } from '#actions/selection/owner_choices'
import { decideQuote, justifyQuote } from '#actions/selection/abnormal_quotes'
import { acceptDirectSelection, declineDirectSelection } from '#actions/selection/direct_selection'
import { blindPlansOf } from '#queries/selection_result'

/** The steps of a selection after opening that need a person: owners and agencies. */
export default class SelectionsController {
  /** POST /api/v1/projects/:id/pick (owner, credit_preferred) {agencyId, reason} */
  async pick({ params, request, bouncer, auth }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { agencyId, reason } = await request.validateUsing(shortlistPickValidator)
    const picked = await pickFromShortlist(project, agencyId, reason, auth.getUserOrFail())
    return { status: picked.status, winnerAgencyId: picked.winnerOrganizationId }
  }

  /**
   * GET /api/v1/projects/:id/plans (owner, scored): the plans to score blind,
   * as 方案 A, B, C… — no agency, quote or receipt; empty outside that stage.
   */
  async plans({ params, bouncer }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const weights = project.weights ? JSON.parse(project.weights) : null
    return { planWeight: Number(weights?.plan ?? 0), data: await blindPlansOf(project) }
  }

  /** POST /api/v1/projects/:id/plan-scores (owner, scored; blind) {scores:[{bidId, score, reason}]} */
  async scorePlans({ params, request, bouncer, auth }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { scores } = await request.validateUsing(planScoresValidator)
    const scored = await scorePlans(project, scores, auth.getUserOrFail())
    return { status: scored.status, winnerAgencyId: scored.winnerOrganizationId }
  }

  /** POST /api/v1/bids/:id/justification (the bidding agency) {text} */
  async justify({ params, request, bouncer, auth }: HttpContext) {
    const bid = await Bid.findOrFail(params.id)
    await bouncer.with(BidPolicy).authorize('justify', bid)
    const { text } = await request.validateUsing(justificationValidator)
    const justified = await justifyQuote(bid, text, auth.getUserOrFail())
    return { id: justified.id, justifiedAt: justified.justifiedAt?.toISO() }
  }

  /** POST /api/v1/bids/:id/reject (owner) {reason} — rejects an abnormally low quote. */
  async rejectQuote(context: HttpContext) {
    return this.decide(context, 'rejected')
  }

  /** POST /api/v1/bids/:id/accept (owner) {reason} — keeps a justified low quote. */
  async keepQuote(context: HttpContext) {
    return this.decide(context, 'kept')
  }

  private async decide(
    { params, request, bouncer, auth }: HttpContext,
    decision: 'kept' | 'rejected'
  ) {
    const bid = await Bid.findOrFail(params.id)
    const project = await Project.findOrFail(bid.projectId)
    await bouncer.with(ProjectPolicy).authorize('manage', project)
    const { reason } = await request.validateUsing(quoteDecisionValidator)
    const decided = await decideQuote(bid, decision, reason, auth.getUserOrFail())
    return { id: decided.id, ownerDecision: decided.ownerDecision, valid: decided.valid }
  }

  /**
   * POST /api/v1/projects/:id/direct/accept (the named agency)
   * {quoteFen?, leadPractitionerId?, teamPractitionerIds?}
   */
  async acceptDirect({ params, request, bouncer, auth }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('answerDirect', project)
    const { quoteFen, leadPractitionerId, teamPractitionerIds } =
      await request.validateUsing(acceptDirectValidator)
    const { project: accepted } = await acceptDirectSelection(
      project,
      quoteFen,
      auth.getUserOrFail(),
      { leadPractitionerId, teamPractitionerIds }
    )
    return { status: accepted.status, winnerAgencyId: accepted.winnerOrganizationId }
  }

  /** POST /api/v1/projects/:id/direct/decline (the named agency) {reason?} */
  async declineDirect({ params, request, bouncer, auth }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('answerDirect', project)
    const { reason } = await request.validateUsing(declineDirectValidator)
    const declined = await declineDirectSelection(project, reason ?? '', auth.getUserOrFail())
    return { status: declined.status, failReason: declined.failReason }
  }
}
