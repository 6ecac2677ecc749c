import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Regulators publish new versions of the credit rule table. */
export default class CreditRuleSetPolicy extends BasePolicy {
  publish(user: User) {
    return user.role === 'regulator'
  }
}
