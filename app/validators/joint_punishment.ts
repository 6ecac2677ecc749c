import vine from '@vinejs/vine'
import { labelled } from '#validators/labels'
import { JOINT_PUNISHMENT_MEASURES } from '#domain/joint_punishment'
import { csvListFile } from '#validators/rules/file_content'

/**
 * 联合惩戒: a regulator imports a list — its name (a later import of the same
 * name replaces it), the measure the market applies, and the CSV file.
 */
export const jointPunishmentImportValidator = labelled(
  'jointPunishment',
  vine.create({
    listName: vine.string().trim().minLength(2).maxLength(100),
    measure: vine.enum(JOINT_PUNISHMENT_MEASURES),
    file: csvListFile(),
  })
)

/** Lifting one entry needs a reason. */
export const jointPunishmentLiftValidator = labelled(
  'jointPunishment',
  vine.create({ reason: vine.string().trim().minLength(4).maxLength(2000) })
)
