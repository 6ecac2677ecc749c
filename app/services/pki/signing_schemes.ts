/*
 * The schemes this market offers (app/services/pki/signing_scheme.ts): keys
 * held in the browser and keys held by API clients, both certified by the
 * market CA from a PKCS#10 request. A deployment adds its own here.
 */
import env from '#start/env'
import SigningCertificate from '#models/signing_certificate'
import { revokedAt } from '#domain/certificate_profile'
import { provenPublicKey } from '#services/pki/certificate_requests'
import { issueCertificate, marketCa } from '#services/pki/market_ca'
import type {
  RevocationStatus,
  SchemeCertificate,
  SigningScheme,
} from '#services/pki/signing_scheme'

/** Where the CRL is published, written into each certificate when the site's address is known. */
export function crlUrl() {
  const base = env.get('APP_URL')
  return base ? new URL('/api/v1/pki/crl', base).toString() : null
}

function toSchemeCertificate(row: SigningCertificate): SchemeCertificate {
  return {
    serialNumber: row.serialNumber,
    scheme: row.scheme,
    userId: row.userId,
    organizationId: row.organizationId,
    certificatePem: row.certificatePem,
    publicKeySha256: row.publicKeyFingerprint,
    notBefore: row.notBefore.toJSDate(),
    notAfter: row.notAfter.toJSDate(),
    revokedAt: row.revokedAt?.toJSDate() ?? null,
    revocationReason: row.revocationReason,
  }
}

/** A scheme whose signer proves a P-256 key with a CSR and gets a market CA certificate. */
function marketCaScheme(id: string): SigningScheme {
  return {
    id,
    signatureAlgorithm: 'ECDSA-P256-SHA256',

    async prove(csrPem) {
      const proven = await provenPublicKey(csrPem)
      if (!proven.ok) return proven
      return {
        ok: true,
        publicKeySha256: proven.fingerprint,
        async issue(holder, at) {
          const certificate = await issueCertificate({
            publicKey: proven.publicKey,
            holder,
            issuedAt: at,
            crlUrl: crlUrl(),
          })
          return {
            ok: true,
            serialNumber: certificate.serialNumber.toLowerCase(),
            certificatePem: certificate.toString('pem'),
            publicKeySha256: proven.fingerprint,
            notBefore: certificate.notBefore,
            notAfter: certificate.notAfter,
          }
        },
      }
    },

    async certificate(serialNumber) {
      const row = await SigningCertificate.query()
        .where('serial_number', serialNumber)
        .where('scheme', id)
        .first()
      return row ? toSchemeCertificate(row) : null
    },

    async revocationStatus(serialNumber, at): Promise<RevocationStatus> {
      const certificate = await this.certificate(serialNumber)
      if (!certificate) return { status: 'unknown' }
      if (certificate.revokedAt && revokedAt(at, certificate.revokedAt)) {
        return {
          status: 'revoked',
          revokedAt: certificate.revokedAt,
          reason: certificate.revocationReason,
        }
      }
      return { status: 'good' }
    },

    async trustAnchors() {
      const ca = await marketCa()
      return [ca.pem]
    },
  }
}

export const SIGNING_SCHEMES = {
  'browser-key': marketCaScheme('browser-key'),
  'api-client': marketCaScheme('api-client'),
} satisfies Record<string, SigningScheme>

export type SigningSchemeId = keyof typeof SIGNING_SCHEMES

export function signingScheme(id: SigningSchemeId): SigningScheme {
  return SIGNING_SCHEMES[id]
}
