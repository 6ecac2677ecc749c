import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type CreditEvent from '#models/credit_event'

/** Credit events are public; the agency they concern replies, appeals and applies for repair. */
export default class CreditEventPolicy extends BasePolicy {
  answer(user: User, event: CreditEvent) {
    return user.role === 'agency' && user.organizationId === event.organizationId
  }

  /** An agency reads all its own events, including those no longer published. */
  viewOwn(user: User) {
    return user.role === 'agency'
  }
}
