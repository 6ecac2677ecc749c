import vine from '@vinejs/vine'
import { labelled } from '#validators/labels'
import type { Infer } from '@vinejs/vine/types'
import { REGION_CODES } from '#domain/regions'
import { EXEMPTIONS, FUNDING_SOURCES } from '#domain/funding_scope'
import { CREDIT_GRADES } from '#domain/credit'
import { SELECTION_METHODS } from '#models/project'
import { scanFile } from '#validators/rules/file_content'
import { MAX_FEN } from '#domain/money'
import { storableInstantRule } from '#validators/rules/storable_instant'
import { investmentCodeField } from '#validators/rules/investment_code'
import { beijingLocalToDate, yuanToFen } from '#services/money'

/**
 * An owner drafts a project (API.md fields, plus the spec's optional extras:
 * deliverables, location, region, investment project code, contact,
 * credit-preferred list sizes) and the scope of the market: the funding source
 * (required), the commissioning department, an emergency exemption.
 */
export const createProjectValidator = labelled(
  'project',
  vine.create({
    title: vine.string().trim().minLength(4).maxLength(200),
    serviceItemCode: vine.string().trim().toUpperCase().maxLength(32),
    description: vine.string().trim().minLength(10).maxLength(10_000),
    deliverables: vine.string().trim().maxLength(5000).optional(),
    location: vine.string().trim().maxLength(200).optional(),
    region: vine.enum(REGION_CODES).optional(),
    investmentProjectCode: investmentCodeField().optional(),
    fundingSource: vine.enum(FUNDING_SOURCES),
    commissioningDepartmentId: vine.number().withoutDecimals().min(1).optional(),
    exemption: vine.enum(EXEMPTIONS).optional(),
    exemptionReason: vine.string().trim().maxLength(2000).optional(),
    ceilingPriceFen: vine.number().withoutDecimals().min(1).max(MAX_FEN),
    floorPriceFen: vine.number().withoutDecimals().min(0).max(MAX_FEN).optional(),
    method: vine.enum(SELECTION_METHODS),
    deadline: vine.date({ formats: { utc: true } }).use(storableInstantRule()),
    minCreditGrade: vine.enum(CREDIT_GRADES).optional(),
    weights: vine
      .object({
        price: vine.number().min(0).max(100),
        credit: vine.number().min(0).max(100),
        performance: vine.number().min(0).max(100),
        plan: vine.number().min(0).max(100).optional(),
      })
      .optional(),
    directAgencyId: vine.number().withoutDecimals().min(1).optional(),
    timeLimitWorkingDays: vine.number().withoutDecimals().min(1).max(365).optional(),
    longlistSize: vine.number().withoutDecimals().min(1).max(100).optional(),
    shortlistSize: vine.number().withoutDecimals().min(1).max(100).optional(),
    contactName: vine.string().trim().maxLength(100).optional(),
    contactPhone: vine.string().trim().maxLength(32).optional(),
  })
)

/** Cancelling before opening needs a public reason. */
export const cancelProjectValidator = labelled(
  'project',
  vine.create({
    reason: vine.string().trim().minLength(4).maxLength(2000),
  })
)

/** The page's cancellation form: the reason, and the box the owner ticks to confirm (我确认终止). */
export const cancelProjectFormValidator = vine.create({
  reason: vine.string().trim().minLength(4).maxLength(2000),
  confirmed: vine.accepted(),
})

/** Filters of the public project list. */
export const listProjectsValidator = vine.create({
  status: vine
    .enum(['published', 'opened', 'publicity', 'awarded', 'cancelled', 'failed'] as const)
    .optional(),
  item: vine.string().trim().toUpperCase().maxLength(32).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})

/** Publication; after a failure (流标) the owner may set a new deadline and name another agency. */
export const publishProjectValidator = labelled(
  'project',
  vine.create({
    deadline: vine
      .date({ formats: { utc: true } })
      .use(storableInstantRule())
      .optional(),
    directAgencyId: vine.number().withoutDecimals().min(1).optional(),
  })
)

/** Yuan with at most two decimals, as people type money (stored as integer fen). */
const yuan = () =>
  vine
    .number()
    .min(0.01)
    .max(MAX_FEN / 100)
    .decimal([0, 2])

