import { isoInstant, toInstant } from '#domain/time_zone'
import type { SignatureReport, VerificationReport } from '#services/pades/verify_pdf'

/** Beijing time to the second, as the verification page writes it. */
function displayInstant(value: Date | null) {
  return toInstant(value)?.setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm:ss') ?? null
}

function presentSignature(signature: SignatureReport) {
  return {
    index: signature.index,
    fieldName: signature.fieldName,
    valid: signature.valid,
    signer: signature.signer,
    claimedSigningTime: isoInstant(signature.claimedSigningTime),
    byteRange: signature.byteRange,
    coversRevision: signature.coversRevision,
    coversWholeDocument: signature.coversWholeDocument,
    integrity: signature.integrity,
    chain: signature.chain,
    revocation: {
      status: signature.revocation.status,
      revokedAt: isoInstant(signature.revocation.revokedAt),
    },
    timestamp: {
      ...signature.timestamp,
      time: isoInstant(signature.timestamp.time),
    },
    contract: signature.contract,
    problems: signature.problems,
  }
}

/** The API answer of POST /api/v1/contracts/verify. */
export function presentVerification(report: VerificationReport, contractId: number | null) {
  return {
    valid: report.valid,
    modifiedAfterLastSignature: report.modifiedAfterLastSignature,
    contractOfRecordId: contractId,
    signatures: report.signatures.map(presentSignature),
  }
}

/** The same facts for the page, times in Beijing time. */
export function presentVerificationPage(report: VerificationReport, contractId: number | null) {
  return {
    ...presentVerification(report, contractId),
    signatures: report.signatures.map((signature) => ({
      ...presentSignature(signature),
      claimedSigningTimeText: displayInstant(signature.claimedSigningTime),
      timestampTimeText: displayInstant(signature.timestamp.time),
      revokedAtText: displayInstant(signature.revocation.revokedAt),
    })),
  }
}
