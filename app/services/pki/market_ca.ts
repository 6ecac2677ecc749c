/*
 * The market's certificate authority: an ECDSA P-256 key and its
 * self-signed certificate, which issue the signers' certificates and sign the
 * certificate revocation list (CRL). The operator provides both files
 * (PKI_CA_KEY_FILE, PKI_CA_CERT_FILE); outside production a CA is generated
 * into tmp/pki/ on first use and kept there (git-ignored, never committed).
 */
import 'reflect-metadata'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import * as x509 from '@peculiar/x509'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import {
  CertificateList,
  CRLNumber,
  Extension as AsnExtension,
  id_ce_cRLNumber,
} from '@peculiar/asn1-x509'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import {
  certificateValidity,
  positiveSerial,
  SERIAL_OCTETS,
  subjectAttributes,
  type CertificateHolder,
} from '#domain/certificate_profile'

/** WebCrypto, as browsers have it (Node's global `crypto`). */
const webcrypto = globalThis.crypto
x509.cryptoProvider.set(webcrypto)

export const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const
export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const
const SIGNING = { ...P256, ...ECDSA_SHA256 }

/** The development CA's certificate lasts ten years; a production CA's is the operator's. */
const GENERATED_CA_YEARS = 10

export type MarketCa = {
  certificate: x509.X509Certificate
  privateKey: CryptoKey
  pem: string
}

/** Where the CA's files are, and whether a missing pair may be generated. */
export function caFiles() {
  return caFilesFor({
    keyFile: env.get('PKI_CA_KEY_FILE'),
    certFile: env.get('PKI_CA_CERT_FILE'),
    inProduction: app.inProduction,
    generatedFolder: app.tmpPath('pki'),
  })
}

/**
 * The operator's pair, both or neither; without them, production refuses and
 * elsewhere a pair is generated into (and then read from) `generatedFolder`.
 */
export function caFilesFor(settings: {
  keyFile?: string
  certFile?: string
  inProduction: boolean
  generatedFolder: string
}) {
  const { keyFile, certFile } = settings
  if (keyFile || certFile) {
    if (!keyFile || !certFile) {
      throw new Error('PKI_CA_KEY_FILE and PKI_CA_CERT_FILE go together: set both or neither')
    }
    return { keyFile, certFile, generate: false }
  }
  if (settings.inProduction) {
    throw new Error(
      'PKI_CA_KEY_FILE and PKI_CA_CERT_FILE are not set: the market CA (an ECDSA P-256 key in PKCS#8 PEM and its certificate) is required in production. See docs/operators/configuration.md.'
    )
  }
  return {
    keyFile: join(settings.generatedFolder, 'ca-key.pem'),
    certFile: join(settings.generatedFolder, 'ca-cert.pem'),
    generate: true,
  }
}

let loading: Promise<MarketCa> | null = null

/** The CA, loaded once per process (generated first when allowed and missing). */
export function marketCa(): Promise<MarketCa> {
  loading ??= loadCa().catch((error) => {
    loading = null
    throw error
  })
  return loading
}

async function loadCa(): Promise<MarketCa> {
  const files = caFiles()
  let pems: { key: string; cert: string } | null = await readPair(files)
  if (!pems && files.generate) pems = await generateCaFiles(files.keyFile, files.certFile)
  if (!pems) {
    throw new Error(`The market CA's files cannot be read: ${files.keyFile}, ${files.certFile}`)
  }
  const certificate = new x509.X509Certificate(pems.cert)
  const privateKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(pems.key),
    P256,
    false,
    ['sign']
  )
  await ensureKeyMatches(certificate, privateKey)
  return { certificate, privateKey, pem: certificate.toString('pem') }
}

