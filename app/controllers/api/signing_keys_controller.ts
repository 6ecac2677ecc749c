import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import SigningCertificatePolicy from '#policies/signing_certificate_policy'
import { enrolSigningKeyValidator, revokeSigningKeyValidator } from '#validators/signing'
import {
  enrolSigningKey,
  revokeSigningKey,
  signingCertificatesOf,
} from '#actions/signing/signing_keys'
import { presentSigningCertificate } from '#presenters/signing'
import { normaliseSerial } from '#domain/certificate_profile'
import { clock } from '#services/clock'

/** /api/v1/signing-keys: an API client's own keys, certified by the market CA. */
export default class SigningKeysController {
  /** GET: the caller's certificates, newest first. */
  async index({ auth, bouncer }: HttpContext) {
    await bouncer.with(SigningCertificatePolicy).authorize('hold')
    const certificates = await signingCertificatesOf(auth.getUserOrFail())
    return { data: certificates.map((row) => presentSigningCertificate(row, clock.now())) }
  }

  /** POST {csrPem, password} → 201 {certificatePem, serialNumber}. */
  async store({ auth, bouncer, request, response }: HttpContext) {
    await bouncer.with(SigningCertificatePolicy).authorize('hold')
    const payload = await request.validateUsing(enrolSigningKeyValidator)
    const certificate = await enrolSigningKey(auth.getUserOrFail(), payload, {
      ip: request.ip(),
      scheme: 'api-client',
    })
    return response.created({
      ...presentSigningCertificate(certificate, clock.now()),
      certificatePem: certificate.certificatePem,
      serialNumber: certificate.serialNumber,
    })
  }

  /** DELETE /:serial {reason?} → 204: the certificate is on the CRL from now on. */
  async destroy({ auth, bouncer, params, request, response }: HttpContext) {
    await bouncer.with(SigningCertificatePolicy).authorize('hold')
    const { reason } = await request.validateUsing(revokeSigningKeyValidator)
    const serial = normaliseSerial(String(params.serial))
    if (!(await revokeSigningKey(auth.getUserOrFail(), serial, reason ?? null))) {
      throw new Exception('No such certificate', { status: 404, code: 'E_ROW_NOT_FOUND' })
    }
    return response.noContent()
  }
}
