import vine from '@vinejs/vine'
import { idNumberRule } from '#validators/rules/id_number'
import { PRACTITIONER_ROLES } from '#models/practitioner'

/** An agency names a manager or a practitioner. */
export const createPractitionerValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(100),
  idNumber: vine.string().trim().use(idNumberRule()),
  role: vine.enum(PRACTITIONER_ROLES),
  certificateNo: vine.string().trim().maxLength(100).nullable().optional(),
  /** The qualification the person holds (the type an item requires) and its last valid day. */
  qualificationType: vine.string().trim().maxLength(200).nullable().optional(),
  qualificationValidUntil: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .nullable()
    .optional()
    .requiredIfExists('qualificationType'),
})

/** 执业记录 search: by (part of) the person's name and of the agency's name. */
export const practiceSearchValidator = vine.create({
  name: vine.string().trim().maxLength(100).optional(),
  agency: vine.string().trim().maxLength(200).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
})
