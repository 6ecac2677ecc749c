import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { FEE_TYPES, SERVICE_ITEM_STATUSES } from '#models/service_item'
import { MAX_FEN } from '#domain/money'
import { QUALIFICATION_LEVEL_CODES, QUALIFICATION_TYPE_CODES } from '#domain/qualification_types'
import { PROVISIONS } from '#domain/service_guide'
import {
  PERSON_QUALIFICATION_CODES,
  PERSON_QUALIFICATION_LEVEL_CODES,
} from '#domain/person_qualifications'
import { REGION_CODES } from '#domain/regions'

/** The largest fee accepted: ¥10 billion in fen, far beyond any intermediary service. */

/** A fee bound must not be lower than the field it is compared with. */
const notBelowField = vine.createRule((value: unknown, otherField: string, field: FieldContext) => {
  const other = field.parent?.[otherField]
  if (typeof value === 'number' && typeof other === 'number' && value < other) {
    field.report('The {{ field }} must not be below {{ otherField }}', 'notBelowField', field, {
      otherField,
    })
  }
})

const guideText = (max: number) => vine.string().trim().maxLength(max).nullable().optional()

const fenAmount = () => vine.number().withoutDecimals().min(0).max(MAX_FEN)

/** Fields every version of an item carries (事项名称、设定依据、资质要求…). */
const itemFields = {
  name: vine.string().trim().minLength(2).maxLength(200),
  category: vine.string().trim().minLength(1).maxLength(100),
  legalBasis: vine.string().trim().minLength(2).maxLength(5000),
  // 资质: a type and minimum level from the closed list (the pair is checked by the action).
  qualificationType: vine.enum(QUALIFICATION_TYPE_CODES).nullable().optional(),
  qualificationLevel: vine.enum(QUALIFICATION_LEVEL_CODES).nullable().optional(),
  // 执业资格 the project lead must hold, apart from the agency's 资质 (null: the law requires none).
  leadQualification: vine.enum(PERSON_QUALIFICATION_CODES).nullable().optional(),
  leadQualificationLevel: vine.enum(PERSON_QUALIFICATION_LEVEL_CODES).nullable().optional(),
  approvalItem: vine.string().trim().minLength(2).maxLength(200),
  // The approving department by id; API clients may name it exactly instead.
  departmentId: vine
    .number()
    .withoutDecimals()
    .min(1)
    .optional()
    .requiredIfMissing('approvalDepartment'),
  approvalDepartment: vine.string().trim().minLength(2).maxLength(100).optional(),
  timeLimitWorkingDays: vine.number().withoutDecimals().min(1).max(365),
  feeType: vine.enum(FEE_TYPES),
  // Bounds are required unless the price is left to the market (市场调节价).
  feeMinFen: fenAmount().nullable().optional().requiredWhen('feeType', 'notIn', ['market']),
  feeMaxFen: fenAmount()
    .nullable()
    .optional()
    .requiredWhen('feeType', 'notIn', ['market'])
    .use(notBelowField('feeMinFen')),
  effectiveDate: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  // 服务指南: see app/domain/service_guide.ts.
  provision: vine.enum(PROVISIONS).nullable().optional(),
  // 公布收费依据: a fee set or guided by the government names the document it is set by.
  feeBasisDocument: vine
    .string()
    .trim()
    .maxLength(500)
    .nullable()
    .optional()
    .requiredWhen('feeType', 'in', ['government_priced', 'government_guided']),
  feeBasisArticle: guideText(200),
  regionalCoverage: vine.array(vine.enum(REGION_CODES)).maxLength(60).nullable().optional(),
  guideBasis: guideText(5000),
  guideScope: guideText(5000),
  guideObject: guideText(2000),
  guideContent: guideText(5000),
  guideMethod: guideText(5000),
  guideConclusion: guideText(2000),
  materials: guideText(5000),
}

/** A regulator adds an item to the catalog. */
export const createServiceItemValidator = vine.create({
  code: vine
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/)
    .unique({ table: 'service_items', column: 'code' }),
  ...itemFields,
  changeReason: vine.string().trim().maxLength(2000).optional(),
})

/** A regulator revises an item: a new version, always with a reason; retiring is a revision. */
export const reviseServiceItemValidator = vine.create({
  ...itemFields,
  status: vine.enum(SERVICE_ITEM_STATUSES),
  changeReason: vine.string().trim().minLength(4).maxLength(2000),
})

/** Filters of the public catalog. */
export const catalogFiltersValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  category: vine.string().trim().maxLength(100).optional(),
  status: vine.enum(SERVICE_ITEM_STATUSES).optional(),
})
