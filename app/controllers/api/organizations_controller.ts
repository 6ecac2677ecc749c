import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import { presentOrganization } from '#presenters/account'

export default class OrganizationsController {
  /** GET /api/v1/organizations/:id: the public card of a project owner (agencies: /agencies/:id). */
  async show({ params }: HttpContext) {
    const organization = await Organization.query()
      .where('id', params.id)
      .where('kind', 'owner')
      .firstOrFail()
    return { ...presentOrganization(organization), registeredAt: organization.createdAt.toISO() }
  }
}
