import vine from '@vinejs/vine'
import { labelled } from '#validators/labels'
import { scanFile } from '#validators/rules/file_content'

/** An agency declares a qualification certificate, optionally with its scan. */
export const createQualificationValidator = labelled(
  'qualification',
  vine.create({
    type: vine.string().trim().minLength(2).maxLength(200),
    level: vine.string().trim().maxLength(50).nullable().optional(),
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
