/*
 * Throwaway PKI for the signature tests: a root CA, signers' certificates
 * under it, a time-stamping authority and CRLs, all ECDSA P-256 made with
 * @peculiar/x509 and node's WebCrypto — nothing here is the market's CA.
 */
// @peculiar/x509 needs the decorator metadata polyfill loaded before it.
import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { renderContract, textSha256 } from '#domain/contract_template'
import { GENERAL_TEMPLATE } from '#database/data/contract_templates'
import type { ContractOfRecord } from '#services/pades/contract_pdf'
import { prepareSignature, embedSignature } from '#services/pades/pdf_signature'
import {
  DEV_TSA_POLICY,
  respondToTimestampRequest,
  timestampRequest,
  tokenFromResponse,
  type TimestampAuthority,
} from '#services/pades/timestamp'
import { sha256 } from '#services/pades/cms'

x509.cryptoProvider.set(webcrypto as unknown as Crypto)
const subtle = webcrypto.subtle
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const

export type Party = {
  key: webcrypto.CryptoKeyPair
  certificate: x509.X509Certificate
  der: Uint8Array
}

let serial = 1
const nextSerial = () => (serial++).toString(16).padStart(4, '0').replace(/^/, '01')

async function keys() {
  return (await subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair
}

const VALID_FROM = new Date('2026-01-01T00:00:00Z')
const VALID_TO = new Date('2028-01-01T00:00:00Z')

export async function throwawayCa(name = 'CN=Throwaway Test CA, O=Tests'): Promise<Party> {
  const key = await keys()
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name,
    notBefore: VALID_FROM,
    notAfter: VALID_TO,
    keys: key as CryptoKeyPair,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true
      ),
    ],
  })
  return { key, certificate, der: new Uint8Array(certificate.rawData) }
}

export async function issue(
  ca: Party,
  name: string,
  extensions: x509.Extension[] = [
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true
    ),
  ]
): Promise<Party> {
  const key = await keys()
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: nextSerial(),
    subject: name,
    issuer: ca.certificate.subject,
    notBefore: VALID_FROM,
    notAfter: VALID_TO,
    publicKey: key.publicKey as CryptoKey,
    signingKey: ca.key.privateKey as CryptoKey,
    signingAlgorithm: SIGNING,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), ...extensions],
  })
  return { key, certificate, der: new Uint8Array(certificate.rawData) }
}

/** A TSA certificate under `ca` (extendedKeyUsage timeStamping, critical). */
export async function throwawayTsa(ca: Party): Promise<TimestampAuthority & { party: Party }> {
  const party = await issue(ca, 'CN=Throwaway TSA, O=Tests', [
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true),
  ])
  return {
    party,
    privateKey: party.key.privateKey,
    certificates: [party.der],
    policy: DEV_TSA_POLICY,
  }
}

export async function crlOf(ca: Party, revoked: { party: Party; at: Date }[]) {
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.certificate.subject,
    thisUpdate: new Date('2026-06-01T00:00:00Z'),
    nextUpdate: new Date('2027-06-01T00:00:00Z'),
    entries: revoked.map(({ party, at }) => ({
      serialNumber: party.certificate.serialNumber,
      revocationDate: at,
    })),
    signingKey: ca.key.privateKey as CryptoKey,
    signingAlgorithm: SIGNING,
  })
  return new Uint8Array(crl.rawData)
}

/** A timestamp source that asks `tsa` in-process at `at`. */
export function timestamper(tsa: TimestampAuthority, at: Date) {
  return async (signatureValue: Uint8Array) => {
    const digest = sha256(signatureValue)
    return tokenFromResponse(
      await respondToTimestampRequest(tsa, timestampRequest(digest), at),
      digest
    )
  }
}

/** Signs `pdf` as `signer` (r‖s from WebCrypto, as a browser or token would give it). */
export async function sign(
  pdf: Uint8Array,
  signer: Party,
  chain: Party[],
  at: Date,
  tsa?: TimestampAuthority
) {
  const prepared = await prepareSignature(pdf, { signerCertificate: signer.der, signingTime: at })
  const value = new Uint8Array(
    await subtle.sign(SIGNING, signer.key.privateKey, prepared.toBeSigned)
  )
  return embedSignature(
    prepared,
    value,
    [signer.der, ...chain.map((party) => party.der)],
    tsa ? timestamper(tsa, new Date(at.getTime() + 2000)) : undefined
  )
}

export function sampleContract(overrides: Partial<ContractOfRecord> = {}): ContractOfRecord {
  const values = {
    contractNumber: 'HT-ZJ2026-0001-7',
    projectCode: 'ZJ2026-0001',
    projectTitle: '城东片区控制性详细规划环境影响评价',
    serviceItem: '规划环境影响评价',
    ownerName: '某市自然资源和规划局',
    ownerUscc: '11330100002498765X',
    agencyName: '浙江某某环境科技有限公司',
    agencyUscc: '91330100MA27XYZ12K',
    winningQuoteFen: 18_800_000,
    priceFen: 18_800_000,
    deliverables: '环境影响报告书及审查意见修改稿',
    timeLimitWorkingDays: 40,
    acceptanceCriteria: '通过生态环境主管部门组织的技术审查',
    disputeResolution: '向甲方所在地人民法院提起诉讼',
    milestones: [
      { title: '合同生效后预付', amountFen: 5_640_000, condition: '签订后 10 个工作日内' },
      { title: '通过技术审查后支付', amountFen: 13_160_000, condition: null },
    ],
    supplementaryTerms: '乙方对项目资料负有保密义务。',
  }
  const text = renderContract(GENERAL_TEMPLATE.body, values)
  return {
    contractId: 7,
    contractNumber: values.contractNumber,
    revision: 2,
    text,
    textSha256: textSha256(text),
    ownerName: values.ownerName,
    ownerUscc: values.ownerUscc,
    agencyName: values.agencyName,
    agencyUscc: values.agencyUscc,
    priceFen: values.priceFen,
    timeLimitWorkingDays: values.timeLimitWorkingDays,
    revisedAt: new Date('2026-05-20T02:30:00Z'),
    ...overrides,
  }
}
