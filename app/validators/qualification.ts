import vine from '@vinejs/vine'
import { labelled } from '#validators/labels'
import { scanFile } from '#validators/rules/file_content'
import { QUALIFICATION_LEVEL_CODES, QUALIFICATION_TYPE_CODES } from '#domain/qualification_types'

/** An agency declares a qualification certificate, optionally with its scan. */
export const createQualificationValidator = labelled(
  'qualification',
  vine.create({
    // From the closed list (app/domain/qualification_types.ts); the pair is checked by the action.
    type: vine.enum(QUALIFICATION_TYPE_CODES),
    level: vine.enum(QUALIFICATION_LEVEL_CODES).nullable().optional(),
    certificateNo: vine.string().trim().minLength(2).maxLength(100),
    issuer: vine.string().trim().minLength(2).maxLength(200),
    validUntil: vine.date({ formats: ['YYYY-MM-DD'] }),
    file: scanFile().optional(),
  })
)

/** A regulator's spot check: verified, or false with the finding. */
export const checkQualificationValidator = vine.create({
  outcome: vine.enum(['verified', 'false'] as const),
  note: vine.string().trim().minLength(2).maxLength(2000),
})

/** The regulators' list of qualifications, by spot-check status. */
export const listQualificationsValidator = vine.create({
  status: vine.enum(['unverified', 'verified', 'false'] as const).optional(),
})
