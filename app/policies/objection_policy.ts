import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Agencies file objections (participation is checked by the domain); regulators decide them. */
export default class ObjectionPolicy extends BasePolicy {
  file(user: User) {
    return user.role === 'agency'
  }

  decide(user: User) {
    return user.role === 'regulator'
  }
}
