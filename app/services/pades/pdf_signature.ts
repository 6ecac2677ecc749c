/*
 * PAdES signatures as incremental updates. Preparing appends, after the
 * file's last %%EOF, a signature field (a hidden widget on page 1), its /Sig
 * dictionary (/SubFilter /ETSI.CAdES.detached, /M the signing time, /Contents
 * a zero-filled placeholder) and a new cross-reference section whose /Prev
 * points at the previous one: the bytes before are left untouched, so a
 * second party's update covers the first party's signature and leaves it
 * valid. /ByteRange covers the whole file except the /Contents hex string;
 * its SHA-256 goes into the signed attributes that the signer's key signs.
 * Embedding writes the CMS SignedData (and its RFC 3161 timestamp, PAdES B-T)
 * into the placeholder.
 */
// @peculiar/x509 needs the decorator metadata polyfill loaded before it.
import 'reflect-metadata'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import * as x509 from '@peculiar/x509'
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef } from 'pdf-lib'
import {
  OID,
  certificateDer,
  ecdsaSignatureDer,
  sha256,
  signedAttributes,
  signedDataDer,
  verifyEcdsa,
  type CertificateInput,
} from '#services/pades/cms'

/** Room for the CMS: the chain, the signature and a timestamp token with the TSA's chain. */
export const DEFAULT_CONTENTS_BYTES = 16_384

export type PrepareOptions = {
  signerCertificate: CertificateInput
  /** Written as /M (PAdES takes the signing time from here, not from a CMS attribute). */
  signingTime: Date
  /** The field's name; `Signature<n>` by default. */
  fieldName?: string
  reason?: string
  contentsBytes?: number
}

export type PreparedSignature = {
  /** The PDF with the update appended and /Contents zero-filled. */
  preparedPdf: Uint8Array
  byteRange: [number, number, number, number]
  /** SHA-256 over the two byte ranges. */
  byteRangeDigest: Uint8Array
  /** The signed attributes in their SignerInfo form ([0] IMPLICIT, tag 0xA0). */
  signedAttributesDer: Uint8Array
  /** What the signer's key signs: the same attributes DER-encoded as a SET (tag 0x31). */
  toBeSigned: Uint8Array
  signerCertificate: Uint8Array
  fieldName: string
  attributes: pkijs.Attribute[]
}

