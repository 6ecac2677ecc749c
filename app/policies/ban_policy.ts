import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Only regulators impose and lift market bans. */
export default class BanPolicy extends BasePolicy {
  manage(user: User) {
    return user.role === 'regulator'
  }
}
