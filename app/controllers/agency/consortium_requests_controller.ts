import type { HttpContext } from '@adonisjs/core/http'
import BidMember from '#models/bid_member'
import BidMemberPolicy from '#policies/bid_member_policy'
import { declineMembershipValidator } from '#validators/bid'
import { confirmMembership, declineMembership } from '#actions/bids/consortium_requests'
import { consortiumRequestFor } from '#queries/consortium_members'

/** The agency answers a lead that named it as a consortium member (联合中介), from its pages. */
export default class ConsortiumRequestsController {
  /** What the member is asked: the project, its sub-item and the persons of its own named for it. */
  async show({ params, view, bouncer }: HttpContext) {
    const member = await BidMember.findOrFail(params.id)
    await bouncer.with(BidMemberPolicy).authorize('view', member)
    const request = await consortiumRequestFor(member.id)
    return view.render('pages/agency/consortium_request', { request })
  }

  async confirm({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    const request = await BidMember.findOrFail(params.id)
    await bouncer.with(BidMemberPolicy).authorize('answer', request)
    await confirmMembership(request, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.consortium.confirmed'))
    return response.redirect().toRoute('agency.consortium_requests.show', { id: request.id })
  }

  async decline({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    const membership = await BidMember.findOrFail(params.id)
    await bouncer.with(BidMemberPolicy).authorize('answer', membership)
    const { reason } = await request.validateUsing(declineMembershipValidator)
    await declineMembership(membership, reason ?? '', auth.getUserOrFail())
    session.flash('success', i18n.t('messages.consortium.declined'))
    return response.redirect().toRoute('agency.consortium_requests.show', { id: membership.id })
  }
}
