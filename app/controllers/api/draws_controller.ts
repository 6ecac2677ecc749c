import type { HttpContext } from '@adonisjs/core/http'
import Project from '#models/project'
import { drawProofOf } from '#queries/selection_result'

/** The public recomputation of a project's draw (API.md "Verifiable draw, version 1"). */
export default class DrawsController {
  /** GET /api/v1/draws/:projectId/verify */
  async verify({ params }: HttpContext) {
    const project = await Project.query()
      .where('id', params.projectId)
      .whereNot('status', 'draft')
      .firstOrFail()
    return drawProofOf(project)
  }
}