/** D:YYYYMMDDHHmmSS+00'00' */
export function pdfDateString(date: Date) {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+00'00'`
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

/** Offset of the cross-reference section the file's last startxref names. */
function lastStartXref(bytes: Uint8Array) {
  const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 1024)))
  const match = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)].at(-1)
  if (!match) throw new Error('The PDF has no startxref at its end')
  return Number(match[1])
}

function signatureFieldNames(doc: PDFDocument): { names: string[]; refs: PDFRef[] } {
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)
  const fields = acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray)
  const refs = (fields?.asArray() ?? []).filter((item): item is PDFRef => item instanceof PDFRef)
  const names = refs.map((ref) => {
    const field = doc.context.lookupMaybe(ref, PDFDict)
    const title = field?.get(PDFName.of('T'))
    return title && 'decodeText' in title ? (title as PDFHexString).decodeText() : ''
  })
  return { names, refs }
}

function subjectName(der: Uint8Array) {
  const cert = new x509.X509Certificate(
    der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer
  )
  const cn = cert.subjectName.getField('CN')[0]
  return cn ?? cert.subject
}

/**
 * Appends a signature field and its placeholder as an incremental update and
 * computes what the signer signs.
 */
export async function prepareSignature(
  pdf: Uint8Array,
  options: PrepareOptions
): Promise<PreparedSignature> {
  const signerCertificate = certificateDer(options.signerCertificate)
  const doc = await PDFDocument.load(pdf, { updateMetadata: false })
  const context = doc.context
  const rootRef = context.trailerInfo.Root
  if (!(rootRef instanceof PDFRef)) throw new Error('The PDF trailer has no /Root reference')
  const page = doc.getPage(0)
  const existing = signatureFieldNames(doc)
  const fieldName = options.fieldName ?? `Signature${existing.refs.length + 1}`
  if (existing.names.includes(fieldName)) throw new Error(`A field ${fieldName} exists already`)

  let next = context.largestObjectNumber + 1
  const sigNumber = next++
  const widgetNumber = next++
  const size = next

  const contentsBytes = options.contentsBytes ?? DEFAULT_CONTENTS_BYTES
  const byteRangePlaceholder = '/ByteRange [0 0000000000 0000000000 0000000000]'
  const contentsPlaceholder = `/Contents <${'0'.repeat(contentsBytes * 2)}>`
  const sigDict = [
    '<<',
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    '/SubFilter /ETSI.CAdES.detached',
    byteRangePlaceholder,
    contentsPlaceholder,
    `/M (${pdfDateString(options.signingTime)})`,
    `/Name ${PDFHexString.fromText(subjectName(signerCertificate)).toString()}`,
    ...(options.reason ? [`/Reason ${PDFHexString.fromText(options.reason).toString()}`] : []),
    '>>',
  ].join('\n')

  const widgetRef = PDFRef.of(widgetNumber)
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFHexString.fromText(fieldName),
    V: PDFRef.of(sigNumber),
    F: 132, // Print + Locked
    P: page.ref,
    Rect: [0, 0, 0, 0],
  })

  const pageDict = page.node.clone(context)
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
  pageDict.set(PDFName.of('Annots'), context.obj([...(annots?.asArray() ?? []), widgetRef]))

  const catalog = doc.catalog.clone(context)
  const acroForm =
    doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)?.clone(context) ?? context.obj({})
  acroForm.set(PDFName.of('Fields'), context.obj([...existing.refs, widgetRef]))
  acroForm.set(PDFName.of('SigFlags'), context.obj(3))
  catalog.set(PDFName.of('AcroForm'), acroForm)

  const objects: [number, number, string][] = [
    [rootRef.objectNumber, rootRef.generationNumber, catalog.toString()],
    [page.ref.objectNumber, page.ref.generationNumber, pageDict.toString()],
    [sigNumber, 0, sigDict],
    [widgetNumber, 0, widget.toString()],
  ]
  objects.sort((a, b) => a[0] - b[0])

  const head = latin1(pdf)
  let update = head.endsWith('\n') ? '' : '\n'
  const offsets = new Map<number, [number, number]>()
  for (const [number, generation, body] of objects) {
    offsets.set(number, [pdf.length + update.length, generation])
    update += `${number} ${generation} obj\n${body}\nendobj\n`
  }
  const xrefOffset = pdf.length + update.length
  update += 'xref\n'
  const numbers = [...offsets.keys()].sort((a, b) => a - b)
  for (let i = 0; i < numbers.length;) {
    let j = i
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++
    update += `${numbers[i]} ${j - i + 1}\n`
    for (let k = i; k <= j; k++) {
      const [offset, generation] = offsets.get(numbers[k])!
      update += `${String(offset).padStart(10, '0')} ${String(generation).padStart(5, '0')} n\r\n`
    }
    i = j + 1
  }
  const trailer = context.obj({})
  trailer.set(PDFName.of('Size'), context.obj(size))
  trailer.set(PDFName.of('Root'), rootRef)
  if (context.trailerInfo.Info) trailer.set(PDFName.of('Info'), context.trailerInfo.Info as PDFRef)
  if (context.trailerInfo.ID) trailer.set(PDFName.of('ID'), context.trailerInfo.ID as PDFArray)
  trailer.set(PDFName.of('Prev'), context.obj(lastStartXref(pdf)))
  update += `trailer\n${trailer.toString()}\nstartxref\n${xrefOffset}\n%%EOF\n`

  const prepared = new Uint8Array(pdf.length + update.length)
  prepared.set(pdf, 0)
  prepared.set(Buffer.from(update, 'latin1'), pdf.length)

  const sigOffset = offsets.get(sigNumber)![0]
  const sigText = latin1(prepared.subarray(sigOffset, sigOffset + sigDict.length + 64))
  const contentsStart = sigOffset + sigText.indexOf('/Contents <') + '/Contents '.length
  const contentsEnd = contentsStart + contentsBytes * 2 + 2
  const byteRange: [number, number, number, number] = [
    0,
    contentsStart,
    contentsEnd,
    prepared.length - contentsEnd,
  ]
  const byteRangeText = `/ByteRange [${byteRange.join(' ')}]`.padEnd(
    byteRangePlaceholder.length,
    ' '
  )
  const byteRangeAt = sigOffset + sigText.indexOf(byteRangePlaceholder)
  prepared.set(Buffer.from(byteRangeText, 'latin1'), byteRangeAt)

  const byteRangeDigest = sha256(
    prepared.subarray(0, contentsStart),
    prepared.subarray(contentsEnd)
  )
  const attributes = signedAttributes(byteRangeDigest, signerCertificate)
  return {
    preparedPdf: prepared,
    byteRange,
    byteRangeDigest,
    signedAttributesDer: attributes.signedAttributesDer,
    toBeSigned: attributes.toBeSigned,
    signerCertificate,
    fieldName,
    attributes: attributes.attributes,
  }
}

/** A timestamp token, or how to get one for the (DER) signature value. */
export type TimestampSource = Uint8Array | ((signatureValue: Uint8Array) => Promise<Uint8Array>)

/**
 * Writes the CMS SignedData into the prepared placeholder: the signer's
 * signature over toBeSigned (r‖s or DER), the certificate chain (signer
 * first) and, when given, the RFC 3161 token over the signature value as the
 * unsigned attribute id-aa-signatureTimeStampToken (PAdES B-T).
 */
export async function embedSignature(
  prepared: PreparedSignature,
  signatureValue: Uint8Array,
  certificateChain: CertificateInput[],
  timestampToken?: TimestampSource
): Promise<Uint8Array> {
  const signature = ecdsaSignatureDer(signatureValue)
  const chain = certificateChain.map(certificateDer)
  if (Buffer.compare(Buffer.from(chain[0] ?? []), Buffer.from(prepared.signerCertificate)) !== 0) {
    throw new Error('The chain must start with the certificate the signature was prepared for')
  }
  if (!(await verifyEcdsa(prepared.signerCertificate, signature, prepared.toBeSigned))) {
    throw new Error("The signature value does not verify with the signer's certificate")
  }
  const unsignedAttributes: pkijs.Attribute[] = []
  if (timestampToken) {
    const token =
      typeof timestampToken === 'function' ? await timestampToken(signature) : timestampToken
    const parsed = asn1js.fromBER(
      token.buffer.slice(token.byteOffset, token.byteOffset + token.byteLength) as ArrayBuffer
    )
    if (parsed.offset === -1) throw new Error('The timestamp token is not DER')
    unsignedAttributes.push(
      new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [parsed.result] })
    )
  }
  const cms = signedDataDer({
    attributes: prepared.attributes,
    signature,
    certificates: chain,
    unsignedAttributes,
  })
  const [, contentsStart, contentsEnd] = prepared.byteRange
  const room = (contentsEnd - contentsStart - 2) / 2
  if (cms.length > room) {
    throw new Error(`The signature needs ${cms.length} bytes; the placeholder holds ${room}`)
  }
  const signed = prepared.preparedPdf.slice()
  signed.set(Buffer.from(Buffer.from(cms).toString('hex'), 'latin1'), contentsStart + 1)
  return signed
}
