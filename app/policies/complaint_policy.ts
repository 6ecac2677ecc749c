import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * Anyone may complain — visitors, owners, agencies — but not the staff who
 * answer complaints; only regulators assign, answer and read the evidence.
 */
export default class ComplaintPolicy extends BasePolicy {
  @allowGuest()
  file(user: User | null) {
    return user === null || user.role === 'owner' || user.role === 'agency'
  }

  manage(user: User) {
    return user.role === 'regulator'
  }
}
