/*
 * The certificates a contract verifier trusts: the anchors of every signing
 * scheme the market offers (its own certificate authority for the browser
 * and API-client keys; a deployment's licensed CA where it adds one), plus
 * every PEM certificate in CONTRACT_TRUST_ANCHORS_DIR (e.g. a former CA's
 * certificate, for contracts signed before a key change). Revocation comes
 * from the market CA's CRL. Time-stamping authorities are trusted
 * separately: the development TSA's certificate where it runs.
 */
import 'reflect-metadata'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as x509 from '@peculiar/x509'
import env from '#start/env'
import { developmentTsaCertificate } from '#services/pades/tsa_service'
import { SIGNING_SCHEMES } from '#services/pki/signing_schemes'
import { crlOfMarketCa } from '#queries/certificate_revocations'

/** DER certificates from the PEM text (any number of CERTIFICATE blocks). */
export function certificatesFromPem(pem: string): Uint8Array[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []
  return blocks.map((block) => new Uint8Array(new x509.X509Certificate(block).rawData))
}

/** The trust anchors for signers' certificates: the schemes' own and the configured ones. */
export async function marketTrustAnchors(dir = env.get('CONTRACT_TRUST_ANCHORS_DIR')) {
  const schemes = await Promise.all(
    Object.values(SIGNING_SCHEMES).map((scheme) => scheme.trustAnchors())
  )
  const own = [...new Set(schemes.flat())].flatMap(certificatesFromPem)
  return unique([...own, ...(await configuredTrustAnchors(dir))])
}

/** The market CA's current CRL (DER), for checking revocation at the signing time. */
export async function marketCrls() {
  const crl = await crlOfMarketCa()
  return [new Uint8Array(crl.rawData)]
}

function unique(certificates: Uint8Array[]) {
  const seen = new Set<string>()
  return certificates.filter((der) => {
    const key = Buffer.from(der).toString('base64')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The PEM certificates in CONTRACT_TRUST_ANCHORS_DIR ([] when unset or empty). */
async function configuredTrustAnchors(dir: string | undefined) {
  if (!dir) return []
  let names: string[]
  try {
    const entries = await readdir(dir)
    names = entries.filter((name) => /\.(pem|crt)$/i.test(name)).sort()
  } catch {
    return []
  }
  const anchors: Uint8Array[] = []
  for (const name of names) {
    anchors.push(...certificatesFromPem(await readFile(join(dir, name), 'utf8')))
  }
  return anchors
}

/** The trust anchors for time-stamping authorities beyond the signers' ones. */
export async function marketTsaTrustAnchors() {
  const development = await developmentTsaCertificate()
  return development ? [development] : []
}
