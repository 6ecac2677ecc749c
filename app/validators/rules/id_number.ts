import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { isValidIdNumber, normalizeIdNumber } from '#domain/id_card'

/** A 居民身份证号码 with a correct GB 11643 check character (normalised to upper-case X). */
export const idNumberRule = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  if (!isValidIdNumber(value)) {
    field.report('The {{ field }} is not a valid ID-card number', 'idNumber', field)
    return
  }
  field.mutate(normalizeIdNumber(value), field)
})
