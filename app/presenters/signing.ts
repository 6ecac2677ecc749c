import { isoInstant } from '#domain/time_zone'
import type SigningCertificate from '#models/signing_certificate'

/** A signing certificate as its holder sees it (API and page alike). */
export function presentSigningCertificate(certificate: SigningCertificate, now: Date) {
  const notAfter = certificate.notAfter.toJSDate()
  const status = certificate.revokedAt ? 'revoked' : notAfter <= now ? 'expired' : 'valid'
  return {
    serialNumber: certificate.serialNumber,
    scheme: certificate.scheme,
    capacity: certificate.capacity,
    publicKeySha256: certificate.publicKeyFingerprint,
    notBefore: isoInstant(certificate.notBefore),
    notAfter: isoInstant(certificate.notAfter),
    revokedAt: isoInstant(certificate.revokedAt),
    revocationReason: certificate.revocationReason,
    status,
    revocable: status === 'valid',
    certificatePem: certificate.certificatePem,
  }
}

/** A signatory in a list (the organisation's own, or the regulators' register). */
export function presentSignatory(signatory: {
  userId: number
  name: string
  capacity: string
  designationId: number | null
  designatedAt: Date | null
  hasDocument: boolean
}) {
  return {
    userId: signatory.userId,
    name: signatory.name,
    capacity: signatory.capacity,
    designationId: signatory.designationId,
    designatedAt: isoInstant(signatory.designatedAt),
    hasDocument: signatory.hasDocument,
  }
}
