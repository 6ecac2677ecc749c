import { SigningCertificateSchema } from '#database/schema'
import type { RevocationReason } from '#domain/certificate_profile'
import type { SignatoryCapacity } from '#domain/signatories'

/**
 * A certificate the market CA issued for a key its signer holds (in a
 * browser, an API client, a UKey…), binding the key to the person, the
 * organisation and the capacity in the market's records.
 */
export default class SigningCertificate extends SigningCertificateSchema {
  declare capacity: SignatoryCapacity
  declare revocationReason: RevocationReason | null
}
