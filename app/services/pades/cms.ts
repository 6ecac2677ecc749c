/*
 * CMS (RFC 5652) for PAdES baseline signatures and RFC 3161 tokens, built
 * with pkijs/asn1js: the signed attributes a signer signs (content-type,
 * message-digest, ESS signing-certificate-v2 — no signingTime, PAdES takes
 * the time from the signature dictionary's /M), the ECDSA signature value
 * conversion (WebCrypto's r‖s to DER SEQUENCE{r,s}), SignedData assembly and
 * the checks a verifier makes on one SignerInfo.
 */
// @peculiar/x509 needs the decorator metadata polyfill loaded before it.
import 'reflect-metadata'
import { createHash, webcrypto } from 'node:crypto'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import * as x509 from '@peculiar/x509'

pkijs.setEngine(
  'node-webcrypto',
  new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto as unknown as Crypto })
)
x509.cryptoProvider.set(webcrypto as unknown as Crypto)

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const

export type CertificateInput = Uint8Array | ArrayBuffer | string

/** DER bytes from DER or PEM. */
export function certificateDer(input: CertificateInput): Uint8Array {
  if (typeof input === 'string') {
    return new Uint8Array(new x509.X509Certificate(input).rawData)
  }
  return input instanceof Uint8Array ? input : new Uint8Array(input)
}

export function sha256(...parts: Uint8Array[]) {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return new Uint8Array(hash.digest())
}

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

export function parseCertificate(der: Uint8Array) {
  return pkijs.Certificate.fromBER(buffer(der))
}

/** A DER ECDSA-Sig-Value: SEQUENCE of two INTEGERs filling the bytes exactly. */
function isDerEcdsaSignature(bytes: Uint8Array) {
  if (bytes.length < 8 || bytes[0] !== 0x30) return false
  const parsed = asn1js.fromBER(buffer(bytes))
  if (parsed.offset !== bytes.length || !(parsed.result instanceof asn1js.Sequence)) return false
  const items = parsed.result.valueBlock.value
  return items.length === 2 && items.every((item) => item instanceof asn1js.Integer)
}

/**
 * The signature value as CMS wants it for ECDSA: DER SEQUENCE{r, s}. Accepts
 * WebCrypto's fixed-length r‖s (64 bytes for P-256) or DER already.
 */
export function ecdsaSignatureDer(signature: Uint8Array): Uint8Array {
  if (isDerEcdsaSignature(signature)) return signature
  if (signature.length !== 64 && signature.length !== 96 && signature.length !== 132) {
    throw new Error(
      `An ECDSA signature is r‖s of 64, 96 or 132 bytes or DER; got ${signature.length} bytes`
    )
  }
  return new Uint8Array(pkijs.createCMSECDSASignature(buffer(signature)))
}

/** WebCrypto's r‖s from a DER ECDSA signature (for verifying with subtle.verify). */
export function ecdsaSignatureRaw(der: Uint8Array, pointSize = 32): Uint8Array {
  const parsed = asn1js.fromBER(buffer(der))
  if (parsed.offset === -1) throw new Error('The ECDSA signature is not DER')
  return new Uint8Array(pkijs.createECDSASignatureFromCMS(parsed.result, pointSize))
}

/** ESS signing-certificate-v2 (RFC 5035) naming the signer's certificate by SHA-256 and issuer/serial. */
function signingCertificateV2(certificate: pkijs.Certificate, der: Uint8Array) {
  const issuerSerial = new asn1js.Sequence({
    value: [
      new pkijs.GeneralNames({
        names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })],
      }).toSchema(),
      certificate.serialNumber,
    ],
  })
  const essCertIdV2 = new asn1js.Sequence({
    // hashAlgorithm DEFAULT id-sha256: omitted, as DER requires
    value: [new asn1js.OctetString({ valueHex: buffer(sha256(der)) }), issuerSerial],
  })
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })
}

function compareBytes(a: Uint8Array, b: Uint8Array) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}

