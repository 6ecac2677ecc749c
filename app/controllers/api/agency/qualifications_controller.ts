import type { HttpContext } from '@adonisjs/core/http'
import Qualification from '#models/qualification'
import Organization from '#models/organization'
import QualificationPolicy from '#policies/qualification_policy'
import { createQualificationValidator } from '#validators/qualification'
import { addQualification, removeQualification } from '#actions/registry/qualifications'
import { presentQualification } from '#presenters/agency'

/** The signed-in agency's qualifications (/api/v1/agency/qualifications). */
export default class QualificationsController {
  /** POST (multipart when a scan is attached): declares a qualification, unverified. */
  async store({ auth, request, response }: HttpContext) {
    const organization = await Organization.findOrFail(auth.getUserOrFail().organizationId)
    const payload = await request.validateUsing(createQualificationValidator)
    const qualification = await addQualification(organization, payload, auth.getUserOrFail())
    return response.created(presentQualification(qualification, true))
  }

  /** DELETE /:id: removes an unverified qualification of the agency's own. */
  async destroy({ auth, params, bouncer, response }: HttpContext) {
    const qualification = await Qualification.query()
      .where('id', params.id)
      .where('organization_id', auth.getUserOrFail().organizationId)
      .firstOrFail()
    await bouncer.with(QualificationPolicy).authorize('manage', qualification)
    await removeQualification(qualification, auth.getUserOrFail())
    return response.noContent()
  }
}
