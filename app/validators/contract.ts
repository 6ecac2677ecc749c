import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { MAX_FEN } from '#domain/money'
import { yuanToFen } from '#services/money'

const milestone = vine.object({
  title: vine.string().trim().minLength(2).maxLength(200),
  amountFen: vine.number().withoutDecimals().min(1).max(MAX_FEN),
  condition: vine.string().trim().maxLength(500).nullable().optional(),
})

/** The declared fields the owner may set before signing (API, fen). */
export const contractTermsValidator = vine.create({
  price: vine.number().withoutDecimals().min(1).max(MAX_FEN),
  deliverables: vine.string().trim().minLength(4).maxLength(10_000),
  timeLimitWorkingDays: vine.number().withoutDecimals().min(1).max(365),
  acceptanceCriteria: vine.string().trim().minLength(4).maxLength(5000),
  disputeResolution: vine.string().trim().minLength(4).maxLength(2000),
  milestones: vine.array(milestone).minLength(1).maxLength(10),
  supplementaryTerms: vine.string().trim().maxLength(10_000).nullable().optional(),
})

/** The keys a contract change may carry: anything else would be a fixed clause. */
export const CONTRACT_TERM_KEYS = [
  'price',
  'deliverables',
  'timeLimitWorkingDays',
  'acceptanceCriteria',
  'disputeResolution',
  'milestones',
  'supplementaryTerms',
] as const

/** The owner's page form: money in yuan, milestones as rows. */
export const contractTermsFormValidator = vine.create({
  priceYuan: vine
    .number()
    .min(0.01)
    .max(MAX_FEN / 100)
    .decimal([0, 2]),
  deliverables: vine.string().trim().minLength(4).maxLength(10_000),
  timeLimitWorkingDays: vine.number().withoutDecimals().min(1).max(365),
  acceptanceCriteria: vine.string().trim().minLength(4).maxLength(5000),
  disputeResolution: vine.string().trim().minLength(4).maxLength(2000),
  milestones: vine
    .array(
      vine.object({
        title: vine.string().trim().maxLength(200).optional(),
        amountYuan: vine
          .number()
          .min(0)
          .max(MAX_FEN / 100)
          .decimal([0, 2])
          .optional(),
        condition: vine.string().trim().maxLength(500).optional(),
      })
    )
    .maxLength(10),
  supplementaryTerms: vine.string().trim().maxLength(10_000).optional(),
})

/** The validated contract page form as terms: money in fen, the empty milestone rows left out. */
export function termsFromForm(form: Infer<typeof contractTermsFormValidator>) {
  return {
    price: yuanToFen(form.priceYuan),
    deliverables: form.deliverables,
    timeLimitWorkingDays: form.timeLimitWorkingDays,
    acceptanceCriteria: form.acceptanceCriteria,
    disputeResolution: form.disputeResolution,
    milestones: form.milestones
      .filter((row) => row.title && row.amountYuan !== undefined)
      .map((row) => ({
        title: row.title!,
        amountFen: yuanToFen(row.amountYuan!),
        condition: row.condition || null,
      })),
    supplementaryTerms: form.supplementaryTerms ?? null,
  }
}

/**
 * Signing: the signer enters the password again and sends back the revision
 * and the SHA-256 of the text it was shown, so that a signature never covers
 * a text the signer did not read.
 */
export const signContractValidator = vine.create({
  password: vine.string().minLength(1).maxLength(200),
  revision: vine.number().withoutDecimals().min(1).max(1_000_000),
  textSha256: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/),
})

/** Which of the signer's certificates a signing request is prepared for (default: the newest in force). */
export const signingRequestValidator = vine.create({
  certificateSerial: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{1,40}$/)
    .optional(),
})

/** A signature by the signer's own key over what the signing request handed out. */
export const pdfSignatureValidator = vine.create({
  revision: vine.number().withoutDecimals().min(1).max(1_000_000),
  textSha256: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/),
  certificateSerial: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{1,40}$/),
  // r‖s (88 characters of base64) or DER (at most 72 octets)
  signatureBase64: vine
    .string()
    .trim()
    .maxLength(200)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/),
})

/** The winner refuses to sign, with a reason. */
export const refuseContractValidator = vine.create({
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

/** A regulator publishes a model contract or a new version of it (the reason is required). */
export const contractTemplateValidator = vine.create({
  key: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,46}$/),
  title: vine.string().trim().minLength(4).maxLength(200),
  body: vine.string().trim().minLength(50).maxLength(100_000),
  serviceItemCode: vine.string().trim().toUpperCase().maxLength(32).nullable().optional(),
  category: vine.string().trim().maxLength(100).nullable().optional(),
  changeReason: vine.string().trim().minLength(4).maxLength(2000),
})
