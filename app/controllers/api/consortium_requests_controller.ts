import type { HttpContext } from '@adonisjs/core/http'
import BidMember from '#models/bid_member'
import BidMemberPolicy from '#policies/bid_member_policy'
import { declineMembershipValidator } from '#validators/bid'
import { confirmMembership, declineMembership } from '#actions/bids/consortium_requests'
import { consortiumRequestsForAgency } from '#queries/project_pages'

/** Consortium requests (联合中介) naming the agency as a member, and its answers. */
export default class ConsortiumRequestsController {
  /** GET /api/v1/consortium-requests: the requests on projects still taking bids. */
  async index({ auth }: HttpContext) {
    const requests = await consortiumRequestsForAgency(auth.getUserOrFail().organizationId)
    return { data: requests }
  }

  /** POST /api/v1/consortium-requests/:id/confirm (the member, before the deadline) */
  async confirm({ params, auth, bouncer }: HttpContext) {
    const request = await BidMember.findOrFail(params.id)
    await bouncer.with(BidMemberPolicy).authorize('answer', request)
    const answered = await confirmMembership(request, auth.getUserOrFail())
    return { id: answered.id, status: answered.status }
  }

  /** POST /api/v1/consortium-requests/:id/decline {reason?} (the member, before the deadline) */
  async decline({ params, request, auth, bouncer }: HttpContext) {
    const membership = await BidMember.findOrFail(params.id)
    await bouncer.with(BidMemberPolicy).authorize('answer', membership)
    const { reason } = await request.validateUsing(declineMembershipValidator)
    const answered = await declineMembership(membership, reason ?? '', auth.getUserOrFail())
    return { id: answered.id, status: answered.status }
  }
}
