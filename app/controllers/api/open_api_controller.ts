import type { HttpContext } from '@adonisjs/core/http'
import apiConfig from '#config/api'
import { buildOpenApiDocument } from '#open_api/document'

export default class OpenApiController {
  /** GET /api/v1/openapi.json: the OpenAPI 3.1 document, texts in the request's language. */
  async show({ i18n }: HttpContext) {
    return buildOpenApiDocument(i18n, apiConfig.rateLimit)
  }
}
