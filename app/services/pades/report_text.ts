/*
 * A verification report as plain lines, for the `contract:verify` command
 * (offline, in English, the same facts the page shows in Chinese).
 */
import type { VerificationReport } from '#services/pades/verify_pdf'

const iso = (date: Date | null) => (date ? date.toISOString() : '—')
const yesNo = (value: boolean) => (value ? 'yes' : 'NO')

export function reportLines(report: VerificationReport): string[] {
  const lines: string[] = []
  if (report.signatures.length === 0) return ['No signature found in this PDF.', 'Result: INVALID']
  for (const signature of report.signatures) {
    lines.push(
      `Signature #${signature.index} (${signature.fieldName ?? 'unnamed field'}): ${signature.valid ? 'VALID' : 'INVALID'}`,
      `  Signer: ${signature.signer?.subject ?? 'unknown'}${signature.signer ? ` (serial ${signature.signer.serialNumber})` : ''}`,
      `  Signing time claimed (/M): ${iso(signature.claimedSigningTime)}`,
      `  Integrity (digest and signature): ${yesNo(signature.integrity)}`,
      `  Byte ranges: [${signature.byteRange.join(' ')}] cover a whole revision: ${yesNo(signature.coversRevision)}; the whole document: ${signature.coversWholeDocument ? 'yes' : 'no (later updates follow)'}`,
      `  Chain to a trust anchor: ${signature.chain.trusted ? `yes (${signature.chain.anchor})` : `NO${signature.chain.message ? ` (${signature.chain.message})` : ''}`}`,
      `  Revocation at signing time: ${signature.revocation.status}${signature.revocation.revokedAt ? ` (revoked ${iso(signature.revocation.revokedAt)})` : ''}`,
      signature.timestamp.present
        ? `  Timestamp: ${iso(signature.timestamp.time)} by ${signature.timestamp.authority ?? 'unknown'}; valid over the signature: ${yesNo(signature.timestamp.valid)}; trusted: ${yesNo(signature.timestamp.trusted)}`
        : '  Timestamp: none (PAdES B-B)',
      `  Contract: id ${signature.contract.contractId ?? '—'}, revision ${signature.contract.revision ?? '—'}, text SHA-256 ${signature.contract.textSha256 ?? '—'}${signature.contract.matchesRecord === null ? '' : `; matches the contract of record: ${yesNo(signature.contract.matchesRecord)}`}`
    )
    if (signature.problems.length) lines.push(`  Problems: ${signature.problems.join(', ')}`)
  }
  if (report.modifiedAfterLastSignature)
    lines.push('The document was changed after its last signature.')
  lines.push(`Result: ${report.valid ? 'VALID' : 'INVALID'}`)
  return lines
}
