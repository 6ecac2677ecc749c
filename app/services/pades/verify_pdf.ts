/*
 * Verifying a signed contract PDF, offline, from its bytes alone plus the
 * trust anchors (and CRLs) the caller gives. Signatures are found by their
 * /ByteRange in the file (each in its own incremental update) and checked in
 * file order: the byte ranges (all but /Contents, up to a revision's %%EOF),
 * the CMS digest and signature, the ESS binding to the signer's certificate,
 * the chain to a trust anchor at the signing time, revocation at that time
 * from the CRLs given, the RFC 3161 timestamp over the signature value, and
 * whether the signed revision is the contract of record. A changed byte
 * breaks every signature whose ranges cover it, and each is named.
 */
// @peculiar/x509 needs the decorator metadata polyfill loaded before it.
import 'reflect-metadata'
import * as pkijs from 'pkijs'
import * as x509 from '@peculiar/x509'
import { PDFHexString } from 'pdf-lib'
import {
  OID,
  checkSignerInfo,
  parseCertificate,
  type SignerInfoCheck,
  parseSignedData,
  sha256,
} from '#services/pades/cms'
import { checkTimestampToken } from '#services/pades/timestamp'
import { INFO_KEYS, renderContractPdf, type ContractOfRecord } from '#services/pades/contract_pdf'

export type Problem =
  | 'byteRangeMalformed'
  | 'contentsMalformed'
  | 'cmsMalformed'
  | 'digestMismatch'
  | 'signatureInvalid'
  | 'signingCertificateNotBound'
  | 'signingTimeAttributePresent'
  | 'chainUntrusted'
  | 'revoked'
  | 'revocationUnknown'
  | 'timestampInvalid'
  | 'timestampUntrusted'
  | 'notContractOfRecord'
  | 'modifiedAfterSigning'

export type SignatureReport = {
  index: number
  fieldName: string | null
  signer: { subject: string; commonName: string | null; serialNumber: string } | null
  /** /M of the signature dictionary (the claimed signing time). */
  claimedSigningTime: Date | null
  byteRange: number[]
  /** The ranges cover everything from byte 0 to a revision's %%EOF, except /Contents. */
  coversRevision: boolean
  /** The ranges reach the end of the file (nothing appended after this signature). */
  coversWholeDocument: boolean
  /** The digest of the ranges matches the signed message-digest and the signature verifies. */
  integrity: boolean
  chain: { trusted: boolean; anchor: string | null; message: string | null }
  revocation: {
    status: 'good' | 'revoked' | 'unknown'
    revokedAt: Date | null
    checkedAt: Date | null
  }
  timestamp: {
    present: boolean
    valid: boolean
    trusted: boolean
    time: Date | null
    authority: string | null
  }
  contract: {
    contractId: string | null
    revision: string | null
    textSha256: string | null
    /** null when no contract of record was given. */
    matchesRecord: boolean | null
  }
  problems: Problem[]
  valid: boolean
}

export type VerificationReport = {
  signatures: SignatureReport[]
  /** Every signature valid and the last one covers the whole file. */
  valid: boolean
  /** Bytes follow the last signed revision. */
  modifiedAfterLastSignature: boolean
}

export type VerifyOptions = {
  /** Trusted roots (DER) for the signers' and the TSA's chains. */
  trustAnchors: Uint8Array[]
  /** CRLs (DER) to check revocation at the signing time. */
  crls?: Uint8Array[]
  contractOfRecord?: ContractOfRecord
  /** Extra trusted roots for time-stamping authorities only. */
  tsaTrustAnchors?: Uint8Array[]
  /** The time the chain is checked at when there is no valid timestamp (default: /M). */
  now?: Date
}

const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

