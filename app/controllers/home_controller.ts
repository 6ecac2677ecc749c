import type { HttpContext } from '@adonisjs/core/http'
import { homeLists } from '#presenters/public_lists'

export default class HomeController {
  /** The public front page: what the market is and its live figures. */
  async show({ view }: HttpContext) {
    const { figures, serviceItems } = await homeLists()
    return view.render('pages/home', { figures, serviceItems })
  }
}
