import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import { credentialsValidator } from '#validators/account'
import { verifyLoginAttempt } from '#services/login_throttle'
import { recordSignInOrigin } from '#services/sign_in_origins'
import { refuseSuspended } from '#services/account_sessions'

export default class TokensController {
  /** POST /api/v1/auth/tokens: exchanges e-mail and password for a bearer token. */
  async store({ request, response }: HttpContext) {
    const { email, password } = await request.validateUsing(credentialsValidator)
    const user = refuseSuspended(await verifyLoginAttempt(email, password, request.ip()))
    await recordSignInOrigin(user, 'login', request)
    const token = await User.accessTokens.create(user, ['*'], {
      name: String(request.input('name') ?? 'api').slice(0, 100),
    })
    return response.ok({
      token: token.value!.release(),
      expiresAt: token.expiresAt?.toISOString() ?? null,
    })
  }
}
