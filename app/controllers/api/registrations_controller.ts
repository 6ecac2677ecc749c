import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { registerAccountValidator } from '#validators/account'
import { registerAccount } from '#actions/accounts/register_account'
import { presentOrganization, presentUser } from '#presenters/account'

export default class RegistrationsController {
  /** POST /api/v1/auth/register: an owner or agency account and a first token. */
  async store({ request, response }: HttpContext) {
    const payload = await request.validateUsing(registerAccountValidator)
    const { user, organization } = await registerAccount(payload)
    const token = await User.accessTokens.create(user, ['*'], { name: 'registration' })
    return response.created({
      user: presentUser(user),
      organization: presentOrganization(organization),
      token: token.value!.release(),
    })
  }
}
