import vine from '@vinejs/vine'
import { usccField } from '#validators/rules/uscc'
import { AFFILIATE_RELATIONS } from '#domain/affiliations'
import { REGION_CODES } from '#domain/regions'

/** The catalog office registers an approval department. */
export const createDepartmentValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(100),
  regionCode: vine.enum(REGION_CODES),
})

/** A department renamed (机构改革), always with a reason. */
export const renameDepartmentValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(100),
  regionCode: vine.enum(REGION_CODES),
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

/** An organisation the department sponsors, supervises or owns, entered with a reason. */
export const addAffiliateValidator = vine.create({
  uscc: usccField(),
  name: vine.string().trim().minLength(2).maxLength(200),
  relation: vine.enum(AFFILIATE_RELATIONS),
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

/** An entry taken off the register, with a reason. */
export const removeAffiliateValidator = vine.create({
  reason: vine.string().trim().minLength(4).maxLength(2000),
})
