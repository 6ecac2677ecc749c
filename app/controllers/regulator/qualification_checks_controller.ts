import type { HttpContext } from '@adonisjs/core/http'
import Qualification from '#models/qualification'
import Organization from '#models/organization'
import QualificationPolicy from '#policies/qualification_policy'
import { checkQualificationValidator, listQualificationsValidator } from '#validators/qualification'
import { checkQualification } from '#actions/registry/qualifications'

/** Qualification spot checks (抽查): verify, or mark false with a note kept as evidence. */
export default class QualificationChecksController {
  async index({ request, view }: HttpContext) {
    const { status = 'unverified' } = await request.validateUsing(listQualificationsValidator, {
      data: request.qs(),
    })
    const qualifications = await Qualification.query()
      .where('status', status)
      .preload('checks', (query) => query.orderBy('id', 'desc'))
      .orderBy('id')
      .limit(200)
    const agencyIds = [...new Set(qualifications.map((q) => q.organizationId))]
    const agencies = agencyIds.length
      ? await Organization.query().whereIn('id', agencyIds).select('id', 'name')
      : []
    return view.render('pages/regulator/qualifications/index', {
      qualifications,
      agencyNames: Object.fromEntries(agencies.map((agency) => [agency.id, agency.name])),
      status,
    })
  }

  async store({ params, request, response, bouncer, auth, session, i18n }: HttpContext) {
    const qualification = await Qualification.findOrFail(params.id)
    await bouncer.with(QualificationPolicy).authorize('check')
    const payload = await request.validateUsing(checkQualificationValidator)
    await checkQualification(qualification, payload, auth.getUserOrFail())
    session.flash('success', i18n.t(`messages.registry.checked.${payload.outcome}`))
    return response.redirect().back()
  }
}
