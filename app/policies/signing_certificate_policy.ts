import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import { SIGNING_ORGANIZATION_KINDS } from '#domain/signatories'

/**
 * Owners' and agencies' users hold signing keys; a certificate is found
 * within its holder's own (revocation looks it up by user), so no one else
 * ever reaches another's. Whether they may enrol is the signatory rule.
 */
export default class SigningCertificatePolicy extends BasePolicy {
  hold(user: User) {
    return (SIGNING_ORGANIZATION_KINDS as readonly string[]).includes(user.role)
  }
}
