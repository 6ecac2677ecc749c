import vine from '@vinejs/vine'
import { labelled } from '#validators/labels'
import { scanFile } from '#validators/rules/file_content'
import { HOLDER_REVOCATION_REASONS } from '#domain/certificate_profile'
import { DESIGNATED_CAPACITIES } from '#domain/signatories'

/** A PEM certificate request of a P-256 key is about 500 characters; 8,000 leaves room for PEM headers. */
const csrPem = () => vine.string().trim().minLength(1).maxLength(8000)

/** POST /account/signing-keys and /api/v1/signing-keys: the request and the password again. */
export const enrolSigningKeyValidator = labelled(
  'signing',
  vine.create({
    csrPem: csrPem(),
    password: vine.string().minLength(1).maxLength(200),
  })
)

/** Revoking one's own key: why, if one says (a lost device is key_compromise). */
export const revokeSigningKeyValidator = labelled(
  'signing',
  vine.create({
    reason: vine.enum(HOLDER_REVOCATION_REASONS).optional(),
  })
)

/** A signatory designates a user of the organisation, with the authorisation document (PDF, JPEG, PNG). */
export const designateSignatoryValidator = labelled(
  'signing',
  vine.create({
    userId: vine.number().withoutDecimals().positive(),
    capacity: vine.enum(DESIGNATED_CAPACITIES),
    document: scanFile(),
  })
)

/** Revoking a signatory: the reason is recorded. */
export const revokeSignatoryValidator = labelled(
  'signing',
  vine.create({
    reason: vine.string().trim().minLength(2).maxLength(500),
  })
)

/** The regulators' register: a name or USCC, and the page. */
export const signatoryRegisterValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  page: vine.number().withoutDecimals().min(1).max(10_000).optional(),
})
