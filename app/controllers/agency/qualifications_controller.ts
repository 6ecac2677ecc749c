import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import Qualification from '#models/qualification'
import QualificationPolicy from '#policies/qualification_policy'
import { createQualificationValidator } from '#validators/qualification'
import { addQualification, removeQualification } from '#actions/registry/qualifications'

export default class QualificationsController {
  /** Declares a qualification with its scan (PDF/JPEG/PNG ≤ 10 MB, checked by content). */
  async store({ auth, request, response, session, i18n }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const payload = await request.validateUsing(createQualificationValidator)
    await addQualification(organization, payload, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.registry.qualificationAdded'))
    return response.redirect().toRoute('agency.profile.edit')
  }

  /** Removes an unverified qualification of the agency's own. */
  async destroy({ auth, params, bouncer, response, session, i18n }: HttpContext) {
    const qualification = await Qualification.query()
      .where('id', params.id)
      .where('organization_id', auth.getUserOrFail().organizationId)
      .firstOrFail()
    await bouncer.with(QualificationPolicy).authorize('manage', qualification)
    await removeQualification(qualification, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.registry.qualificationRemoved'))
    return response.redirect().toRoute('agency.profile.edit')
  }
}
