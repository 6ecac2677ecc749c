import type { HttpContext } from '@adonisjs/core/http'
import ServiceItem from '#models/service_item'
import { marketFigures } from '#queries/market_figures'

export default class HomeController {
  /** The public front page: what the market is and its live figures. */
  async show({ view }: HttpContext) {
    const figures = await marketFigures()
    const serviceItems = await ServiceItem.query()
      .withScopes((scopes) => scopes.active())
      .orderBy('code')
      .limit(20)
    return view.render('pages/home', { figures, serviceItems })
  }
}
