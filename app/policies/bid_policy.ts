import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Bid from '#models/bid'

/** A bid belongs to the agency that placed it: only it explains its quote. */
export default class BidPolicy extends BasePolicy {
  justify(user: User, bid: Bid) {
    return user.role === 'agency' && user.organizationId === bid.organizationId
  }
}
