import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Regulators take bad ratings through 整改 → 督办 → 回访. */
export default class FollowUpCasePolicy extends BasePolicy {
  manage(user: User) {
    return user.role === 'regulator'
  }
}
