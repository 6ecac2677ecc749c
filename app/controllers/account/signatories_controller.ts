import type { HttpContext } from '@adonisjs/core/http'
import SignatoryPolicy from '#policies/signatory_policy'
import { designateSignatoryValidator, revokeSignatoryValidator } from '#validators/signing'
import { designateSignatory, revokeSignatory } from '#actions/signing/signatories'
import { signatoriesOf, standingOf } from '#queries/signatories'
import { DESIGNATED_CAPACITIES } from '#domain/signatories'
import { addColleagueValidator } from '#validators/account'
import { addColleague, colleaguesOf } from '#actions/accounts/colleagues'

/**
 * /account/signatories: who may sign for the user's organisation; its
 * signatories designate others (with the authorisation document) and revoke them.
 */
export default class SignatoriesController {
  async index({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(SignatoryPolicy).authorize('manage')
    const user = auth.getUserOrFail()
    const [signatories, standing, colleagues] = await Promise.all([
      signatoriesOf(user.organizationId),
      standingOf(user),
      colleaguesOf(user.organizationId),
    ])
    return view.render('pages/account/signatories', {
      ...signatories,
      standing,
      colleagues,
      capacities: DESIGNATED_CAPACITIES,
    })
  }

  async store({ auth, bouncer, request, response, session, i18n }: HttpContext) {
    await bouncer.with(SignatoryPolicy).authorize('manage')
    const payload = await request.validateUsing(designateSignatoryValidator)
    await designateSignatory(auth.getUserOrFail(), payload)
    session.flash('success', i18n.t('signing.signatories.designated'))
    return response.redirect().toRoute('account.signatories.index')
  }

  /** POST /account/colleagues: a further user of the organisation, who sets their own password. */
  async addColleague({ auth, bouncer, request, response, session, i18n }: HttpContext) {
    await bouncer.with(SignatoryPolicy).authorize('manage')
    const payload = await request.validateUsing(addColleagueValidator)
    const colleague = await addColleague(auth.getUserOrFail(), payload)
    session.flash('success', i18n.t('signing.colleagues.added', { email: colleague.email }))
    return response.redirect().toRoute('account.signatories.index')
  }

  async revoke({ auth, bouncer, params, request, response, session, i18n }: HttpContext) {
    await bouncer.with(SignatoryPolicy).authorize('manage')
    const { reason } = await request.validateUsing(revokeSignatoryValidator)
    const revoked = await revokeSignatory(auth.getUserOrFail(), Number(params.id), reason)
    session.flash(
      revoked ? 'success' : 'error',
      i18n.t(revoked ? 'signing.signatories.revoked' : 'signing.signatories.unknown', {
        count: revoked?.revokedCertificates ?? 0,
      })
    )
    return response.redirect().toRoute('account.signatories.index')
  }
}