async function readPair(files: { keyFile: string; certFile: string }) {
  try {
    return {
      key: await readFile(files.keyFile, 'utf8'),
      cert: await readFile(files.certFile, 'utf8'),
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** A key that does not belong to the certificate would issue certificates nobody can verify. */
async function ensureKeyMatches(certificate: x509.X509Certificate, privateKey: CryptoKey) {
  const probe = randomBytes(32)
  const signature = await webcrypto.subtle.sign(ECDSA_SHA256, privateKey, probe)
  const publicKey = await certificate.publicKey.export(SIGNING, ['verify'])
  if (!(await webcrypto.subtle.verify(ECDSA_SHA256, publicKey, signature, probe))) {
    throw new Error("The market CA's key does not belong to its certificate")
  }
}

/**
 * Generates a development CA. The pair is written into a folder of its own
 * and moved into place in one rename, so two processes starting at once
 * never pair one's key with the other's certificate: the loser reads the
 * winner's files.
 */
async function generateCaFiles(keyFile: string, certFile: string) {
  const keys = (await webcrypto.subtle.generateKey(SIGNING, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const now = new Date()
  const name = new x509.Name([
    { '2.5.4.6': [{ printableString: 'CN' }] },
    { '2.5.4.10': ['网上中介服务超市'] },
    { '2.5.4.3': ['网上中介服务超市 电子签名 CA（开发）'] },
  ])
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: positiveSerial(randomBytes(SERIAL_OCTETS)),
    name,
    notBefore: now,
    notAfter: new Date(now.getTime() + GENERATED_CA_YEARS * 365 * 86_400_000),
    signingAlgorithm: SIGNING,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  const pems = {
    key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    cert: certificate.toString('pem'),
  }
  const folder = dirname(keyFile)
  const staging = `${folder}.${process.pid}.${randomBytes(4).toString('hex')}`
  await mkdir(staging, { recursive: true, mode: 0o700 })
  await writeFile(join(staging, 'ca-key.pem'), pems.key, { mode: 0o600 })
  await writeFile(join(staging, 'ca-cert.pem'), pems.cert)
  await mkdir(dirname(folder), { recursive: true })
  try {
    await rename(staging, folder)
    return pems
  } catch {
    await rm(staging, { recursive: true, force: true })
    return readPair({ keyFile, certFile })
  }
}

/** The SHA-256 of a public key's SubjectPublicKeyInfo, in hex: how a key is recognised. */
export function publicKeyFingerprint(publicKey: x509.PublicKey) {
  return createHash('sha256').update(Buffer.from(publicKey.rawData)).digest('hex')
}

/**
 * Issues an end-entity certificate for a key whose possession was proven:
 * the subject from the market's records, key usage digitalSignature and
 * nonRepudiation (critical), not a CA, and where the CRL is published.
 */
export async function issueCertificate(input: {
  publicKey: x509.PublicKey
  holder: CertificateHolder
  issuedAt: Date
  crlUrl: string | null
}) {
  const ca = await marketCa()
  const { notBefore, notAfter } = certificateValidity(input.issuedAt, ca.certificate.notAfter)
  const subject = new x509.Name(
    subjectAttributes(input.holder).map(({ type, value }) => ({
      [type]: [type === '2.5.4.6' ? { printableString: value } : { utf8String: value }],
    }))
  )
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true
    ),
    await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    await x509.SubjectKeyIdentifierExtension.create(input.publicKey),
  ]
  if (input.crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([input.crlUrl]))
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: positiveSerial(randomBytes(SERIAL_OCTETS)),
    subject,
    issuer: ca.certificate.subjectName,
    notBefore,
    notAfter,
    signingAlgorithm: SIGNING,
    publicKey: input.publicKey,
    signingKey: ca.privateKey,
    extensions,
  })
  return certificate
}

export type CrlEntry = { serialNumber: string; revokedAt: Date; reasonCode: number | null }

/** How long a CRL is good for: verifiers fetch a new one within a day. */
export const CRL_VALIDITY_MS = 86_400_000

/**
 * The CRL (RFC 5280 §5) of every revoked certificate, signed now. An entry
 * without a reason carries no crlEntryExtensions at all: the generator writes
 * an empty SEQUENCE there, which RFC 5280 forbids and OpenSSL refuses (the
 * whole CRL fails to load), so the list is re-encoded without it and signed
 * again.
 */
export async function buildCrl(entries: CrlEntry[], thisUpdate: Date) {
  const ca = await marketCa()
  const generated = await x509.X509CrlGenerator.create({
    issuer: ca.certificate.subjectName,
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + CRL_VALIDITY_MS),
    entries: entries.map((entry) => ({
      serialNumber: entry.serialNumber,
      revocationDate: entry.revokedAt,
      ...(entry.reasonCode !== null ? { reason: entry.reasonCode } : {}),
    })),
    signingAlgorithm: SIGNING,
    signingKey: ca.privateKey,
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(ca.certificate)],
  })
  const list = AsnConvert.parse(generated.rawData, CertificateList)
  for (const revoked of list.tbsCertList.revokedCertificates ?? []) {
    if (revoked.crlEntryExtensions?.length === 0) revoked.crlEntryExtensions = undefined
  }
  // cRLNumber (monotonic: the second of issue), which every CRL must carry (RFC 5280 §5.2.3)
  list.tbsCertList.crlExtensions = [
    ...(list.tbsCertList.crlExtensions ?? []),
    new AsnExtension({
      extnID: id_ce_cRLNumber,
      critical: false,
      extnValue: new OctetString(
        AsnConvert.serialize(new CRLNumber(Math.floor(thisUpdate.getTime() / 1000)))
      ),
    }),
  ]
  const tbs = AsnConvert.serialize(list.tbsCertList)
  const signature = await webcrypto.subtle.sign(SIGNING, ca.privateKey, tbs)
  const asnSignature = new x509.AsnEcSignatureFormatter().toAsnSignature(SIGNING, signature)
  if (!asnSignature) throw new Error('The CRL signature could not be encoded')
  list.signature = asnSignature
  return new x509.X509Crl(AsnConvert.serialize(list))
}

/** A CRL in PEM with the label OpenSSL reads (RFC 7468 §5: "X509 CRL"; the library writes "CRL"). */
export function crlPem(crl: x509.X509Crl) {
  return x509.PemConverter.encode(crl.rawData, 'X509 CRL')
}
