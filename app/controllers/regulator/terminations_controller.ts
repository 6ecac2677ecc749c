import type { HttpContext } from '@adonisjs/core/http'
import { contestedTerminations } from '#queries/contract_terminations'

/** The regulator's desk of contested terminations (合同解除争议). */
export default class TerminationsController {
  async index({ view }: HttpContext) {
    return view.render('pages/regulator/terminations', {
      terminations: await contestedTerminations(),
    })
  }
}
