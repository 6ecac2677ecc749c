import JointPunishmentEntry from '#models/joint_punishment_entry'
import type { HttpContext } from '@adonisjs/core/http'
import JointPunishmentEntryPolicy from '#policies/joint_punishment_entry_policy'
import {
  jointPunishmentImportValidator,
  jointPunishmentLiftValidator,
} from '#validators/joint_punishment'
import {
  importJointPunishmentList,
  liftJointPunishmentEntry,
} from '#actions/credit/joint_punishment'
import { jointPunishmentDesk } from '#queries/joint_punishment'
import { isoInstant } from '#domain/time_zone'

/** 联合惩戒 for integrations: the lists, an import, a lift. */
export default class JointPunishmentsController {
  /** GET /api/v1/regulator/joint-punishments */
  async index({ bouncer }: HttpContext) {
    await bouncer.with(JointPunishmentEntryPolicy).authorize('manage')
    const desk = await jointPunishmentDesk()
    return {
      imports: desk.imports.map((row) => ({ ...row, importedAt: isoInstant(row.importedAt) })),
      data: desk.entries,
    }
  }

  /** POST /api/v1/regulator/joint-punishments/imports (multipart) {listName, measure, file} */
  async import({ request, response, auth, bouncer }: HttpContext) {
    await bouncer.with(JointPunishmentEntryPolicy).authorize('manage')
    const input = await request.validateUsing(jointPunishmentImportValidator)
    return response.created(await importJointPunishmentList(input, auth.getUserOrFail()))
  }

  /** POST /api/v1/regulator/joint-punishments/:id/lift {reason} */
  async lift({ params, request, auth, bouncer }: HttpContext) {
    await bouncer.with(JointPunishmentEntryPolicy).authorize('manage')
    // An entry that does not exist is a 404 whatever the body says.
    const entry = await JointPunishmentEntry.findOrFail(params.id)
    const { reason } = await request.validateUsing(jointPunishmentLiftValidator)
    return liftJointPunishmentEntry(entry.id, reason, auth.getUserOrFail())
  }
}
