import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * Collusion signals and report similarity name agencies on suspicion and
 * show their reports and contact data: for regulators only.
 */
export default class RegulatorSignalPolicy extends BasePolicy {
  view(user: User) {
    return user.role === 'regulator'
  }
}
