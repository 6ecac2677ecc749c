import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { FEE_TYPES, SERVICE_ITEM_STATUSES } from '#models/service_item'
import { MAX_FEN } from '#domain/money'

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

const fenAmount = () => vine.number().withoutDecimals().min(0).max(MAX_FEN)

/** Fields every version of an item carries (事项名称、设定依据、资质要求…). */
const itemFields = {
  name: vine.string().trim().minLength(2).maxLength(200),
  category: vine.string().trim().minLength(1).maxLength(100),
  legalBasis: vine.string().trim().minLength(2).maxLength(5000),
  requiredQualification: vine.string().trim().maxLength(200).nullable().optional(),
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
