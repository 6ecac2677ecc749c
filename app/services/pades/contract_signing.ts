/*
 * The narrow interface the signing flow calls: prepare a party's signature
 * over the contract PDF (the signer's key then signs `toBeSigned`, in the
 * browser or on a token), and complete it with the signature value, the
 * chain and a timestamp from the configured time-stamping authority
 * (PAdES B-T). The first party signs the rendered contract of record; the
 * second party signs the file the first signature produced.
 */
import { renderContractPdf, type ContractOfRecord } from '#services/pades/contract_pdf'
import {
  embedSignature,
  prepareSignature,
  type PreparedSignature,
} from '#services/pades/pdf_signature'
import type { CertificateInput } from '#services/pades/cms'
import { requestTimestampToken } from '#services/pades/tsa_service'

/** Prepares a signature over `signedSoFar`, or over the rendered contract for the first party. */
export async function prepareContractSignature(
  input: { record: ContractOfRecord; signedSoFar?: Uint8Array | null },
  signerCertificate: CertificateInput,
  signingTime: Date
): Promise<PreparedSignature> {
  const pdf = input.signedSoFar ?? (await renderContractPdf(input.record))
  return prepareSignature(pdf, { signerCertificate, signingTime, reason: '签署合同' })
}

/** The signed PDF: the signature value (r‖s or DER), the chain, and a timestamp over it. */
export function completeContractSignature(
  prepared: PreparedSignature,
  signatureValue: Uint8Array,
  certificateChain: CertificateInput[]
): Promise<Uint8Array> {
  return embedSignature(prepared, signatureValue, certificateChain, requestTimestampToken)
}
