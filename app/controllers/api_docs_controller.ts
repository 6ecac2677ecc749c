import type { HttpContext } from '@adonisjs/core/http'
import apiConfig from '#config/api'
import { buildOpenApiDocument } from '#open_api/document'
import { openApiPage } from '#open_api/page'

export default class ApiDocsController {
  /** GET /api-docs: the OpenAPI document for people, grouped by tag, rendered on the server. */
  async show({ i18n, view }: HttpContext) {
    const document = buildOpenApiDocument(i18n, apiConfig.rateLimit)
    return view.render('pages/api_docs', { document, groups: openApiPage(document) })
  }
}