export type SignedAttributes = {
  attributes: pkijs.Attribute[]
  /** DER of the attributes as the SET each signer signs (tag 0x31). */
  toBeSigned: Uint8Array
  /** The same attributes in their SignerInfo form, [0] IMPLICIT (tag 0xA0). */
  signedAttributesDer: Uint8Array
}

/**
 * The signed attributes for a detached signature over `digest` (SHA-256),
 * in DER order (a SET OF sorts its members' encodings).
 */
export function signedAttributes(
  digest: Uint8Array,
  signerCertificate: CertificateInput,
  contentType: string = OID.data
): SignedAttributes {
  const der = certificateDer(signerCertificate)
  const certificate = parseCertificate(der)
  const unsorted = [
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: contentType })],
    }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: buffer(digest) })],
    }),
    new pkijs.Attribute({
      type: OID.signingCertificateV2,
      values: [signingCertificateV2(certificate, der)],
    }),
  ]
  const attributes = unsorted
    .map((attribute) => ({ attribute, der: new Uint8Array(attribute.toSchema().toBER()) }))
    .sort((a, b) => compareBytes(a.der, b.der))
    .map(({ attribute }) => attribute)
  const toBeSigned = new Uint8Array(
    new asn1js.Set({ value: attributes.map((attribute) => attribute.toSchema()) }).toBER()
  )
  const signedAttributesDer = new Uint8Array(
    new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }).toSchema().toBER()
  )
  return { attributes, toBeSigned, signedAttributesDer }
}

export type SignerParts = {
  attributes: pkijs.Attribute[]
  /** DER ECDSA-Sig-Value. */
  signature: Uint8Array
  /** Signer first, then its issuers (the trust anchor may be left out). */
  certificates: Uint8Array[]
  unsignedAttributes?: pkijs.Attribute[]
  /** Encapsulated content (a TSTInfo); detached when absent. */
  eContentType?: string
  eContent?: Uint8Array
}

/** ContentInfo{SignedData} DER with one SignerInfo (ECDSA with SHA-256). */
export function signedDataDer(parts: SignerParts): Uint8Array {
  const certificates = parts.certificates.map(parseCertificate)
  const signer = certificates[0]
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: signer.issuer,
      serialNumber: signer.serialNumber,
    }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: parts.attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: buffer(parts.signature) }),
    ...(parts.unsignedAttributes?.length
      ? {
          unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 1,
            attributes: parts.unsignedAttributes,
          }),
        }
      : {}),
  })
  const signedData = new pkijs.SignedData({
    version: parts.eContent ? 3 : 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: parts.eContentType ?? OID.data,
      ...(parts.eContent
        ? { eContent: new asn1js.OctetString({ valueHex: buffer(parts.eContent) }) }
        : {}),
    }),
    certificates,
    signerInfos: [signerInfo],
  })
  return new Uint8Array(
    new pkijs.ContentInfo({
      contentType: OID.signedData,
      content: signedData.toSchema(true),
    })
      .toSchema()
      .toBER()
  )
}

/** ECDSA P-256 verification of `data` against a certificate's public key. */
export async function verifyEcdsa(
  certificate: Uint8Array,
  signatureDer: Uint8Array,
  data: Uint8Array
) {
  try {
    const cert = new x509.X509Certificate(buffer(certificate))
    const algorithm = cert.publicKey.algorithm as EcKeyAlgorithm
    if (algorithm.name !== 'ECDSA') return false
    const key = await cert.publicKey.export({ name: 'ECDSA', namedCurve: algorithm.namedCurve }, [
      'verify',
    ])
    const pointSize =
      algorithm.namedCurve === 'P-384' ? 48 : algorithm.namedCurve === 'P-521' ? 66 : 32
    return await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key as webcrypto.CryptoKey,
      ecdsaSignatureRaw(signatureDer, pointSize),
      data
    )
  } catch {
    return false
  }
}

