import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Fee records (收费记录) and their flags are for regulators (and admins) to audit. */
export default class FeeRecordPolicy extends BasePolicy {
  viewAny(user: User) {
    return user.role === 'regulator' || user.role === 'admin'
  }
}
