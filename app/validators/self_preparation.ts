import vine from '@vinejs/vine'
import { REGION_CODES } from '#domain/regions'

/** An owner records that it prepares a may-self-prepare item itself. */
export const recordSelfPreparationValidator = vine.create({
  serviceItemCode: vine.string().trim().toUpperCase().maxLength(32),
  title: vine.string().trim().minLength(2).maxLength(200),
  investmentProjectCode: vine.string().trim().maxLength(32).nullable().optional(),
  region: vine.enum(REGION_CODES).optional(),
  statement: vine.string().trim().minLength(4).maxLength(2000),
})

/** The owner withdraws the record (it will select an agency after all). */
export const withdrawSelfPreparationValidator = vine.create({
  reason: vine.string().trim().minLength(2).maxLength(2000),
})
