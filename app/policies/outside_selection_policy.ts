import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Owners record their own selections made outside the market; everyone reads them. */
export default class OutsideSelectionPolicy extends BasePolicy {
  create(user: User) {
    return user.role === 'owner'
  }
}
