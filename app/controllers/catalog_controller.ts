import type { HttpContext } from '@adonisjs/core/http'
import { catalogFiltersValidator } from '#validators/service_item'
import { loadServiceItem } from '#queries/catalog'
import { catalogCategoryList, catalogList } from '#presenters/public_lists'
import { presentGuide, presentLeadQualification, presentQualification } from '#presenters/catalog'

export default class CatalogController {
  /** The public catalog of service items (中介服务事项清单). */
  async index({ request, view }: HttpContext) {
    const filters = await request.validateUsing(catalogFiltersValidator, { data: request.qs() })
    const [items, categories] = await Promise.all([catalogList(filters), catalogCategoryList()])
    return view.render('pages/catalog/index', { items, categories, filters })
  }

  /** One item: its current version as a printable service guide, and the full change history. */
  async show({ params, view, i18n }: HttpContext) {
    const item = await loadServiceItem(params.code)
    return view.render('pages/catalog/show', {
      item,
      guide: presentGuide(item.serviceGuide, i18n.locale),
      qualification: presentQualification(item, i18n.locale),
      leadQualification: presentLeadQualification(item, i18n.locale),
    })
  }
}
