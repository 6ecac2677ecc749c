/*
 * One interface for every way a signer may hold a key (docs/integrators/signing.md).
 * The market ships two schemes, both an ECDSA P-256 key the signer holds and
 * proves with a PKCS#10 request signed by it: `browser-key` (a WebCrypto key
 * kept unextractable in the browser's IndexedDB) and `api-client` (a key kept
 * by the integrator's own system). A deployment may register others — a
 * licensed CA's certificates (电子认证服务机构), a UKey, SM2/SM3 (国密) — by
 * implementing this interface; the signing flow asks only these questions.
 */
import type { CertificateHolder, RevocationReason } from '#domain/certificate_profile'

/** What a scheme answers about a certificate it issued or accepted. */
export type SchemeCertificate = {
  serialNumber: string
  scheme: string
  userId: number
  organizationId: number
  certificatePem: string
  publicKeySha256: string
  notBefore: Date
  notAfter: Date
  revokedAt: Date | null
  revocationReason: RevocationReason | null
}

export type RevocationStatus =
  | { status: 'good' }
  | { status: 'revoked'; revokedAt: Date; reason: RevocationReason | null }
  | { status: 'unknown' }

/** Why an enrolment request cannot be honoured (422 at the request's field). */
export type EnrolmentProblem = 'csrMalformed' | 'csrSignature' | 'csrKeyAlgorithm'

export type Enrolment =
  | {
      ok: true
      serialNumber: string
      certificatePem: string
      publicKeySha256: string
      notBefore: Date
      notAfter: Date
    }
  | { ok: false; problem: EnrolmentProblem }

/** The public key's fingerprint before issuing, so the caller can refuse a key enrolled before. */
export type ProvenRequest =
  | {
      ok: true
      publicKeySha256: string
      issue: (holder: CertificateHolder, at: Date) => Promise<Enrolment>
    }
  | { ok: false; problem: EnrolmentProblem }

export interface SigningScheme {
  /** Stable name, stored with each certificate (`browser-key`, `api-client`, `ukey`, `sm2`…). */
  readonly id: string
  /** The signature algorithm a signer uses under this scheme (what verifiers check). */
  readonly signatureAlgorithm: string
  /**
   * Checks a request's proof of possession (e.g. a CSR's self-signature) and
   * returns how to issue the certificate for it. The holder's names are the
   * market's records, never the request's; the caller has checked that the
   * holder may sign and records the result in its own transaction.
   */
  prove(request: string): Promise<ProvenRequest>
  /** A certificate of this scheme by serial number (lowercase hex), or null. */
  certificate(serialNumber: string): Promise<SchemeCertificate | null>
  /** Whether the certificate stood revoked at an instant: a signature made before revocation stays valid. */
  revocationStatus(serialNumber: string, at: Date): Promise<RevocationStatus>
  /** The certificates a verifier trusts for this scheme's certificates (PEM). */
  trustAnchors(): Promise<string[]>
}