export function parseSignedData(der: Uint8Array) {
  const parsed = asn1js.fromBER(buffer(der))
  if (parsed.offset === -1) throw new Error('not BER')
  const info = new pkijs.ContentInfo({ schema: parsed.result })
  if (info.contentType !== OID.signedData) throw new Error('not SignedData')
  return new pkijs.SignedData({ schema: info.content })
}

function attributeValue(attributes: pkijs.Attribute[] | undefined, type: string) {
  return attributes?.find((attribute) => attribute.type === type)?.values[0]
}

/** A signer's chain is a handful of certificates: more is refused before any chain building. */
export const MAX_CERTIFICATES = 10

export type SignerInfoCheck = {
  signerCertificate: Uint8Array | null
  /** The message-digest attribute equals the digest of the content. */
  digestMatches: boolean
  /** The signature over the signed attributes verifies with the signer's key. */
  signatureValid: boolean
  /** ESS signing-certificate-v2 present and naming the signer's certificate. */
  signingCertificateBound: boolean
  signatureValue: Uint8Array
  certificates: Uint8Array[]
  unsignedAttributes: pkijs.Attribute[]
  signingTimeAttribute: boolean
}

/** The checks on the first SignerInfo of a SignedData over `content` (SHA-256). */
export async function checkSignerInfo(
  signedData: pkijs.SignedData,
  content: Uint8Array
): Promise<SignerInfoCheck> {
  const signerInfo = signedData.signerInfos[0]
  if (!signerInfo) throw new Error('no SignerInfo')
  if ((signedData.certificates?.length ?? 0) > MAX_CERTIFICATES) {
    throw new Error(`more than ${MAX_CERTIFICATES} certificates`)
  }
  const certificates = (signedData.certificates ?? []).filter(
    (cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate
  )
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber
  const signer = certificates.find(
    (cert) =>
      sid instanceof pkijs.IssuerAndSerialNumber &&
      cert.issuer.isEqual(sid.issuer) &&
      cert.serialNumber.isEqual(sid.serialNumber)
  )
  const certificateBytes = certificates.map((cert) => new Uint8Array(cert.toSchema().toBER()))
  const signerCertificate = signer ? new Uint8Array(signer.toSchema().toBER()) : null
  const attributes = signerInfo.signedAttrs?.attributes
  const digest = attributeValue(attributes, OID.messageDigest)
  const digestMatches =
    digest instanceof asn1js.OctetString &&
    compareBytes(new Uint8Array(digest.valueBlock.valueHexView), sha256(content)) === 0
  const signatureValue = new Uint8Array(signerInfo.signature.valueBlock.valueHexView)
  let signatureValid = false
  if (signerCertificate && signerInfo.signedAttrs) {
    const signed = new Uint8Array(signerInfo.signedAttrs.encodedValue)
    const asSet = signed.slice()
    asSet[0] = 0x31
    signatureValid =
      signerInfo.signatureAlgorithm.algorithmId === OID.ecdsaWithSha256 &&
      (await verifyEcdsa(signerCertificate, signatureValue, asSet))
  }
  let signingCertificateBound = false
  const essValue = attributeValue(attributes, OID.signingCertificateV2)
  if (essValue instanceof asn1js.Sequence && signerCertificate) {
    const certs = essValue.valueBlock.value[0]
    const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : null
    const items = first instanceof asn1js.Sequence ? first.valueBlock.value : []
    const hashItem = items.find((item) => item instanceof asn1js.OctetString) as
      asn1js.OctetString | undefined
    const usesDefaultHash = !(items[0] instanceof asn1js.Sequence) // hashAlgorithm absent: SHA-256
    signingCertificateBound =
      usesDefaultHash &&
      !!hashItem &&
      compareBytes(new Uint8Array(hashItem.valueBlock.valueHexView), sha256(signerCertificate)) ===
        0
  }
  return {
    signerCertificate,
    digestMatches,
    signatureValid,
    signingCertificateBound,
    signatureValue,
    certificates: certificateBytes,
    unsignedAttributes: signerInfo.unsignedAttrs?.attributes ?? [],
    signingTimeAttribute: !!attributeValue(attributes, OID.signingTime),
  }
}
