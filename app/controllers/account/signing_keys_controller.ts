import type { HttpContext } from '@adonisjs/core/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import SigningCertificatePolicy from '#policies/signing_certificate_policy'
import { enrolSigningKeyValidator, revokeSigningKeyValidator } from '#validators/signing'
import {
  enrolSigningKey,
  revokeSigningKey,
  signingCertificatesOf,
} from '#actions/signing/signing_keys'
import { presentSigningCertificate } from '#presenters/signing'
import { standingOf } from '#queries/signatories'
import { normaliseSerial, HOLDER_REVOCATION_REASONS } from '#domain/certificate_profile'
import { formatDateTime } from '#domain/time_zone'
import { clock } from '#services/clock'

/**
 * /account/signing-keys: the user's signing keys. The browser makes the key
 * (WebCrypto, unextractable, kept in IndexedDB) and posts its certificate
 * request here with the password; revoking works without JavaScript.
 */
export default class SigningKeysController {
  async index({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(SigningCertificatePolicy).authorize('hold')
    const user = auth.getUserOrFail()
    const [certificates, standing] = await Promise.all([
      signingCertificatesOf(user),
      standingOf(user),
    ])
    return view.render('pages/account/signing_keys', {
      certificates: certificates.map((row) => presentSigningCertificate(row, clock.now())),
      standing,
      reasons: HOLDER_REVOCATION_REASONS,
    })
  }

  async store({ auth, bouncer, request, response, session, i18n }: HttpContext) {
    await bouncer.with(SigningCertificatePolicy).authorize('hold')
    const payload = await request.validateUsing(enrolSigningKeyValidator)
    try {
      const certificate = await enrolSigningKey(auth.getUserOrFail(), payload, {
        ip: request.ip(),
        scheme: 'browser-key',
      })
      session.flash(
        'success',
        i18n.t('signing.keys.enrolled', { serial: certificate.serialNumber })
      )
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      const retryAt = new Date(Date.now() + error.response.availableIn * 1000)
      session.flash('error', i18n.t('signing.keys.throttled', { time: formatDateTime(retryAt) }))
    }
    return response.redirect().toRoute('account.signing_keys.index')
  }

  async revoke({ auth, bouncer, params, request, response, session, i18n }: HttpContext) {
    await bouncer.with(SigningCertificatePolicy).authorize('hold')
    const { reason } = await request.validateUsing(revokeSigningKeyValidator)
    const serial = normaliseSerial(String(params.serial))
    const revoked = await revokeSigningKey(auth.getUserOrFail(), serial, reason ?? null)
    session.flash(
      revoked ? 'success' : 'error',
      i18n.t(revoked ? 'signing.keys.revoked' : 'signing.keys.unknown', { serial })
    )
    return response.redirect().toRoute('account.signing_keys.index')
  }
}
