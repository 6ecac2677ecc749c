import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import SignatoryPolicy from '#policies/signatory_policy'
import { designateSignatoryValidator, revokeSignatoryValidator } from '#validators/signing'
import { designateSignatory, revokeSignatory } from '#actions/signing/signatories'
import { signatoriesOf } from '#queries/signatories'
import { presentSignatory } from '#presenters/signing'
import { isoInstant } from '#domain/time_zone'
import { addColleagueValidator } from '#validators/account'
import { addColleague } from '#actions/accounts/colleagues'

/** /api/v1/organization/signatories: who may sign for the caller's organisation. */
export default class SignatoriesController {
  /** GET: the signatories in force, the revoked ones, and the users who could be designated. */
  async index({ auth, bouncer }: HttpContext) {
    await bouncer.with(SignatoryPolicy).authorize('manage')
    const { current, revoked, designatable } = await signatoriesOf(
      auth.getUserOrFail().organizationId
    )
    return {
      data: current.map(presentSignatory),
      revoked: revoked.map((row) => ({ ...row, revokedAt: isoInstant(row.revokedAt) })),
      designatable: designatable.map(({ id, name }) => ({ userId: id, name })),
    }
  }

  /**
   * POST /api/v1/organization/users {fullName, email} → 201: a signatory adds a colleague, who
   * gets a password-setting link by e-mail (nobody else learns the password).
   */
  async addColleague({ auth, bouncer, request, response }: HttpContext) {
    await bouncer.with(SignatoryPolicy).authorize('manage')
    const payload = await request.validateUsing(addColleagueValidator)
    const colleague = await addColleague(auth.getUserOrFail(), payload)
    return response.created({
      userId: colleague.id,
      fullName: colleague.fullName,
      email: colleague.email,
      role: colleague.role,
    })
  }

  /** POST multipart {userId, capacity, document} → 201: a current signatory designates another. */
  async store({ auth, bouncer, request, response }: HttpContext) {
    await bouncer.with(SignatoryPolicy).authorize('manage')
    const payload = await request.validateUsing(designateSignatoryValidator)
    const designation = await designateSignatory(auth.getUserOrFail(), payload)
    return response.created({
      designationId: designation.id,
      userId: designation.userId,
      capacity: designation.capacity,
      designatedAt: isoInstant(designation.designatedAt),
    })
  }

  /** POST /:id/revoke {reason} (id: the user) → 200 with the number of certificates revoked with them. */
  async revoke({ auth, bouncer, params, request }: HttpContext) {
    await bouncer.with(SignatoryPolicy).authorize('manage')
    const { reason } = await request.validateUsing(revokeSignatoryValidator)
    const revoked = await revokeSignatory(auth.getUserOrFail(), Number(params.id), reason)
    if (!revoked) throw new Exception('No such signatory', { status: 404, code: 'E_ROW_NOT_FOUND' })
    return { userId: Number(params.id), revokedCertificates: revoked.revokedCertificates }
  }
}
