import type { HttpContext } from '@adonisjs/core/http'
import Qualification from '#models/qualification'
import QualificationPolicy from '#policies/qualification_policy'
import { checkQualificationValidator, listQualificationsValidator } from '#validators/qualification'
import { checkQualification } from '#actions/registry/qualifications'
import { presentQualification } from '#presenters/agency'

export default class QualificationChecksController {
  /** GET /api/v1/regulator/qualifications?status=unverified: what awaits a spot check. */
  async index({ request }: HttpContext) {
    const { status = 'unverified' } = await request.validateUsing(listQualificationsValidator, {
      data: request.qs(),
    })
    const qualifications = await Qualification.query()
      .where('status', status)
      .orderBy('id')
      .limit(200)
    return {
      data: qualifications.map((q) => ({
        ...presentQualification(q, true),
        agencyId: q.organizationId,
      })),
    }
  }

  /** POST /api/v1/regulator/qualifications/:id/checks: verified, or false with the finding. */
  async store({ params, request, response, bouncer, auth }: HttpContext) {
    const qualification = await Qualification.findOrFail(params.id)
    await bouncer.with(QualificationPolicy).authorize('check')
    const payload = await request.validateUsing(checkQualificationValidator)
    const check = await checkQualification(qualification, payload, auth.getUserOrFail())
    return response.created({
      id: check.id,
      qualificationId: qualification.id,
      outcome: check.outcome,
      note: check.note,
      checkedAt: check.createdAt.toISO(),
    })
  }
}
