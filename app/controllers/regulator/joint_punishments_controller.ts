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
import { JOINT_PUNISHMENT_MEASURES } from '#domain/joint_punishment'

/** 联合惩戒: the regulators' desk of imported lists. */
export default class JointPunishmentsController {
  async index({ view, bouncer }: HttpContext) {
    await bouncer.with(JointPunishmentEntryPolicy).authorize('manage')
    return view.render('pages/regulator/joint_punishments', {
      desk: await jointPunishmentDesk(),
      measures: JOINT_PUNISHMENT_MEASURES,
    })
  }

  /** The CSV file, its list name and measure (multipart). */
  async import({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(JointPunishmentEntryPolicy).authorize('manage')
    const input = await request.validateUsing(jointPunishmentImportValidator)
    const result = await importJointPunishmentList(input, auth.getUserOrFail())
    session.flash('success', i18n.t('joint_punishment.desk.imported', result))
    return response.redirect().toRoute('regulator.joint_punishments.index')
  }

  async lift({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(JointPunishmentEntryPolicy).authorize('manage')
    // An entry that does not exist is a 404 whatever the body says.
    const entry = await JointPunishmentEntry.findOrFail(params.id)
    const { reason } = await request.validateUsing(jointPunishmentLiftValidator)
    await liftJointPunishmentEntry(entry.id, reason, auth.getUserOrFail())
    session.flash('success', i18n.t('joint_punishment.desk.lifted'))
    return response.redirect().toRoute('regulator.joint_punishments.index')
  }
}
