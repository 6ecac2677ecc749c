import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import { presentOrganization } from '#presenters/account'
import { listOrganizationsValidator } from '#validators/organization'

export default class OrganizationsController {
  /** GET /api/v1/regulator/organizations: every registered organisation (regulators read all records). */
  async index({ request }: HttpContext) {
    const {
      kind,
      page = 1,
      perPage = 20,
    } = await request.validateUsing(listOrganizationsValidator, {
      data: request.qs(),
    })
    const result = await Organization.query()
      .if(kind, (query) => query.where('kind', kind!))
      .orderBy('id')
      .paginate(page, perPage)
    return {
      data: result.all().map(presentOrganization),
      meta: { total: result.total, page: result.currentPage, perPage: result.perPage },
    }
  }
}
