import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import Project from '#models/project'
import Bid from '#models/bid'
import BidPolicy from '#policies/bid_policy'
import ProjectPolicy from '#policies/project_policy'
import ObjectionPolicy from '#policies/objection_policy'
import {
  acceptDirectFormValidator,
  bidFormValidator,
  declineDirectValidator,
} from '#validators/bid'
import { justificationValidator } from '#validators/selection'
import { fileObjectionValidator } from '#validators/objection'
import { withdrawBid } from '#actions/bids/place_bid'
import { placeBidFromForm } from '#actions/bids/bid_form'
import { acceptDirectSelection, declineDirectSelection } from '#actions/selection/direct_selection'
import { justifyQuote } from '#actions/selection/abnormal_quotes'
import { fileObjection } from '#actions/selection/objections'
import {
  bidsOfAgency,
  consortiumRequestsForAgency,
  directRequestsForAgency,
  openProjectsForAgency,
} from '#queries/project_pages'
import { yuanToFen } from '#services/money'

/**
 * The agency's pages: open announcements for its items, direct and consortium
 * requests naming it, its bids, and its answers.
 */
export default class BidsController {
  async index({ auth, view }: HttpContext) {
    const organizationId = auth.getUserOrFail().organizationId
    const [open, direct, consortium, bids] = await Promise.all([
      openProjectsForAgency(organizationId),
      directRequestsForAgency(organizationId),
      consortiumRequestsForAgency(organizationId),
      bidsOfAgency(organizationId),
    ])
    return view.render('pages/agency/projects', { open, direct, consortium, bids })
  }

  /** The bid from the page: the quote in yuan, the team, consortium members by name or USCC. */
  async store({ params, request, response, auth, session, i18n }: HttpContext) {
    const form = await request.validateUsing(bidFormValidator)
    const { receipt } = await placeBidFromForm(Number(params.id), form, auth.getUserOrFail(), {
      ip: request.ip(),
      userAgent: request.header('user-agent') ?? null,
      acceptLanguage: request.header('accept-language') ?? null,
    })
    session.flash('success', i18n.t('messages.projectPages.bidPlaced', { receipt }))
    return response.redirect().toRoute('projects.show', { id: params.id })
  }

  /**
   * The bid form sent back to itself, unplaced: the page then finds the
   * consortium members typed and lists their persons to choose from (no
   * JavaScript needed). Nothing is stored.
   */
  async members({ params, response, session, i18n }: HttpContext) {
    session.flashExcept(['_csrf'])
    // Enter in a field of the form sends it back too: say that the bid is not placed.
    session.flash(
      'warning',
      i18n.t('messages.consortium.form.sentBack', {
        button: i18n.t('messages.projectPages.placeBid'),
      })
    )
    return response
      .redirect()
      .toPath(`${router.makeUrl('projects.show', { id: params.id })}#consortium`)
  }

  async withdraw({ params, response, auth, session, i18n }: HttpContext) {
    await withdrawBid(Number(params.id), auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.bidWithdrawn'))
    return response.redirect().toRoute('projects.show', { id: params.id })
  }

  async acceptDirect({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('answerDirect', project)
    const { quoteYuan, leadPractitionerId, teamPractitionerIds } =
      await request.validateUsing(acceptDirectFormValidator)
    await acceptDirectSelection(
      project,
      quoteYuan === undefined ? undefined : yuanToFen(quoteYuan),
      auth.getUserOrFail(),
      { leadPractitionerId, teamPractitionerIds }
    )
    session.flash('success', i18n.t('messages.projectPages.directAccepted'))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }

  async declineDirect({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const project = await Project.findOrFail(params.id)
    await bouncer.with(ProjectPolicy).authorize('answerDirect', project)
    const { reason } = await request.validateUsing(declineDirectValidator)
    await declineDirectSelection(project, reason ?? '', auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.directDeclined'))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }

  async justify({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const bid = await Bid.findOrFail(params.id)
    await bouncer.with(BidPolicy).authorize('justify', bid)
    const { text } = await request.validateUsing(justificationValidator)
    await justifyQuote(bid, text, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.justified'))
    return response.redirect().toRoute('projects.show', { id: bid.projectId })
  }

  async object({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(ObjectionPolicy).authorize('file')
    const project = await Project.findOrFail(params.id)
    const payload = await request.validateUsing(fileObjectionValidator)
    await fileObjection(project, payload, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.objectionFiled'))
    return response.redirect().toRoute('projects.show', { id: project.id })
  }
}
