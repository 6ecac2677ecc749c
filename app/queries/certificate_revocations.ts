/*
 * What the market CA publishes: its certificate, and the CRL built from the
 * revoked rows of signing_certificates (every revocation, expired or not:
 * verifiers of old signatures still ask).
 */
import SigningCertificate from '#models/signing_certificate'
import { REVOCATION_REASONS } from '#domain/certificate_profile'
import { buildCrl, marketCa } from '#services/pki/market_ca'
import { clock } from '#services/clock'

export async function marketCaPem() {
  const ca = await marketCa()
  return ca.pem
}

export async function crlOfMarketCa() {
  const revoked = await SigningCertificate.query()
    .whereNotNull('revoked_at')
    .orderBy('id', 'asc')
    .select('serial_number', 'revoked_at', 'revocation_reason')
  return buildCrl(
    revoked.map((row) => ({
      serialNumber: row.serialNumber,
      revokedAt: row.revokedAt!.toJSDate(),
      reasonCode: row.revocationReason ? REVOCATION_REASONS[row.revocationReason] : null,
    })),
    clock.now()
  )
}
