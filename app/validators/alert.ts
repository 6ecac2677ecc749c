import vine from '@vinejs/vine'
import { asList } from '#validators/rules/form_inputs'
import { ALERT_FREQUENCIES } from '#domain/alerts'
import { REGION_CODES } from '#domain/regions'

/** The items (codes) and regions of an alert, none meaning all, and how often. */
export const alertSubscriptionValidator = vine.create({
  itemCodes: vine.array(vine.string().trim().minLength(1).maxLength(32)).maxLength(100).optional(),
  regionCodes: vine.array(vine.enum(REGION_CODES)).maxLength(100).optional(),
  frequency: vine.enum(ALERT_FREQUENCIES),
})

/** The same from the page: a multiple select sends one code, several or none. */
export const alertSubscriptionFormValidator = vine.create({
  itemCodes: vine
    .array(vine.string().trim().minLength(1).maxLength(32))
    .maxLength(100)
    .parse(asList),
  regionCodes: vine.array(vine.enum(REGION_CODES)).maxLength(100).parse(asList),
  frequency: vine.enum(ALERT_FREQUENCIES),
})
