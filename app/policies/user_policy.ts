import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * Account administration: regulators suspend owners' and agencies' users,
 * admins any account but their own. Only admins send password reset links
 * to others (one's own password is changed on the account page).
 */
export default class UserPolicy extends BasePolicy {
  list(actor: User) {
    return actor.role === 'regulator' || actor.role === 'admin'
  }

  suspend(actor: User, target: User) {
    if (actor.id === target.id) return false
    if (actor.role === 'admin') return true
    return actor.role === 'regulator' && (target.role === 'owner' || target.role === 'agency')
  }

  sendPasswordReset(actor: User, target: User) {
    return actor.role === 'admin' && actor.id !== target.id && !target.suspendedAt
  }
}
