import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Regulators read and decide appeals and repair applications. */
export default class CreditAppealPolicy extends BasePolicy {
  decide(user: User) {
    return user.role === 'regulator'
  }
}
