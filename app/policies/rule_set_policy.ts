import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Admins publish new versions of the market's rule parameters; everyone reads them. */
export default class RuleSetPolicy extends BasePolicy {
  publish(user: User) {
    return user.role === 'admin'
  }
}
