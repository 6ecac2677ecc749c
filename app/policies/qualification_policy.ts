import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Qualification from '#models/qualification'

/**
 * Scans of qualification certificates are private: the agency that uploaded
 * them and the supervising staff may open them; spot checks are regulators'.
 */
export default class QualificationPolicy extends BasePolicy {
  viewFile(user: User, qualification: Qualification) {
    if (user.role === 'regulator' || user.role === 'admin') return true
    return user.role === 'agency' && user.organizationId === qualification.organizationId
  }

  manage(user: User, qualification: Qualification) {
    return user.role === 'agency' && user.organizationId === qualification.organizationId
  }

  check(user: User) {
    return user.role === 'regulator'
  }
}
