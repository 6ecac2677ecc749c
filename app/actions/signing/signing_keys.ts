/*
 * Signing keys held by their signers (可靠电子签名, 电子签名法 Art. 13): a
 * current signatory enrols a key they alone hold — proven by a certificate
 * request signed with it — and the market CA certifies it with the names in
 * the market's records; the holder revokes it (a lost device) and enrols
 * another. Enrolment asks for the password again, throttled as signing is.
 */
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { DateTime } from 'luxon'
import type User from '#models/user'
import Organization from '#models/organization'
import SigningCertificate from '#models/signing_certificate'
import RefusalException from '#exceptions/refusal_exception'
import StateConflictException from '#exceptions/state_conflict_exception'
import { refuseInput } from '#exceptions/invalid_input_exception'
import { REVOCATION_REASONS, type RevocationReason } from '#domain/certificate_profile'
import { recordAuditEvent } from '#services/audit_log'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { throttleSigningPassword } from '#services/password_throttle'
import { signingScheme, type SigningSchemeId } from '#services/pki/signing_schemes'
import { standingOf } from '#queries/signatories'

/** A signer keeps a few keys at once (a browser, an API client, a spare), not a drawerful. */
export const MAX_ACTIVE_KEYS = 5

/** The user may not sign for their organisation: 403 naming why. */
export function notSignatory() {
  return new RefusalException(403, 'E_NOT_SIGNATORY', {
    identifier: 'signing.refusals.notSignatory',
  })
}

function refuseRequest(rule: string): never {
  refuseInput([{ field: 'csrPem', rule, identifier: `signing.refusals.${rule}` }])
}

/**
 * Certifies the key of a request for `user`. Refusals: a wrong password (422,
 * throttled), a request that is unreadable, not signed by its own key or not
 * an ECDSA P-256 key (422), a key enrolled before, by anyone (422), a user
 * who is not a current signatory (403), too many keys in force (409).
 */
export async function enrolSigningKey(
  user: User,
  input: { csrPem: string; password: string },
  context: { ip: string; scheme: SigningSchemeId }
) {
  try {
    return await certify(user, input, context)
  } catch (error) {
    // The same key sent at once for two organisations: the unique fingerprint keeps one.
    if (isUniqueViolation(error)) refuseRequest('keyAlreadyEnrolled')
    throw error
  }
}

function isUniqueViolation(error: unknown) {
  const code = error instanceof Object && 'code' in error ? error.code : undefined
  return typeof code === 'string' && ['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_UNIQUE'].includes(code)
}

async function certify(
  user: User,
  input: { csrPem: string; password: string },
  context: { ip: string; scheme: SigningSchemeId }
) {
  await throttleSigningPassword(user.id, context.ip, async () => {
    if (!(await hash.verify(user.password, input.password))) {
      refuseInput([
        { field: 'password', rule: 'wrongPassword', identifier: 'signing.refusals.wrongPassword' },
      ])
    }
  })
  const scheme = signingScheme(context.scheme)
  const proven = await scheme.prove(input.csrPem)
  if (!proven.ok) refuseRequest(proven.problem)

  return db.transaction(async (trx) => {
    // The organisation's row serialises enrolments with designations and revocations of signatories.
    const organization = await Organization.query({ client: trx })
      .where('id', user.organizationId)
      .forUpdate()
      .firstOrFail()
    const standing = await standingOf(user, trx)
    if (!standing) throw notSignatory()
    const known = await trx
      .from('signing_certificates')
      .where('public_key_fingerprint', proven.publicKeySha256)
      .first()
    if (known) refuseRequest('keyAlreadyEnrolled')
    const active = await trx
      .from('signing_certificates')
      .where('user_id', user.id)
      .whereNull('revoked_at')
      .where('not_after', '>', sqlTime(clock.now()))
      .count('* as total')
    if (Number(active[0].total) >= MAX_ACTIVE_KEYS) {
      throw new StateConflictException({
        identifier: 'signing.refusals.tooManyKeys',
        data: { max: MAX_ACTIVE_KEYS },
      })
    }
    const issued = await proven.issue(
      {
        personName: user.fullName,
        organizationName: organization.name,
        uscc: organization.uscc,
        capacity: standing.capacity,
      },
      clock.now()
    )
    if (!issued.ok) refuseRequest(issued.problem)
    const certificate = await SigningCertificate.create(
      {
        serialNumber: issued.serialNumber,
        scheme: scheme.id,
        userId: user.id,
        organizationId: organization.id,
        capacity: standing.capacity,
        certificatePem: issued.certificatePem,
        publicKeyFingerprint: issued.publicKeySha256,
        notBefore: DateTime.fromJSDate(issued.notBefore),
        notAfter: DateTime.fromJSDate(issued.notAfter),
        revokedAt: null,
        revocationReason: null,
      },
      { client: trx }
    )
    await recordAuditEvent(trx, {
      actor: user,
      action: 'signing_key.enrolled',
      subjectType: 'signing_certificate',
      subjectId: certificate.serialNumber,
      payload: {
        scheme: scheme.id,
        organizationId: organization.id,
        capacity: standing.capacity,
        publicKeySha256: certificate.publicKeyFingerprint,
        notAfter: issued.notAfter.toISOString(),
      },
    })
    return certificate
  })
}

/** The user's certificates, newest first. */
export function signingCertificatesOf(user: User) {
  return SigningCertificate.query().where('user_id', user.id).orderBy('id', 'desc')
}

/**
 * The holder revokes one of their certificates (a lost device: key_compromise;
 * no reason given: unspecified). Null when the user has no such certificate;
 * 409 when it was revoked before.
 */
export async function revokeSigningKey(
  user: User,
  serialNumber: string,
  reason: RevocationReason | null
) {
  return db.transaction(async (trx) => {
    const certificate = await SigningCertificate.query({ client: trx })
      .where('serial_number', serialNumber)
      .where('user_id', user.id)
      .forUpdate()
      .first()
    if (!certificate) return null
    if (certificate.revokedAt) {
      throw new StateConflictException({ identifier: 'signing.refusals.alreadyRevoked' })
    }
    certificate.merge({ revokedAt: DateTime.fromJSDate(clock.now()), revocationReason: reason })
    await certificate.save()
    await recordAuditEvent(trx, {
      actor: user,
      action: 'signing_key.revoked',
      subjectType: 'signing_certificate',
      subjectId: certificate.serialNumber,
      payload: {
        organizationId: certificate.organizationId,
        reason,
        reasonCode: reason ? REVOCATION_REASONS[reason] : null,
      },
    })
    return certificate
  })
}
