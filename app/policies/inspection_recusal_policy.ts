import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Regulators declare their own or a colleague's relation to an agency (回避申报). */
export default class InspectionRecusalPolicy extends BasePolicy {
  declare(user: User) {
    return user.role === 'regulator'
  }
}
