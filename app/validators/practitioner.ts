import vine from '@vinejs/vine'
import { idNumberRule } from '#validators/rules/id_number'
import { PRACTITIONER_ROLES } from '#models/practitioner'

/** An agency names a manager or a practitioner. */
export const createPractitionerValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(100),
  idNumber: vine.string().trim().use(idNumberRule()),
  role: vine.enum(PRACTITIONER_ROLES),
  certificateNo: vine.string().trim().maxLength(100).nullable().optional(),
})
