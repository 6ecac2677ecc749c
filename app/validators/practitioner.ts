import vine from '@vinejs/vine'
import { labelled } from '#validators/labels'
import { idNumberRule } from '#validators/rules/id_number'
import { PRACTITIONER_ROLES } from '#models/practitioner'
import {
  PERSON_QUALIFICATION_CODES,
  PERSON_QUALIFICATION_LEVEL_CODES,
} from '#domain/person_qualifications'

/** An agency names a manager or a practitioner. */
export const createPractitionerValidator = labelled(
  'practitioner',
  vine.create({
    name: vine.string().trim().minLength(2).maxLength(100),
    idNumber: vine.string().trim().use(idNumberRule()),
    role: vine.enum(PRACTITIONER_ROLES),
    certificateNo: vine.string().trim().maxLength(100).nullable().optional(),
    /**
     * The person qualification (执业资格) the person holds, a code of the closed
     * list (app/domain/person_qualifications.ts), its level where it has levels
     * (the pair is checked by the action), and its last valid day.
     */
    qualificationCode: vine.enum(PERSON_QUALIFICATION_CODES).nullable().optional(),
    qualificationLevel: vine.enum(PERSON_QUALIFICATION_LEVEL_CODES).nullable().optional(),
    /**
     * Clients written before the list send the qualification's name instead:
     * it is read onto the list by name or alias (with its level), and refused
     * at this field when the list knows no such qualification.
     */
    qualificationType: vine.string().trim().maxLength(100).nullable().optional(),
    qualificationValidUntil: vine
      .date({ formats: ['YYYY-MM-DD'] })
      .nullable()
      .optional()
      .requiredIfAnyExists(['qualificationCode', 'qualificationType']),
  })
)

/** 执业记录 search: by (part of) the person's name and of the agency's name. */
export const practiceSearchValidator = vine.create({
  name: vine.string().trim().maxLength(100).optional(),
  agency: vine.string().trim().maxLength(200).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
})
