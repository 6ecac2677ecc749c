import type { HttpContext } from '@adonisjs/core/http'
import { siteSearchValidator } from '#validators/search'
import { catalogList, directoryPage, projectListPage } from '#presenters/public_lists'

const SHOWN = 10

/**
 * 站内搜索: one box for the three registers a visitor looks things up in —
 * service items, agencies and projects (never drafts) — each with a link to
 * its full filtered list.
 */
export default class SearchController {
  async show({ request, view }: HttpContext) {
    const { q } = await request.validateUsing(siteSearchValidator, { data: request.qs() })
    if (!q) return view.render('pages/search', { q: '', results: null })
    const [items, agencies, projects] = await Promise.all([
      catalogList({ q }),
      directoryPage({ q, perPage: SHOWN }),
      projectListPage({ q, perPage: SHOWN }),
    ])
    return view.render('pages/search', {
      q,
      results: {
        items: items.slice(0, SHOWN),
        itemsTotal: items.length,
        agencies: agencies.rows,
        agenciesTotal: agencies.total,
        agenciesTotalIsLowerBound: agencies.totalIsLowerBound,
        projects: projects.rows,
        projectsTotal: projects.total,
      },
    })
  }
}
