import type { HttpContext } from '@adonisjs/core/http'
import Project from '#models/project'
import { drawProofOf } from '#queries/selection_result'

/** The public recomputation of a project's draw (API.md "Verifiable draw, version 1"). */
export default class DrawsController {
  /**
   * GET /api/v1/draws/:projectId/verify — 409 E_DRAW_PENDING with the reasons
   * while the seed is sealed (the set of valid bids is not final yet).
   */
  async verify({ params, response, i18n }: HttpContext) {
    const project = await Project.query()
      .where('id', params.projectId)
      .whereNot('status', 'draft')
      .firstOrFail()
    const proof = await drawProofOf(project)
    if (proof.pending.length > 0) {
      return response.conflict({
        errors: [
          {
            code: 'E_DRAW_PENDING',
            message: i18n.t('errors.E_DRAW_PENDING', {
              reasons: proof.pending
                .map((reason) => i18n.t(`messages.verify.pending.${reason}`))
                .join(i18n.locale.startsWith('zh') ? '；' : '; '),
            }),
            pending: proof.pending,
            commitment: proof.commitment,
          },
        ],
      })
    }
    return proof
  }
}