function parsePdfDate(value: string | undefined) {
  const match = value?.match(/^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/)
  if (!match) return null
  const [, y, mo, d, h, mi, s, zone] = match
  const offset =
    !zone || zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`)
  return Number.isNaN(date.getTime()) ? null : date
}

function pdfStringValue(dict: string, key: string): string | null {
  const literal = dict.match(new RegExp(`/${key}\\s*\\(([^)]*)\\)`))
  if (literal) return literal[1]
  const hex = dict.match(new RegExp(`/${key}\\s*<([0-9A-Fa-f\\s]*)>`))
  if (hex) {
    try {
      return PDFHexString.of(hex[1].replace(/\s/g, '')).decodeText()
    } catch {
      return null
    }
  }
  return null
}

/** The object text around a position: from its `N G obj` to its `endobj`. */
function enclosingObject(text: string, at: number) {
  const before = text.lastIndexOf(' obj', at)
  const start = before === -1 ? Math.max(0, at - 4096) : before
  const end = text.indexOf('endobj', at)
  return text.slice(start, end === -1 ? Math.min(text.length, at + 4096) : end)
}

function describeCertificate(der: Uint8Array) {
  const cert = new x509.X509Certificate(buffer(der))
  return {
    subject: cert.subject,
    commonName: cert.subjectName.getField('CN')[0] ?? null,
    serialNumber: cert.serialNumber,
  }
}

async function chainTo(
  leaf: Uint8Array,
  intermediates: Uint8Array[],
  anchors: Uint8Array[],
  at: Date
): Promise<{
  trusted: boolean
  anchor: string | null
  message: string | null
  path: pkijs.Certificate[]
}> {
  if (anchors.length === 0) {
    return { trusted: false, anchor: null, message: 'no trust anchors', path: [] }
  }
  // A certificate trusted as it is (the development TSA's self-issued one): valid at `at`.
  if (anchors.some((anchor) => Buffer.compare(Buffer.from(anchor), Buffer.from(leaf)) === 0)) {
    const cert = new x509.X509Certificate(buffer(leaf))
    const current = cert.notBefore <= at && at <= cert.notAfter
    return {
      trusted: current,
      anchor: current ? cert.subject : null,
      message: current ? null : 'certificate expired or not yet valid',
      path: [],
    }
  }
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: anchors.map(parseCertificate),
      certs: [parseCertificate(leaf), ...intermediates.map(parseCertificate)],
      checkDate: at,
    })
    const result = await engine.verify()
    const path = (result as { certificatePath?: pkijs.Certificate[] }).certificatePath ?? []
    const anchor = path.at(-1)
    return {
      trusted: result.result,
      anchor:
        result.result && anchor
          ? new x509.X509Certificate(anchor.toSchema().toBER()).subject
          : null,
      message: result.result ? null : result.resultMessage,
      path,
    }
  } catch (error) {
    return { trusted: false, anchor: null, message: (error as Error).message, path: [] }
  }
}

/**
 * Revocation of `leaf` at `at`, from the CRLs signed by its issuer (read
 * with @peculiar/x509: pkijs 4.0 cannot parse entries without extensions).
 */
async function revocationOf(
  leaf: Uint8Array,
  issuers: Uint8Array[],
  crls: Uint8Array[],
  at: Date
): Promise<SignatureReport['revocation']> {
  const cert = new x509.X509Certificate(buffer(leaf))
  const candidates = issuers.map((der) => new x509.X509Certificate(buffer(der)))
  let checked = false
  for (const der of crls) {
    let crl: x509.X509Crl
    try {
      crl = new x509.X509Crl(buffer(der))
    } catch {
      continue
    }
    if (crl.issuer !== cert.issuer) continue
    const issuer = candidates.find((candidate) => candidate.subject === crl.issuer)
    if (!issuer || !(await crl.verify({ publicKey: issuer }).catch(() => false))) continue
    checked = true
    const entry = crl.entries.find(
      (revoked) => revoked.serialNumber.toLowerCase() === cert.serialNumber.toLowerCase()
    )
    if (entry && entry.revocationDate <= at) {
      return { status: 'revoked', revokedAt: entry.revocationDate, checkedAt: at }
    }
  }
  return { status: checked ? 'good' : 'unknown', revokedAt: null, checkedAt: at }
}

/** The issuers named by the CRLs given (unreadable ones skipped). */
function crlIssuers(crls: Uint8Array[]) {
  const issuers = new Set<string>()
  for (const der of crls) {
    try {
      issuers.add(new x509.X509Crl(buffer(der)).issuer)
    } catch {
      // unreadable: it covers nobody
    }
  }
  return issuers
}

function lastInfoValue(revision: string, key: string) {
  const matches = [...revision.matchAll(new RegExp(`/${key}\\s*\\(([^)]*)\\)`, 'g'))]
  return matches.at(-1)?.[1] ?? null
}

/** The first revision of the file: up to and including its first %%EOF line. */
function firstRevision(bytes: Uint8Array) {
  const text = latin1(bytes)
  const at = text.indexOf('%%EOF')
  return at === -1 ? null : bytes.subarray(0, at + 5)
}

export async function verifyContractPdf(
  bytes: Uint8Array,
  options: VerifyOptions
): Promise<VerificationReport> {
  const text = latin1(bytes)
  const crls = options.crls ?? []
  const tsaAnchors = [...options.trustAnchors, ...(options.tsaTrustAnchors ?? [])]
  let recordPdf: Uint8Array | null = null
  if (options.contractOfRecord) {
    recordPdf = await renderContractPdf(options.contractOfRecord)
  }
  const signatures: SignatureReport[] = []
  const pattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g
  let index = 0
  for (const match of text.matchAll(pattern)) {
    index += 1
    const byteRange = match.slice(1, 5).map(Number)
    const [a, b, c, d] = byteRange
    const dict = enclosingObject(text, match.index)
    const problems: Problem[] = []
    const report: SignatureReport = {
      index,
      fieldName: null,
      signer: null,
      claimedSigningTime: parsePdfDate(pdfStringValue(dict, 'M') ?? undefined),
      byteRange,
      coversRevision: false,
      coversWholeDocument: false,
      integrity: false,
      chain: { trusted: false, anchor: null, message: null },
      revocation: { status: 'unknown', revokedAt: null, checkedAt: null },
      timestamp: { present: false, valid: false, trusted: false, time: null, authority: null },
      contract: { contractId: null, revision: null, textSha256: null, matchesRecord: null },
      problems,
      valid: false,
    }
    signatures.push(report)

    // The widget naming this signature dictionary carries the field name.
    const objectHeader = [
      ...text.slice(Math.max(0, match.index - 512), match.index).matchAll(/(\d+)\s+(\d+)\s+obj\b/g),
    ].at(-1)
    if (objectHeader) {
      const ref = new RegExp(`/V\\s+${objectHeader[1]}\\s+${objectHeader[2]}\\s+R`)
      const widgetAt = text.search(ref)
      if (widgetAt !== -1) report.fieldName = pdfStringValue(enclosingObject(text, widgetAt), 'T')
    }

    const end = c + d
    const rangesSane = a === 0 && b > 0 && c > b && d >= 0 && end <= bytes.length
    if (!rangesSane) {
      problems.push('byteRangeMalformed')
      continue
    }
    const gap = text.slice(b, c)
    if (!/^<[0-9A-Fa-f]*>$/.test(gap) || match.index < b - 4096 || match.index > c + 4096) {
      problems.push('contentsMalformed')
      continue
    }
    const revisionTail = text.slice(Math.max(c, end - 8), end)
    report.coversRevision = /%%EOF\s*$/.test(revisionTail)
    report.coversWholeDocument = end === bytes.length
    if (!report.coversRevision) problems.push('byteRangeMalformed')

    // The CMS is one DER element followed by the placeholder's zero padding, which the
    // parser leaves alone (never strip zeros: the CMS itself may end with a zero byte).
    const hex = gap.slice(1, -1)
    let signedData: pkijs.SignedData
    try {
      signedData = parseSignedData(
        new Uint8Array(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'))
      )
    } catch {
      problems.push('cmsMalformed')
      continue
    }
    const content = new Uint8Array(b + d)
    content.set(bytes.subarray(0, b), 0)
    content.set(bytes.subarray(c, end), b)
    let signer: SignerInfoCheck
    try {
      signer = await checkSignerInfo(signedData, content)
    } catch {
      problems.push('cmsMalformed')
      continue
    }
    if (!signer.digestMatches) problems.push('digestMismatch')
    if (!signer.signatureValid) problems.push('signatureInvalid')
    if (!signer.signingCertificateBound) problems.push('signingCertificateNotBound')
    if (signer.signingTimeAttribute) problems.push('signingTimeAttributePresent')
    report.integrity = signer.digestMatches && signer.signatureValid
    if (signer.signerCertificate) report.signer = describeCertificate(signer.signerCertificate)

    const tokenAttribute = signer.unsignedAttributes.find(
      (attribute) => attribute.type === OID.signatureTimeStampToken
    )
    let signingTime = report.claimedSigningTime ?? options.now ?? new Date()
    if (tokenAttribute) {
      report.timestamp.present = true
      const token = new Uint8Array(tokenAttribute.values[0].toBER())
      const check = await checkTimestampToken(token, signer.signatureValue)
      report.timestamp.valid =
        check.coversSignature && check.tokenSignatureValid && check.timeStampingCertificate
      report.timestamp.time = check.time
      if (check.tsaCertificate) {
        report.timestamp.authority = describeCertificate(check.tsaCertificate).subject
        const others = check.tsaCertificates.filter(
          (cert) => Buffer.compare(Buffer.from(cert), Buffer.from(check.tsaCertificate!)) !== 0
        )
        const tsaChain = await chainTo(
          check.tsaCertificate,
          others,
          tsaAnchors,
          check.time ?? new Date()
        )
        report.timestamp.trusted = tsaChain.trusted
      }
      if (!report.timestamp.valid) problems.push('timestampInvalid')
      else if (!report.timestamp.trusted) problems.push('timestampUntrusted')
      if (report.timestamp.valid && check.time) signingTime = check.time
    }

    if (signer.signerCertificate) {
      const others = signer.certificates.filter(
        (cert) => Buffer.compare(Buffer.from(cert), Buffer.from(signer.signerCertificate!)) !== 0
      )
      const chain = await chainTo(
        signer.signerCertificate,
        others,
        options.trustAnchors,
        signingTime
      )
      report.chain = { trusted: chain.trusted, anchor: chain.anchor, message: chain.message }
      if (!chain.trusted) problems.push('chainUntrusted')
      const issuers = [...others, ...options.trustAnchors]
      report.revocation = await revocationOf(signer.signerCertificate, issuers, crls, signingTime)
      if (report.revocation.status === 'revoked') problems.push('revoked')
      // A CRL of the signer's issuer was given but none could be checked: a failure. Without
      // any CRL of that issuer (a configured outside CA) the status stays "unknown", reported.
      const issuer = new x509.X509Certificate(buffer(signer.signerCertificate)).issuer
      if (report.revocation.status === 'unknown' && crlIssuers(crls).has(issuer)) {
        problems.push('revocationUnknown')
      }
    }

    const revision = text.slice(0, end)
    report.contract = {
      contractId: lastInfoValue(revision, INFO_KEYS.contractId),
      revision: lastInfoValue(revision, INFO_KEYS.revision),
      textSha256: lastInfoValue(revision, INFO_KEYS.textSha256),
      matchesRecord: null,
    }
    if (options.contractOfRecord && recordPdf) {
      const record = options.contractOfRecord
      const original = firstRevision(bytes.subarray(0, end))
      report.contract.matchesRecord =
        report.contract.contractId === String(record.contractId) &&
        report.contract.revision === String(record.revision) &&
        report.contract.textSha256 === record.textSha256 &&
        !!original &&
        Buffer.compare(Buffer.from(original), Buffer.from(firstRevision(recordPdf)!)) === 0
      if (!report.contract.matchesRecord) problems.push('notContractOfRecord')
    }
    report.valid =
      report.integrity &&
      report.coversRevision &&
      report.chain.trusted &&
      report.revocation.status !== 'revoked' &&
      !problems.includes('revocationUnknown') &&
      (!report.timestamp.present || (report.timestamp.valid && report.timestamp.trusted)) &&
      report.contract.matchesRecord !== false &&
      signer.signingCertificateBound
  }
  const last = signatures.at(-1)
  const modifiedAfterLastSignature = !!last && !last.coversWholeDocument
  if (last && modifiedAfterLastSignature) last.problems.push('modifiedAfterSigning')
  return {
    signatures,
    valid:
      signatures.length > 0 &&
      signatures.every((signature) => signature.valid) &&
      !modifiedAfterLastSignature,
    modifiedAfterLastSignature,
  }
}

export { sha256 }
