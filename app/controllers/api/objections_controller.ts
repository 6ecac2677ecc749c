import type { HttpContext } from '@adonisjs/core/http'
import Project from '#models/project'
import Objection from '#models/objection'
import ObjectionPolicy from '#policies/objection_policy'
import { decideObjectionValidator, fileObjectionValidator } from '#validators/objection'
import { decideObjection, fileObjection } from '#actions/selection/objections'
import { presentObjection } from '#presenters/project'

/** 质疑: participants object during publicity; regulators decide. */
export default class ObjectionsController {
  /** POST /api/v1/projects/:id/objections (participating agency) {reason, bidId?} */
  async store({ params, request, response, bouncer, auth }: HttpContext) {
    await bouncer.with(ObjectionPolicy).authorize('file')
    const project = await Project.findOrFail(params.id)
    const payload = await request.validateUsing(fileObjectionValidator)
    const objection = await fileObjection(project, payload, auth.getUserOrFail())
    return response.created(presentObjection(objection))
  }

  /** POST /api/v1/regulator/objections/:id/decide (regulator) {upheld, decision} */
  async decide({ params, request, bouncer, auth }: HttpContext) {
    await bouncer.with(ObjectionPolicy).authorize('decide')
    const objection = await Objection.findOrFail(params.id)
    const payload = await request.validateUsing(decideObjectionValidator)
    const decided = await decideObjection(objection, payload, auth.getUserOrFail())
    const project = await Project.findOrFail(decided.projectId)
    return { ...presentObjection(decided), projectStatus: project.status }
  }
}
