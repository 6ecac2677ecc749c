import type { HttpContext } from '@adonisjs/core/http'
import Organization from '#models/organization'
import { presentOrganization, presentUser } from '#presenters/account'

export default class MeController {
  /** GET /api/v1/me: the token's user and organisation. */
  async show({ auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const organization = await Organization.findOrFail(user.organizationId)
    return { user: presentUser(user), organization: presentOrganization(organization) }
  }
}
