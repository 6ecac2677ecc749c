import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Regulators import joint punishment lists and lift entries; everyone sees a listing on the agency page. */
export default class JointPunishmentEntryPolicy extends BasePolicy {
  manage(user: User) {
    return user.role === 'regulator'
  }
}
