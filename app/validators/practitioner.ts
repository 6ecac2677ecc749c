import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { isValidIdNumber, normalizeIdNumber } from '#domain/id_card'
import { PRACTITIONER_ROLES } from '#models/practitioner'

/** A 居民身份证号码 with a correct GB 11643 check character. */
const idNumberRule = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  if (!isValidIdNumber(value)) {
    field.report('The {{ field }} is not a valid ID-card number', 'idNumber', field)
    return
  }
  field.mutate(normalizeIdNumber(value), field)
})

/** An agency names a manager or a practitioner. */
export const createPractitionerValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(100),
  idNumber: vine.string().trim().use(idNumberRule()),
  role: vine.enum(PRACTITIONER_ROLES),
  certificateNo: vine.string().trim().maxLength(100).nullable().optional(),
})
