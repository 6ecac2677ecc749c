/*
 * The certificates a contract verifier trusts. Today: every PEM certificate
 * in CONTRACT_TRUST_ANCHORS_DIR (none when unset or empty); this is the one
 * place to point at the market's own certificate authority once it exists.
 * Time-stamping authorities are trusted separately: the development TSA's
 * certificate where it runs.
 */
import 'reflect-metadata'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as x509 from '@peculiar/x509'
import env from '#start/env'
import { developmentTsaCertificate } from '#services/pades/tsa_service'

/** DER certificates from the PEM text (any number of CERTIFICATE blocks). */
export function certificatesFromPem(pem: string): Uint8Array[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []
  return blocks.map((block) => new Uint8Array(new x509.X509Certificate(block).rawData))
}

/** The trust anchors for signers' certificates ([] when none are configured). */
export async function marketTrustAnchors(dir = env.get('CONTRACT_TRUST_ANCHORS_DIR')) {
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
