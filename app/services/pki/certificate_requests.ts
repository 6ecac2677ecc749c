/*
 * A PKCS#10 certificate request (CSR) proves one thing: that whoever sent it
 * holds the private key of the public key inside, because the request is
 * signed with it. Nothing else in it is believed (the subject is ignored: the
 * CA takes the names from the market's records).
 */
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { publicKeyFingerprint } from '#services/pki/market_ca'

x509.cryptoProvider.set(globalThis.crypto)

/** Why a request cannot be used: unreadable, not self-signed by its key, or not an ECDSA P-256 key. */
export type RequestProblem = 'csrMalformed' | 'csrSignature' | 'csrKeyAlgorithm'

export type ProvenKey =
  | { ok: true; publicKey: x509.PublicKey; fingerprint: string }
  | { ok: false; problem: RequestProblem }

/** The P-256 public key of a request whose self-signature verifies. */
export async function provenPublicKey(csrPem: string): Promise<ProvenKey> {
  let request: x509.Pkcs10CertificateRequest
  try {
    request = new x509.Pkcs10CertificateRequest(csrPem.trim())
  } catch {
    return { ok: false, problem: 'csrMalformed' }
  }
  const algorithm = request.publicKey.algorithm as EcKeyAlgorithm
  if (algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256') {
    return { ok: false, problem: 'csrKeyAlgorithm' }
  }
  let verified = false
  try {
    verified = await request.verify()
  } catch {
    verified = false
  }
  if (!verified) return { ok: false, problem: 'csrSignature' }
  return {
    ok: true,
    publicKey: request.publicKey,
    fingerprint: publicKeyFingerprint(request.publicKey),
  }
}
