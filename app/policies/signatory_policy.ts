import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Signatory from '#models/signatory'
import { SIGNING_ORGANIZATION_KINDS } from '#domain/signatories'

const signs = (user: User) => (SIGNING_ORGANIZATION_KINDS as readonly string[]).includes(user.role)

/**
 * Who may sign for whom. An organisation's users see its signatories; which
 * of them may designate or revoke is the market's rule (a current signatory:
 * app/actions/signing/signatories.ts). Regulators and admins read the register.
 */
export default class SignatoryPolicy extends BasePolicy {
  manage(user: User) {
    return signs(user)
  }

  viewDocument(user: User, designation: Signatory) {
    if (user.role === 'regulator' || user.role === 'admin') return true
    return signs(user) && user.organizationId === designation.organizationId
  }

  viewRegister(user: User) {
    return user.role === 'regulator' || user.role === 'admin'
  }
}
