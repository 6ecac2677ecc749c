/*
 * RFC 3161 time-stamping: the request a client sends, the response a
 * time-stamping authority (TSA) gives, and the checks a verifier makes on a
 * token. The authority here is the market's development TSA (its own key and
 * certificate, extendedKeyUsage timeStamping, critical); production points
 * TSA_URL at a real one (see tsa_service.ts). All encoding is pkijs/asn1js.
 */
// @peculiar/x509 needs the decorator metadata polyfill loaded before it.
import 'reflect-metadata'
import { randomBytes, webcrypto } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import * as x509 from '@peculiar/x509'
import {
  OID,
  checkSignerInfo,
  ecdsaSignatureDer,
  parseSignedData,
  sha256,
  signedAttributes,
  signedDataDer,
} from '#services/pades/cms'

/** The development TSA's policy: a UUID-derived OID (2.25), no registration needed. */
export const DEV_TSA_POLICY = '2.25.262420755418937426436473213905447611729'

export type TimestampAuthority = {
  privateKey: webcrypto.CryptoKey
  /** The TSA's certificate (DER), then any issuers. */
  certificates: Uint8Array[]
  policy: string
}

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

function positiveInteger(bytes: Uint8Array) {
  const value = bytes.slice()
  value[0] &= 0x7f
  value[0] |= 0x01
  return new asn1js.Integer({ valueHex: buffer(value) })
}

/** A TimeStampReq (DER) for a SHA-256 digest, asking for the TSA's certificate. */
export function timestampRequest(digest: Uint8Array, nonce: Uint8Array = randomBytes(8)) {
  return new Uint8Array(
    new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: buffer(digest) }),
      }),
      nonce: positiveInteger(nonce),
      certReq: true,
    })
      .toSchema()
      .toBER()
  )
}

function refusal(text: string, failBit: number) {
  // PKIFailureInfo: badAlg(0), badRequest(2), badDataFormat(5)
  const bits = new Uint8Array([0x80 >> failBit])
  return new Uint8Array(
    new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({
        status: pkijs.PKIStatus.rejection,
        statusStrings: [new asn1js.Utf8String({ value: text })],
        failInfo: new asn1js.BitString({ valueHex: buffer(bits), unusedBits: 7 - failBit }),
      }),
    })
      .toSchema()
      .toBER()
  )
}

/**
 * The TSA's answer to a TimeStampReq (DER): a granted TimeStampResp carrying
 * a token signed by the TSA over a TSTInfo, or a rejection naming the fault.
 */
export async function respondToTimestampRequest(
  tsa: TimestampAuthority,
  requestDer: Uint8Array,
  now: Date
): Promise<Uint8Array> {
  let request: pkijs.TimeStampReq
  try {
    request = pkijs.TimeStampReq.fromBER(buffer(requestDer))
  } catch {
    return refusal('The request is not a DER TimeStampReq', 5)
  }
  const imprint = request.messageImprint
  if (imprint.hashAlgorithm.algorithmId !== OID.sha256) {
    return refusal('Only SHA-256 message imprints are accepted', 0)
  }
  if (imprint.hashedMessage.valueBlock.valueHexView.byteLength !== 32) {
    return refusal('A SHA-256 message imprint has 32 bytes', 2)
  }
  if (request.reqPolicy && request.reqPolicy !== tsa.policy) {
    return refusal('Unknown policy', 2)
  }
  const genTime = new Date(Math.floor(now.getTime() / 1000) * 1000)
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: tsa.policy,
    messageImprint: imprint,
    serialNumber: positiveInteger(randomBytes(16)),
    genTime,
    accuracy: new pkijs.Accuracy({ seconds: 1 }),
    ...(request.nonce ? { nonce: request.nonce } : {}),
  })
  const eContent = new Uint8Array(tstInfo.toSchema().toBER())
  const attributes = signedAttributes(sha256(eContent), tsa.certificates[0], OID.tstInfo)
  const signature = new Uint8Array(
    await webcrypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      tsa.privateKey,
      attributes.toBeSigned
    )
  )
  const token = signedDataDer({
    attributes: attributes.attributes,
    signature: ecdsaSignatureDer(signature),
    certificates: request.certReq ? tsa.certificates : [tsa.certificates[0]],
    eContentType: OID.tstInfo,
    eContent,
  })
  const tokenInfo = pkijs.ContentInfo.fromBER(buffer(token))
  return new Uint8Array(
    new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
      timeStampToken: tokenInfo,
    })
      .toSchema()
      .toBER()
  )
}

