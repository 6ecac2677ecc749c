import type { HttpContext } from '@adonisjs/core/http'
import { homeLists, projectListPage } from '#presenters/public_lists'

const LATEST = 5

export default class HomeController {
  /**
   * The public front page: what the market is, a search box, the latest
   * announcements (公告) and results in publicity (中选公示), the live
   * figures and the catalog.
   */
  async show({ view }: HttpContext) {
    const [{ figures, serviceItems }, announcements, results] = await Promise.all([
      homeLists(),
      projectListPage({ status: 'published', perPage: LATEST }),
      projectListPage({ status: 'publicity', perPage: LATEST }),
    ])
    return view.render('pages/home', {
      figures,
      serviceItems,
      announcements: announcements.rows,
      results: results.rows,
    })
  }
}
