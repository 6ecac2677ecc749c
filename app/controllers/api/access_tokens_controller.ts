import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import { createAccessTokenValidator } from '#validators/access_token'
import {
  accessTokensOf,
  issueAccessToken,
  revokeAccessToken,
} from '#actions/accounts/access_tokens'
import { presentAccessToken } from '#presenters/access_token'

/** /api/v1/tokens: the twin of /account/tokens for the token's own user. */
export default class AccessTokensController {
  /** GET: the user's tokens; `current` marks the one making this request. */
  async index({ auth }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const tokens = await accessTokensOf(user)
    const currentId = user.currentAccessToken.identifier
    return { data: tokens.map((token) => presentAccessToken(token, currentId)) }
  }

  /** POST {name, abilities?, expiresInDays?} → 201 with the plain token, shown only here. */
  async store({ auth, request, response }: HttpContext) {
    const payload = await request.validateUsing(createAccessTokenValidator)
    const token = await issueAccessToken(auth.getUserOrFail(), payload)
    return response.created({ ...presentAccessToken(token), token: token.value!.release() })
  }

  /** DELETE /:id → 204; the token is refused from the next request on. */
  async destroy({ auth, params, response }: HttpContext) {
    if (!(await revokeAccessToken(auth.getUserOrFail(), Number(params.id)))) {
      throw new Exception('No such token', { status: 404, code: 'E_ROW_NOT_FOUND' })
    }
    return response.noContent()
  }
}
