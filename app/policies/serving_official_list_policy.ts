import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * The list of serving officials (as hashes) is loaded by regulators, who
 * alone see which agency names whom; nobody else learns who is on it.
 */
export default class ServingOfficialListPolicy extends BasePolicy {
  load(user: User) {
    return user.role === 'regulator'
  }

  viewMatches(user: User) {
    return user.role === 'regulator'
  }
}