/** The token (ContentInfo DER) from a granted response over `digest`; throws otherwise. */
export function tokenFromResponse(responseDer: Uint8Array, digest: Uint8Array) {
  const response = pkijs.TimeStampResp.fromBER(buffer(responseDer))
  const status = response.status.status
  if (
    (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) ||
    !response.timeStampToken
  ) {
    const text = response.status.statusStrings?.map((item) => item.valueBlock.value).join('; ')
    throw new Error(`The time-stamping authority refused: ${text ?? `status ${status}`}`)
  }
  const token = new Uint8Array(response.timeStampToken.toSchema().toBER())
  const info = tstInfoOf(token)
  if (
    Buffer.compare(
      Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView),
      Buffer.from(digest)
    ) !== 0
  ) {
    throw new Error('The time-stamp token is over another digest')
  }
  return token
}

function tstInfoOf(token: Uint8Array) {
  const signedData = parseSignedData(token)
  const content = signedData.encapContentInfo
  if (content.eContentType !== OID.tstInfo || !content.eContent) throw new Error('not a TSTInfo')
  return pkijs.TSTInfo.fromBER(buffer(new Uint8Array(content.eContent.getValue())))
}

export type TimestampCheck = {
  /** The token parses and its imprint is the SHA-256 of the signature value. */
  coversSignature: boolean
  /** The TSA's signature over the TSTInfo verifies. */
  tokenSignatureValid: boolean
  /** The TSA certificate has extendedKeyUsage timeStamping, critical. */
  timeStampingCertificate: boolean
  time: Date | null
  tsaCertificate: Uint8Array | null
  tsaCertificates: Uint8Array[]
  policy: string | null
}

/** The checks on a signature time-stamp token over `signatureValue` (RFC 3161 §2.4.2, PAdES B-T). */
export async function checkTimestampToken(
  token: Uint8Array,
  signatureValue: Uint8Array
): Promise<TimestampCheck> {
  const none: TimestampCheck = {
    coversSignature: false,
    tokenSignatureValid: false,
    timeStampingCertificate: false,
    time: null,
    tsaCertificate: null,
    tsaCertificates: [],
    policy: null,
  }
  try {
    const signedData = parseSignedData(token)
    const eContent = new Uint8Array(signedData.encapContentInfo.eContent!.getValue())
    const info = tstInfoOf(token)
    const signer = await checkSignerInfo(signedData, eContent)
    const imprint = new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView)
    let timeStampingCertificate = false
    if (signer.signerCertificate) {
      const cert = new x509.X509Certificate(buffer(signer.signerCertificate))
      const eku = cert.getExtension(x509.ExtendedKeyUsageExtension)
      timeStampingCertificate =
        !!eku &&
        eku.critical &&
        eku.usages.length === 1 &&
        eku.usages[0] === x509.ExtendedKeyUsage.timeStamping
    }
    return {
      coversSignature:
        info.messageImprint.hashAlgorithm.algorithmId === OID.sha256 &&
        Buffer.compare(Buffer.from(imprint), Buffer.from(sha256(signatureValue))) === 0,
      tokenSignatureValid:
        signer.digestMatches && signer.signatureValid && signer.signingCertificateBound,
      timeStampingCertificate,
      time: info.genTime,
      tsaCertificate: signer.signerCertificate,
      tsaCertificates: signer.certificates,
      policy: info.policy,
    }
  } catch {
    return none
  }
}