/**
 * The form's four weight fields are always sent, blank unless the project is
 * scored: price, credit and performance are required as soon as one of the
 * four is filled in; all blank means no weights (see `formWeights`).
 */
const weightFields = () => {
  const weight = () => vine.number().min(0).max(100).optional()
  return vine
    .object({
      price: weight().requiredIfAnyExists(['credit', 'performance', 'plan']),
      credit: weight().requiredIfAnyExists(['price', 'performance', 'plan']),
      performance: weight().requiredIfAnyExists(['price', 'credit', 'plan']),
      plan: weight(),
    })
    .optional()
}

/** The validated weight fields of the form as the project's weights, none when left blank. */
export function formWeights(
  fields: { price?: number; credit?: number; performance?: number; plan?: number } | undefined
) {
  if (
    fields?.price === undefined ||
    fields.credit === undefined ||
    fields.performance === undefined
  ) {
    return undefined
  }
  const { price, credit, performance, plan } = fields
  return { price, credit, performance, plan }
}

/** A datetime-local value of the form, read as Beijing time. */
const beijingDeadline = () =>
  vine
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    .use(storableInstantRule())
    .transform(beijingLocalToDate)

/**
 * The owner's form: the same fields as the API, with money in yuan and the
 * deadline as a Beijing-time datetime-local value (a Date once validated).
 */
export const projectFormValidator = labelled(
  'project',
  vine.create({
    title: vine.string().trim().minLength(4).maxLength(200),
    serviceItemCode: vine.string().trim().toUpperCase().maxLength(32),
    description: vine.string().trim().minLength(10).maxLength(10_000),
    deliverables: vine.string().trim().maxLength(5000).optional(),
    location: vine.string().trim().maxLength(200).optional(),
    fundingSource: vine.enum(FUNDING_SOURCES),
    commissioningDepartmentId: vine.number().withoutDecimals().min(1).optional(),
    exemption: vine.enum(EXEMPTIONS).optional(),
    exemptionReason: vine.string().trim().maxLength(2000).optional(),
    investmentProjectCode: investmentCodeField().optional(),
    ceilingYuan: yuan(),
    floorYuan: yuan().optional(),
    method: vine.enum(SELECTION_METHODS),
    deadline: beijingDeadline(),
    minCreditGrade: vine.enum(CREDIT_GRADES).optional(),
    weights: weightFields(),
    directAgencyId: vine.number().withoutDecimals().min(1).optional(),
    longlistSize: vine.number().withoutDecimals().min(1).max(100).optional(),
    shortlistSize: vine.number().withoutDecimals().min(1).max(100).optional(),
    contactName: vine.string().trim().maxLength(100).optional(),
    contactPhone: vine.string().trim().maxLength(32).optional(),
  })
)

/**
 * The first step of the project form (a GET): the item and the selection
 * method decide which fields the form shows; for direct selection, words of
 * an agency's name or its USCC find the agencies to choose from.
 */
export const projectFormStepValidator = vine.create({
  item: vine.string().trim().toUpperCase().maxLength(32).optional(),
  method: vine.enum(SELECTION_METHODS).optional(),
  agencyQuery: vine.string().trim().maxLength(100).optional(),
})

/** Re-publication from the owner's page: a new Beijing-time deadline, another named agency. */
export const republishFormValidator = labelled(
  'project',
  vine.create({
    deadline: beijingDeadline().optional(),
    directAgencyId: vine.number().withoutDecimals().min(1).optional(),
  })
)

/** A document attached to a draft: PDF, JPEG or PNG up to 10 MB, checked by content. */
export const projectAttachmentValidator = vine.create({
  file: scanFile(),
})

/** The validated owner's form as a draft: money in fen, blank weights as none. */
export function draftFromForm(form: Infer<typeof projectFormValidator>) {
  const { ceilingYuan, floorYuan, weights, ...rest } = form
  return {
    ...rest,
    weights: formWeights(weights),
    ceilingPriceFen: yuanToFen(ceilingYuan),
    floorPriceFen: floorYuan === undefined ? undefined : yuanToFen(floorYuan),
  }
}
