import type { HttpContext } from '@adonisjs/core/http'
import Objection from '#models/objection'
import ObjectionPolicy from '#policies/objection_policy'
import { decideObjectionValidator } from '#validators/objection'
import { decideObjection } from '#actions/selection/objections'
import { pendingObjections } from '#queries/project_pages'

/** The regulator's objection desk (质疑处理). */
export default class ObjectionsController {
  async index({ view }: HttpContext) {
    return view.render('pages/regulator/objections', { objections: await pendingObjections() })
  }

  async decide({ params, request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(ObjectionPolicy).authorize('decide')
    const objection = await Objection.findOrFail(params.id)
    const payload = await request.validateUsing(decideObjectionValidator)
    await decideObjection(objection, payload, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.projectPages.objectionDecided'))
    return response.redirect().toRoute('projects.show', { id: objection.projectId })
  }
}
