import type { HttpContext } from '@adonisjs/core/http'
import { isGuideName, renderGuide } from '#services/guides'

export default class GuidesController {
  /** GET /guide/:name — 办事指南 for owners or agencies. */
  async show({ params, view, response }: HttpContext) {
    if (!isGuideName(params.name)) return response.notFound()
    const guide = await renderGuide(params.name)
    return view.render('pages/guide', { guide, name: params.name })
  }
}
