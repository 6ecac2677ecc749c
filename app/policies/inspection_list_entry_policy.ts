import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Regulators keep the inspection list (抽查事项清单); everyone reads it. */
export default class InspectionListEntryPolicy extends BasePolicy {
  manage(user: User) {
    return user.role === 'regulator'
  }
}
