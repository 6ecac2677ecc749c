import type { HttpContext } from '@adonisjs/core/http'
import { outsideSelections } from '#queries/outside_selections'
import { listOutsideSelectionsValidator } from '#validators/outside_selection'

/** GET /outside-selections — selections made outside the market, public like results. */
export default class OutsideSelectionsController {
  async index({ request, view }: HttpContext) {
    const { page } = await request.validateUsing(listOutsideSelectionsValidator, {
      data: request.qs(),
    })
    return view.render('pages/outside_selections/index', {
      result: await outsideSelections(page ?? 1),
    })
  }
}
