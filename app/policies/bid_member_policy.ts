import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type BidMember from '#models/bid_member'

/**
 * A consortium request (联合中介) is answered by the agency it names as a
 * member, and by no other — not the lead, not another agency.
 */
export default class BidMemberPolicy extends BasePolicy {
  /** The request's page: what the member is asked to do. */
  view(user: User, member: BidMember) {
    return this.answer(user, member)
  }

  answer(user: User, member: BidMember) {
    return user.role === 'agency' && user.organizationId === member.organizationId
  }
}
